import { describe, expect, it } from "vitest";
import { MAX_DIAGNOSTICS } from "../../grammar/diagnostics.ts";
import { parseDump } from "../../grammar/index.ts";
import { MAX_LINE_LENGTH } from "../../grammar/lines.ts";

describe("pathological input returns diagnostics instead of failing", () => {
  it("reads empty input as an empty dump", () => {
    expect(parseDump("")).toMatchObject({
      format: "unknown",
      tables: [],
      diagnostics: [],
      lineCount: 0,
      duplicateRules: 0,
    });
  });

  it("reports a 10 MB line by its size without lexing it, and reads the lines after it", () => {
    const huge = `-A X -m comment --comment ${"x".repeat(10 * 1024 * 1024)} -j Y`;
    const dump = parseDump(`*nat\n${huge}\n-A X -j Z\nCOMMIT\n`);
    expect(dump.diagnostics).toEqual([{ line: 2, column: 1, message: `line too long (${huge.length} bytes)` }]);
    expect(dump.tables[0]!.rules.map((r) => r.target)).toEqual(["Z"]);
  });

  it("counts multi-byte characters as UTF-8 bytes in the too-long message", () => {
    const line = `-A X ${"é".repeat(MAX_LINE_LENGTH)}`;
    expect(parseDump(line).diagnostics[0]!.message).toBe(`line too long (${5 + 2 * MAX_LINE_LENGTH} bytes)`);
  });

  it("reads a line just under the limit", () => {
    const comment = "y".repeat(MAX_LINE_LENGTH - 40);
    const dump = parseDump(`-A X -m comment --comment ${comment} -j Y`);
    expect(dump.diagnostics).toEqual([]);
    expect(dump.tables[0]!.rules[0]!.options[1]!.values[0]).toHaveLength(comment.length);
  });

  it("skips a million blank lines and still numbers the rule after them", () => {
    const dump = parseDump(`${"\n".repeat(1_000_000)}-A X -j Y\n`);
    expect(dump.lineCount).toBe(1_000_001);
    expect(dump.diagnostics).toEqual([]);
    expect(dump.tables[0]!.rules[0]!.line).toBe(1_000_001);
  });

  it("reports NUL bytes with their column", () => {
    expect(parseDump("-A X\u0000 -j Y").diagnostics).toEqual([
      { line: 1, column: 5, message: "binary data (byte 0x00), not rule text" },
    ]);
  });

  it("caps the diagnostic list and summarizes the rest", () => {
    const lines = 3 * MAX_DIAGNOSTICS;
    const dump = parseDump("garbage\n".repeat(lines));
    expect(dump.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(dump.diagnostics.at(-1)).toEqual({
      line: MAX_DIAGNOSTICS + 1,
      column: 1,
      message: `${lines - MAX_DIAGNOSTICS} more problem lines not listed`,
    });
  });

  it("lexes an unterminated quote full of escaped quotes in one pass", () => {
    const line = `-A X --comment "${'\\"'.repeat(30_000)}`;
    expect(parseDump(line).diagnostics).toEqual([{ line: 1, column: 16, message: "unterminated quote" }]);
  });
});
