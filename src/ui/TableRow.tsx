// One line of a table: fixed-width cells from column definitions, optionally highlighted.

import { Box, Text } from "ink";
import { Fragment, memo } from "react";
import { fitCell } from "./fit-cell.ts";
import { type Piece, PRINTABLE_ASCII, rowPieces, type Span } from "./row-pieces.ts";
import type { PlacedColumn } from "./table.ts";
import { colorOf, type Theme, useTheme } from "./theme.ts";

export interface TableRowProps<R> {
  readonly columns: readonly PlacedColumn<R>[];
  readonly row: R;
  readonly selected?: boolean;
  /** Columns the line may take; an unselected line that fits is drawn without its padding. */
  readonly width?: number;
}

/**
 * Draws one row; a selected row is drawn inverse with a "›" marker. Cells are drawn in runs of printable ASCII and
 * of other text, one Text each: Ink measures every Text on every frame, and plain ASCII it measures by length.
 */
export const TableRow = memo(TableRowLine) as typeof TableRowLine;

function TableRowLine<R>({ columns, row, selected = false, width = 0 }: TableRowProps<R>) {
  const theme = useTheme();
  const cells: Span[] = columns.map(({ column, width }) => {
    const cell = column.cell(row, width);
    const tone = theme.color ? cell.tone : undefined;
    return { id: column.id, text: ` ${fitCell(cell.text, width, column.align)}`, tone, dim: cell.dim };
  });
  const pieces = selected ? null : rowPieces([{ id: "marker", text: " " }, ...cells], width);
  if (pieces) return piecesLine(pieces, theme);
  const runs: Span[][] = [];
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
          {run.map((span) => spanText(span, theme, selected))}
        </Text>
      ))}
    </Box>
  );
}

// a gap is an empty box as wide as the spaces it stands for
function piecesLine(pieces: readonly Piece[], theme: Theme) {
  return (
    <Box>
      {pieces.map((piece, p) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces are places in the line, they have no identity
        <Fragment key={p}>
          {piece.gap > 0 ? <Box width={piece.gap} flexShrink={0} /> : null}
          <Text wrap="truncate-end">{piece.spans.map((span) => spanText(span, theme))}</Text>
        </Fragment>
      ))}
    </Box>
  );
}

// a span inside its piece's or run's Text, bare text when unstyled; a selected row is drawn inverse without colours
function spanText(span: Span, theme: Theme, plain = false) {
  const color = plain ? undefined : colorOf(theme, span.tone);
  if (color === undefined && !span.dim) return span.text;
  return (
    <Text key={span.id} color={color} dimColor={span.dim}>
      {span.text}
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
