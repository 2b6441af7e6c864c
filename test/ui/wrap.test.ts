import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { wrapText } from "../../src/ui/wrap.ts";

describe("wrapText", () => {
  test("breaks at spaces, keeps the leading indent, and indents continuations", () => {
    expect(wrapText("  conn/s      new connections per second", 26, 14)).toEqual([
      "  conn/s      new",
      "              connections",
      "              per second",
    ]);
  });

  test("text that fits stays one line, inner spacing and all", () => {
    expect(wrapText("  s           cycle the sort", 80, 14)).toEqual(["  s           cycle the sort"]);
    expect(wrapText("", 10)).toEqual([""]);
  });

  test("a word longer than a line is cut across lines", () => {
    expect(wrapText("KUBE-SEP-ABCDEFGHIJKLMNOP", 10, 2)).toEqual(["KUBE-SEP-A", "  BCDEFGHI", "  JKLMNOP"]);
  });

  test("no line is wider than the width, and no word or character is lost", () => {
    const word = fc.string({ minLength: 1, maxLength: 30 }).map((w) => w.replace(/ /g, "x"));
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 30 }),
        fc.integer({ min: 4, max: 120 }),
        fc.integer({ min: 0, max: 20 }),
        (words, width, hanging) => {
          const lines = wrapText(words.join(" "), width, hanging);
          for (const l of lines) expect([...l].length).toBeLessThanOrEqual(width);
          expect(lines.join("").replace(/ /g, "")).toBe(words.join(""));
        },
      ),
    );
  });
});
