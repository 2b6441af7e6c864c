// The services list: a title, column titles and only the rows that fit (virtualised by the scroll offset).

import { Box, Text } from "ink";
import { useMemo } from "react";
import type { ServiceRow } from "../app/service-order.ts";
import type { SortMode } from "../app/state.ts";
import { LIST_COLUMNS, SORTED_COLUMN } from "./list-columns.ts";
import { sanitize } from "./sanitize.ts";
import { TableHeader, TableRow } from "./TableRow.tsx";
import { layoutColumns } from "./table.ts";

export interface ServiceListProps {
  /** The rows in the window, from row `start` on. */
  readonly rows: readonly ServiceRow[];
  readonly start: number;
  /** Rows the window holds. */
  readonly page: number;
  /** Services after filtering. */
  readonly count: number;
  /** Services before filtering. */
  readonly total: number;
  readonly selectedIndex: number;
  readonly width: number;
  readonly sort: SortMode;
  readonly filter: string;
}

/** The lines the list uses above its rows (title and column titles). */
export const LIST_CHROME = 2;

/** Draws the visible slice of the services list. */
export function ServiceList({ rows, start, page, count, total, selectedIndex, width, sort, filter }: ServiceListProps) {
  // the same columns while the width stays: rows whose data and selection did not change are not drawn again
  const columns = useMemo(() => layoutColumns(LIST_COLUMNS, width - 2), [width]);
  const shown = filter ? ` · filter “${sanitize(filter)}”: ${count} of ${total}` : "";
  const position = count > rows.length ? ` · ${selectedIndex + 1}/${count}` : "";
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" bold>
        {`Services ${total} · sorted by ${sort}${shown}${position}`}
      </Text>
      <TableHeader columns={columns} sorted={SORTED_COLUMN[sort]} />
      {count === 0 && filter ? (
        <Text wrap="truncate-end">{`  no service matches “${sanitize(filter)}” — Esc clears the filter`}</Text>
      ) : null}
      {rows.map((row, i) => (
        <TableRow
          // biome-ignore lint/suspicious/noArrayIndexKey: a row holds no state; keyed by its line modulo the page, it keeps its nodes while in the window, and a row scrolled in takes those of the one scrolled out
          key={(start + i) % page}
          columns={columns}
          row={row}
          selected={start + i === selectedIndex}
          width={width}
        />
      ))}
    </Box>
  );
}
