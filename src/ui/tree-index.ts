// Line offsets of each service in the tree, so only the visible services' lines are ever built.

import type { ServiceRow } from "../app/service-order.ts";
import { serviceTreeLines, type TreeLine, treeLineCount } from "./tree-lines.ts";

/** offsets[i] is the first line of row i; offsets[rows.length] is the total. */
export function treeOffsets(rows: readonly ServiceRow[]): readonly number[] {
  const offsets = new Array<number>(rows.length + 1);
  let line = 0;
  rows.forEach((r, i) => {
    offsets[i] = line;
    line += treeLineCount(r.service);
  });
  offsets[rows.length] = line;
  return offsets;
}

/** The row drawn on `line` (binary search over the offsets). */
export function rowAtLine(offsets: readonly number[], line: number): number {
  let lo = 0;
  let hi = Math.max(0, offsets.length - 2);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A tree line in the window and the index of the row it belongs to. */
export interface VisibleTreeLine {
  readonly line: TreeLine;
  readonly row: number;
}

/** The tree lines `start`..`start + page`, with the row index each belongs to. */
export function visibleTreeLines(
  rows: readonly ServiceRow[],
  offsets: readonly number[],
  start: number,
  page: number,
): readonly VisibleTreeLine[] {
  const out: VisibleTreeLine[] = [];
  for (let r = rowAtLine(offsets, start); r < rows.length && (offsets[r] ?? 0) < start + page; r++) {
    const row = rows[r];
    if (row === undefined) break;
    const first = offsets[r] ?? 0;
    serviceTreeLines(row).forEach((line, i) => {
      const at = first + i;
      if (at >= start && at < start + page) out.push({ line, row: r });
    });
  }
  return out;
}
