// The services list: a title, column titles and only the rows that fit (virtualised by the scroll offset).

import { Box, Text } from "ink";
import type { ServiceRow } from "../app/service-order.ts";
import type { SortMode } from "../app/state.ts";
import { LIST_COLUMNS, SORTED_COLUMN } from "./list-columns.ts";
import { sanitize } from "./sanitize.ts";
import { TableHeader, TableRow } from "./TableRow.tsx";
import { layoutColumns } from "./table.ts";

export interface ServiceListProps {
  readonly rows: readonly ServiceRow[];
  /** How many services there are before filtering. */
  readonly total: number;
  readonly selectedIndex: number;
  /** First visible row. */
  readonly start: number;
  /** Rows that fit. */
  readonly page: number;
  readonly width: number;
  readonly sort: SortMode;
  readonly filter: string;
}

/** The lines the list uses above its rows (title and column titles). */
export const LIST_CHROME = 2;

/** Draws the visible slice of the services list. */
export function ServiceList({ rows, total, selectedIndex, start, page, width, sort, filter }: ServiceListProps) {
  const columns = layoutColumns(LIST_COLUMNS, width - 2);
  const visible = rows.slice(start, start + page);
  const shown = filter ? ` · filter “${sanitize(filter)}”: ${rows.length} of ${total}` : "";
  const position = rows.length > page ? ` · ${selectedIndex + 1}/${rows.length}` : "";
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        {`Services ${total} · sorted by ${sort}${shown}${position}`}
      </Text>
      <TableHeader columns={columns} sorted={SORTED_COLUMN[sort]} />
      {rows.length === 0 && filter ? (
        <Text wrap="truncate-end">{`  no service matches “${sanitize(filter)}” — Esc clears the filter`}</Text>
      ) : null}
      {visible.map((row, i) => (
        <TableRow key={row.service.name} columns={columns} row={row} selected={start + i === selectedIndex} />
      ))}
    </Box>
  );
}
