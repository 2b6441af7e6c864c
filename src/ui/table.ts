// Columns as data: a table's columns declare their widths and cells; layout fits them to the terminal width.

import type { Tone } from "./theme.ts";

/** What one cell shows. */
export interface Cell {
  readonly text: string;
  readonly tone?: Tone;
  readonly dim?: boolean;
}

export interface Column<R> {
  readonly id: string;
  readonly title: string;
  /** Fixed width, or a width chosen from the table width; the minimum for the flex column. */
  readonly width: number | ((tableWidth: number) => number);
  readonly align?: "left" | "right";
  /** Takes the width the others leave (one column per table), up to `maxWidth`. */
  readonly flex?: boolean;
  readonly maxWidth?: number;
  /** Dropped when the table is too narrow, the highest first; columns without it always stay. */
  readonly drop?: number;
  cell(row: R, width: number): Cell;
}

export interface PlacedColumn<R> {
  readonly column: Column<R>;
  readonly width: number;
}

const widthOf = <R>(c: Column<R>, total: number): number => (typeof c.width === "number" ? c.width : c.width(total));

/** The columns that fit in `total` cells (one space between columns), with their widths. */
export function layoutColumns<R>(columns: readonly Column<R>[], total: number): readonly PlacedColumn<R>[] {
  let kept = [...columns];
  const need = (cols: readonly Column<R>[]): number =>
    cols.reduce((sum, c) => sum + widthOf(c, total), 0) + Math.max(0, cols.length - 1);
  while (need(kept) > total) {
    const droppable = kept.filter((c) => c.drop !== undefined);
    if (droppable.length === 0) break;
    const victim = droppable.reduce((a, b) => ((b.drop ?? 0) > (a.drop ?? 0) ? b : a));
    kept = kept.filter((c) => c !== victim);
  }
  const spare = Math.max(0, total - need(kept));
  return kept.map((column) => {
    const width = widthOf(column, total);
    return {
      column,
      width: column.flex ? Math.min(width + spare, Math.max(width, column.maxWidth ?? Infinity)) : width,
    };
  });
}
