import { describe, expect, test } from "vitest";
import { ensureVisible, moveScroll, moveSelection, type NavView, selectedIndex } from "../../src/app/navigate.ts";

type SelectView = Extract<NavView, { kind: "select" }>;
const names = Array.from({ length: 20 }, (_, i) => `s${i}`);
const list = (page: number): SelectView => ({
  kind: "select",
  order: names,
  page,
  total: names.length,
  span: (i) => [i, i],
  indexAt: (l) => l,
});
// a tree where every row takes 3 lines
const tree = (page: number): SelectView => ({
  kind: "select",
  order: names,
  page,
  total: names.length * 3,
  span: (i) => [i * 3, i * 3 + 2],
  indexAt: (l) => Math.floor(l / 3),
});

describe("navigate", () => {
  test("nothing selected or a filtered-out name means the first row", () => {
    expect(selectedIndex(names, null)).toBe(0);
    expect(selectedIndex(names, "gone")).toBe(0);
    expect(selectedIndex(names, "s7")).toBe(7);
    expect(selectedIndex([], "s7")).toBe(-1);
  });

  test("down at the bottom of the page scrolls by one; up at the top scrolls back", () => {
    let r = { selected: "s4" as string | null, scroll: 0 };
    r = moveSelection(list(5), r.selected, r.scroll, "down");
    expect(r).toEqual({ selected: "s5", scroll: 1 });
    r = moveSelection(list(5), "s1", 1, "up");
    expect(r).toEqual({ selected: "s0", scroll: 0 });
  });

  test("moves stop at the ends", () => {
    expect(moveSelection(list(5), "s0", 0, "up").selected).toBe("s0");
    expect(moveSelection(list(5), "s19", 15, "down").selected).toBe("s19");
  });

  test("page keys move a page; Home and End jump", () => {
    expect(moveSelection(list(5), "s2", 0, "pageDown")).toEqual({ selected: "s7", scroll: 3 });
    expect(moveSelection(list(5), "s7", 3, "pageUp")).toEqual({ selected: "s2", scroll: 2 });
    expect(moveSelection(list(5), "s7", 3, "end")).toEqual({ selected: "s19", scroll: 15 });
    expect(moveSelection(list(5), "s7", 3, "home")).toEqual({ selected: "s0", scroll: 0 });
  });

  test("in a tree a row's lines are kept in view and pages are counted in lines", () => {
    expect(moveSelection(tree(7), "s1", 0, "down")).toEqual({ selected: "s2", scroll: 2 });
    expect(moveSelection(tree(7), "s0", 0, "pageDown")).toEqual({ selected: "s2", scroll: 2 });
    expect(moveSelection(tree(7), "s0", 0, "end")).toEqual({ selected: "s19", scroll: 53 });
  });

  test("ensureVisible keeps the scroll when the lines are already visible and clamps to the content", () => {
    expect(ensureVisible(3, 4, 4, 5, 20)).toBe(3);
    expect(ensureVisible(3, 10, 10, 5, 20)).toBe(6);
    expect(ensureVisible(18, 19, 19, 5, 20)).toBe(15);
    expect(ensureVisible(0, 0, 0, 5, 2)).toBe(0);
  });

  test("scroll views move by line and page and stay within the content", () => {
    const view = { kind: "scroll", page: 5, total: 12 } as const;
    expect(moveScroll(view, 0, "down")).toBe(1);
    expect(moveScroll(view, 0, "up")).toBe(0);
    expect(moveScroll(view, 5, "pageDown")).toBe(7);
    expect(moveScroll(view, 2, "end")).toBe(7);
    expect(moveScroll(view, 7, "home")).toBe(0);
    expect(moveScroll({ kind: "scroll", page: 5, total: 3 }, 0, "end")).toBe(0);
  });
});
