// One line of a table: fixed-width cells from column definitions, optionally highlighted.

import { Text } from "ink";
import { fitCell } from "./fit-cell.ts";
import type { PlacedColumn } from "./table.ts";
import { colorOf, useTheme } from "./theme.ts";

export interface TableRowProps<R> {
  readonly columns: readonly PlacedColumn<R>[];
  readonly row: R;
  readonly selected?: boolean;
}

/** Draws one row; a selected row is drawn inverse with a "›" marker. */
export function TableRow<R>({ columns, row, selected = false }: TableRowProps<R>) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end" inverse={selected} bold={selected}>
      {selected ? "›" : " "}
      {columns.map(({ column, width }) => {
        const cell = column.cell(row, width);
        return (
          <Text key={column.id} color={selected ? undefined : colorOf(theme, cell.tone)} dimColor={cell.dim}>
            {` ${fitCell(cell.text, width, column.align)}`}
          </Text>
        );
      })}
    </Text>
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
