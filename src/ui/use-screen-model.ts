// Derives what the current screen draws and what movement keys act on; sorting and filtering are memoised on
// topology and stats identity (each sort mode sorted once per sample), so a key press only slices.

import { useMemo } from "react";
import { clampScroll, ensureVisible, type NavView, selectedIndex } from "../app/navigate.ts";
import { filterServices, joinServices, type ServiceRow, sortCache } from "../app/service-order.ts";
import type { AppState } from "../app/state.ts";
import type { Verdicts } from "../verdict/index.ts";
import { detailChromeHeight } from "./Detail.tsx";
import { type DetailItem, detailItems } from "./detail-items.ts";
import { HELP_CHROME } from "./Help.tsx";
import { type HelpLine, helpLines } from "./help-lines.ts";
import { LIST_CHROME } from "./ServiceList.tsx";
import { needsMessage } from "./StateMessage.tsx";
import { TREE_CHROME } from "./Tree.tsx";
import { rowAtLine, treeOffsets, type VisibleTreeLine, visibleTreeLines } from "./tree-index.ts";

interface Rows {
  /** Services after filtering. */
  readonly count: number;
  /** Services before filtering. */
  readonly total: number;
  readonly selectedIndex: number;
  readonly start: number;
  readonly page: number;
}

export type ScreenModel = { readonly view: NavView; readonly current: string | null } & (
  | { readonly screen: "message" }
  | ({ readonly screen: "list"; readonly rows: readonly ServiceRow[] } & Rows)
  | ({ readonly screen: "tree"; readonly lines: readonly VisibleTreeLine[] } & Rows)
  | {
      readonly screen: "detail";
      readonly name: string | null;
      readonly row: ServiceRow | null;
      readonly items: readonly DetailItem[];
      readonly start: number;
      readonly page: number;
    }
  | { readonly screen: "help"; readonly lines: readonly HelpLine[]; readonly start: number; readonly page: number }
);

const NONE: readonly never[] = [];

// the names in each list of rows made, kept while the list is: a sort mode shown again reuses its names too
const NAMES = new WeakMap<readonly ServiceRow[], readonly string[]>();
function namesOf(rows: readonly ServiceRow[]): readonly string[] {
  let names = NAMES.get(rows);
  if (names === undefined) {
    names = rows.map((r) => r.service.name);
    NAMES.set(rows, names);
  }
  return names;
}

/** The model of the current screen for a body `height` lines tall and `width` columns wide. */
export function useScreenModel(state: AppState, verdicts: Verdicts | null, height: number, width: number): ScreenModel {
  const { shown } = state;
  const { sort, filter, screen, selected, scroll, pageScroll } = state.ui;
  const joined = useMemo(() => (shown ? joinServices(shown.topology, shown.stats, verdicts) : null), [shown, verdicts]);
  const sorter = useMemo(() => (joined ? sortCache(joined) : null), [joined]);
  const rows = useMemo(() => (sorter ? sorter(sort) : NONE), [sorter, sort]);
  const visible = useMemo(() => filterServices(rows, filter), [rows, filter]);
  const order = useMemo(() => namesOf(visible), [visible]);
  const isTree = screen === "tree";
  const offsets = useMemo(() => (isTree ? treeOffsets(visible) : null), [visible, isTree]);
  const index = selectedIndex(order, selected);
  const current = order[index] ?? null;
  // the detail follows the selected name even when a filter hides it
  const detailName = selected ?? current;
  const detailRow = useMemo(
    () => (screen === "detail" ? (rows.find((r) => r.service.name === detailName) ?? null) : null),
    [rows, screen, detailName],
  );
  const items = useMemo(() => (detailRow ? detailItems(detailRow, width) : NONE), [detailRow, width]);
  const help = useMemo(() => helpLines(width), [width]);
  const scrollView = (page: number, total: number): NavView => ({ kind: "scroll", page, total });

  if (screen === "help") {
    const page = Math.max(1, height - HELP_CHROME);
    const start = clampScroll(pageScroll, page, help.length);
    return { screen, lines: help, start, page, view: scrollView(page, help.length), current };
  }
  if (needsMessage(state)) return { screen: "message", view: scrollView(1, 0), current: null };
  if (screen === "detail") {
    const page = Math.max(1, height - (detailRow ? detailChromeHeight(detailRow, width) : 1));
    const start = clampScroll(pageScroll, page, items.length);
    return {
      screen,
      name: selected,
      row: detailRow,
      items,
      start,
      page,
      view: scrollView(page, items.length),
      current,
    };
  }
  // leaves get only what they draw: the rows or tree lines in the window
  const base = { count: visible.length, total: rows.length, selectedIndex: index, current };
  if (isTree && offsets) {
    const page = Math.max(1, height - TREE_CHROME);
    const total = offsets[visible.length] ?? 0;
    const span = (i: number): readonly [number, number] => [offsets[i] ?? 0, (offsets[i + 1] ?? 1) - 1];
    const [a, b] = index < 0 ? [0, 0] : span(index);
    const start = ensureVisible(scroll, a, b, page, total);
    const view: NavView = { kind: "select", order, page, total, span, indexAt: (l) => rowAtLine(offsets, l) };
    const lines = visibleTreeLines(visible, offsets, start, page);
    return { screen: "tree", lines, start, page, view, ...base };
  }
  const page = Math.max(1, height - LIST_CHROME);
  const start = ensureVisible(scroll, index, index, page, visible.length);
  const view: NavView = { kind: "select", order, page, total: visible.length, span: (i) => [i, i], indexAt: (l) => l };
  return { screen: "list", rows: visible.slice(start, start + page), start, page, view, ...base };
}
