import { describe, expect, test } from "vitest";
import { type KeyPress, matches, splitTyped } from "../../src/app/key-match.ts";
import { findBinding, hintsFor, KEYMAP, type Mode } from "../../src/app/keymap.ts";

const NO_KEY: KeyPress = {
  upArrow: false,
  downArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  backspace: false,
  delete: false,
};
const press = (mode: Mode, input: string, key: Partial<KeyPress> = {}) =>
  findBinding(mode, input, { ...NO_KEY, ...key })?.id;
const MODES: readonly Mode[] = ["list", "tree", "detail", "help", "filter"];

describe("keymap", () => {
  test("every binding says what it does, where, and how to press it", () => {
    for (const b of KEYMAP) {
      expect(b.label, b.id).not.toBe("");
      expect(b.description, b.id).not.toBe("");
      expect(b.modes.length, b.id).toBeGreaterThan(0);
      expect(b.keys.length, b.id).toBeGreaterThan(0);
    }
    expect(new Set(KEYMAP.map((b) => b.id)).size).toBe(KEYMAP.length);
  });

  test("no two bindings claim the same key in the same mode", () => {
    for (const mode of MODES) {
      const seen = new Map<string, string>();
      for (const b of KEYMAP.filter((x) => x.modes.includes(mode))) {
        for (const k of b.keys) {
          const id = JSON.stringify(k);
          expect(seen.get(id), `${mode}: ${id} in ${b.id}`).toBeUndefined();
          seen.set(id, b.id);
        }
      }
    }
  });

  test("the documented keys do what the brief says on the list", () => {
    expect(press("list", "s")).toBe("sort");
    expect(press("list", "/")).toBe("filter");
    expect(press("list", "", { return: true })).toBe("detail");
    expect(press("list", "", { escape: true })).toBe("back");
    expect(press("list", "t")).toBe("tree");
    expect(press("list", "p")).toBe("pause");
    expect(press("list", "+")).toBe("slower");
    expect(press("list", "-")).toBe("faster");
    expect(press("list", "?")).toBe("help");
    expect(press("list", "q")).toBe("quit");
    expect(press("list", "c", { ctrl: true })).toBe("interrupt");
    expect(press("list", "", { upArrow: true })).toBe("up");
    expect(press("list", "k")).toBe("up");
    expect(press("list", "j")).toBe("down");
    expect(press("list", "", { pageDown: true })).toBe("pageDown");
    expect(press("list", "", { pageUp: true })).toBe("pageUp");
    expect(press("list", "", { home: true })).toBe("home");
    expect(press("list", "", { end: true })).toBe("end");
  });

  test("while typing a filter letters are text, Enter applies, Esc clears, Ctrl-C still quits", () => {
    expect(press("filter", "q")).toBe("filter-type");
    expect(press("filter", "s")).toBe("filter-type");
    expect(press("filter", "", { return: true })).toBe("filter-apply");
    expect(press("filter", "", { escape: true })).toBe("filter-clear");
    expect(press("filter", "", { backspace: true })).toBe("filter-erase");
    expect(press("filter", "", { delete: true })).toBe("filter-erase");
    expect(press("filter", "c", { ctrl: true })).toBe("interrupt");
    expect(press("filter", "", { upArrow: true })).toBeUndefined();
  });

  test("Ctrl-C is not the letter c, and a plain c does nothing", () => {
    expect(matches({ input: "c", ctrl: true }, "c", NO_KEY)).toBe(false);
    expect(press("list", "c")).toBeUndefined();
  });

  test("keys that make no sense on a screen do nothing there", () => {
    expect(press("detail", "s")).toBeUndefined();
    expect(press("help", "/")).toBeUndefined();
    expect(press("help", "", { return: true })).toBeUndefined();
  });

  test("footer hints come from the table", () => {
    expect(hintsFor("list")).toEqual(expect.arrayContaining(["s sort", "/ filter", "q quit", "? help"]));
    expect(hintsFor("list")).not.toContain("Esc back");
    expect(hintsFor("detail")).toContain("Esc back");
    expect(hintsFor("filter")).toEqual(["Enter apply", "Esc clear"]);
  });

  test("a run of typed text becomes one key press per character, Enter and Backspace included", () => {
    const presses = splitTyped("/ab\u007fc\r", NO_KEY).map(
      (p) => findBinding(p.input === "/" ? "list" : "filter", p.input, p.key)?.id,
    );
    expect(presses).toEqual(["filter", "filter-type", "filter-type", "filter-erase", "filter-type", "filter-apply"]);
    expect(splitTyped("jj\u0003", NO_KEY).map((p) => press("list", p.input, p.key))).toEqual([
      "down",
      "down",
      "interrupt",
    ]);
    expect(splitTyped("x\u0000y", NO_KEY).map((p) => p.input)).toEqual(["x", "y"]);
  });

  test("single keys and named keys pass through unsplit", () => {
    expect(splitTyped("q", NO_KEY)).toEqual([{ input: "q", key: NO_KEY }]);
    const up = { ...NO_KEY, upArrow: true };
    expect(splitTyped("", up)).toEqual([{ input: "", key: up }]);
  });
});
