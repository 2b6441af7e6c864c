// Pure navigation: which row is selected and which line is first after a movement key.

export type Motion = "up" | "down" | "pageUp" | "pageDown" | "home" | "end";

/** What the current screen lets movement keys act on. */
export type NavView =
  | {
      /** A selection among named rows (services list, tree). */
      readonly kind: "select";
      readonly order: readonly string[];
      /** Visible lines. */
      readonly page: number;
      /** Lines in total (rows in the list; tree lines in the tree). */
      readonly total: number;
      /** First and last line of row `index`. */
      span(index: number): readonly [number, number];
      /** The row drawn on `line`. */
      indexAt(line: number): number;
    }
  | {
      /** Free scrolling over lines (detail, help). */
      readonly kind: "scroll";
      readonly page: number;
      readonly total: number;
    };

/** Index of the selected name in `order`; the first row when nothing (or something filtered out) is selected. */
export function selectedIndex(order: readonly string[], selected: string | null): number {
  if (order.length === 0) return -1;
  const i = selected === null ? -1 : order.indexOf(selected);
  return Math.max(0, i);
}

/** Clamps a scroll offset to the lines there are. */
export function clampScroll(scroll: number, page: number, total: number): number {
  return Math.max(0, Math.min(scroll, total - Math.max(1, page)));
}

/** The first visible line closest to `scroll` that shows lines `first`..`last` (the first one when they do not fit). */
export function ensureVisible(scroll: number, first: number, last: number, page: number, total: number): number {
  const p = Math.max(1, page);
  let s = scroll;
  if (last >= s + p) s = last - p + 1;
  if (first < s) s = first;
  return clampScroll(s, p, total);
}

/** The selection and scroll after a movement in a select view. */
export function moveSelection(
  view: Extract<NavView, { kind: "select" }>,
  selected: string | null,
  scroll: number,
  motion: Motion,
): { selected: string | null; scroll: number } {
  const n = view.order.length;
  if (n === 0) return { selected, scroll: 0 };
  const current = selectedIndex(view.order, selected);
  const [first] = view.span(current);
  const page = Math.max(1, view.page);
  let next = current;
  if (motion === "up") next = current - 1;
  else if (motion === "down") next = current + 1;
  else if (motion === "home") next = 0;
  else if (motion === "end") next = n - 1;
  else if (motion === "pageUp") next = Math.min(current - 1, view.indexAt(Math.max(0, first - page)));
  else next = Math.max(current + 1, view.indexAt(Math.min(view.total - 1, first + page)));
  next = Math.max(0, Math.min(n - 1, next));
  const [a, b] = view.span(next);
  return { selected: view.order[next] ?? null, scroll: ensureVisible(scroll, a, b, page, view.total) };
}

/** The scroll offset after a movement in a scroll view. */
export function moveScroll(view: Extract<NavView, { kind: "scroll" }>, scroll: number, motion: Motion): number {
  const page = Math.max(1, view.page);
  const deltas: Record<Motion, number> = {
    up: -1,
    down: 1,
    pageUp: -page,
    pageDown: page,
    home: -Infinity,
    end: Infinity,
  };
  const next = scroll + deltas[motion];
  return clampScroll(Number.isFinite(next) ? next : next > 0 ? view.total : 0, page, view.total);
}
