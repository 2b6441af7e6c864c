import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";

const rule = (chain: string, n: number) => `[0:0] -A ${chain} -m comment --comment "r${n}" -j RETURN`;

describe("rules by chain and duplicates", () => {
  it("lists a chain written in two runs in input order and finds a duplicate across the runs", () => {
    const text = ["*nat", rule("A", 1), rule("A", 2), rule("B", 1), rule("A", 3), rule("A", 1), "COMMIT"].join("\n");
    const dump = parseDump(text);
    const nat = dump.tables[0]!;
    expect(nat.byChain?.get("A")?.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(nat.byChain?.get("B")?.map((r) => r.line)).toEqual([4]);
    expect(nat.rules.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(dump.duplicateRules).toBe(1);
    expect(dump.diagnostics).toEqual([{ line: 6, column: 1, message: "duplicate of line 2, counted once" }]);
  });

  it("finds duplicates in long chains too (past the rule-by-rule search)", () => {
    const lines = ["*nat"];
    for (let i = 1; i <= 12; i++) lines.push(rule("LONG", i));
    lines.push(rule("OTHER", 1), rule("LONG", 13), rule("LONG", 3), rule("LONG", 13), "COMMIT");
    const dump = parseDump(lines.join("\n"));
    const long = dump.tables[0]!.byChain?.get("LONG") ?? [];
    expect(long).toHaveLength(13);
    expect(long.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]);
    expect(dump.diagnostics.map((d) => d.message)).toEqual([
      "duplicate of line 4, counted once",
      "duplicate of line 15, counted once",
    ]);
  });

  it("keeps the same chain name apart in two tables", () => {
    const text = ["*nat", rule("X", 1), "COMMIT", "*filter", rule("X", 1), "COMMIT"].join("\n");
    const dump = parseDump(text);
    expect(dump.duplicateRules).toBe(0);
    expect(dump.tables.map((t) => t.byChain?.get("X")?.length)).toEqual([1, 1]);
  });
});
