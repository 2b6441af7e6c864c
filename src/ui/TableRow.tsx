// One line of a table: fixed-width cells from column definitions, optionally highlighted.

import { Box, Text } from "ink";
import { memo } from "react";
import { fitCell } from "./fit-cell.ts";
import type { PlacedColumn } from "./table.ts";
import { colorOf, useTheme } from "./theme.ts";

export interface TableRowProps<R> {
  readonly columns: readonly PlacedColumn<R>[];
  readonly row: R;
  readonly selected?: boolean;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Draws one row; a selected row is drawn inverse with a "›" marker. Cells are drawn in runs of printable ASCII and
 * of other text, one Text each: Ink measures every Text on every frame, and plain ASCII it measures by length.
 */
export const TableRow = memo(TableRowLine) as typeof TableRowLine;

function TableRowLine<R>({ columns, row, selected = false }: TableRowProps<R>) {
  const theme = useTheme();
  const cells = columns.map(({ column, width }) => {
    const cell = column.cell(row, width);
    return { id: column.id, cell, text: ` ${fitCell(cell.text, width, column.align)}` };
  });
  const runs: (typeof cells)[] = [];
  let ascii: boolean | null = null;
  for (const c of cells) {
    const isAscii = PRINTABLE_ASCII.test(c.text);
    if (isAscii !== ascii || runs.length === 0) runs.push([]);
    runs[runs.length - 1]!.push(c);
    ascii = isAscii;
  }
  return (
    <Box>
      {runs.map((run, r) => (
        <Text key={run[0]!.id} wrap="truncate-end" inverse={selected} bold={selected}>
          {r === 0 ? (selected ? "›" : " ") : null}
          {run.map(({ id, cell, text }) => (
            <Text key={id} color={selected ? undefined : colorOf(theme, cell.tone)} dimColor={cell.dim}>
              {text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}

/** The column titles, dimmed, the sorted one marked. */
export function TableHeader<R>({ columns, sorted }: { columns: readonly PlacedColumn<R>[]; sorted?: string }) {
  const titles = columns.map(({ column, width }) =>
    fitCell(column.id === sorted ? `${column.title}▼` : column.title, width, column.align),
  );
  return (
    <Text wrap="truncate-end" bold dimColor>
      {`  ${titles.join(" ")}`}
    </Text>
  );
}
