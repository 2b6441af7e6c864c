import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompactRule, parseDump, type Rule } from "../../grammar/index.ts";
import { chevrotainRead } from "../../grammar/to-rules.ts";
import { canonicalDump, generateRuleSet, randomServices } from "../../src/gen/index.ts";
import type { Era } from "../../src/gen/types.ts";

// Every rule the fast path read must be what chevrotain alone (no templates) makes of the same text.
function checkAgainstChevrotain(rules: readonly Rule[]): number {
  let compact = 0;
  for (const rule of rules) {
    if (!(rule instanceof CompactRule)) continue;
    compact++;
    const read = chevrotainRead(rule.raw).result;
    if (read.kind !== "rule") throw new Error(`line ${rule.line}: chevrotain reads ${read.kind}`);
    expect(rule.values).toEqual(rule.options.map((o) => o.values[0] ?? null));
    expect({ chain: rule.chain, target: rule.target, goto: rule.goto, options: rule.options }).toEqual({
      chain: read.chain,
      target: read.target,
      goto: read.goto,
      options: read.options,
    });
  }
  return compact;
}

describe("compact rules (the iptables-save fast path)", () => {
  for (const era of ["v1.23", "v1.28", "v1.32"] as Era[]) {
    for (const family of [4, 6] as const) {
      it(`reads generated ${era} IPv${family} dumps exactly as chevrotain does`, () => {
        const set = generateRuleSet(randomServices(60, 7 + family, { family }), { era, hooks: true });
        const text = canonicalDump(set.text, { family }).replace(/^\[0:0\]/gm, () => "[12:720]");
        const rules = parseDump(text).tables.flatMap((t) => t.rules);
        const compact = checkAgainstChevrotain(rules);
        // canonical save lines take the fast path once their shape is learned
        expect(compact).toBeGreaterThan(rules.length * 0.8);
      });
    }
  }

  it("shares a value repeated on consecutive lines and keeps escaped quotes exact", () => {
    const text = [
      "*nat",
      ":KUBE-SVC-A - [0:0]",
      '[1:60] -A KUBE-SVC-A -m comment --comment "ns/a:p" -j KUBE-SEP-A',
      '[1:60] -A KUBE-SVC-A -m comment --comment "ns/a:p" -j KUBE-SEP-B',
      '[1:60] -A KUBE-SVC-A -m comment --comment "say \\"hi\\" \\\\" -j KUBE-SEP-C',
      '[1:60] -A KUBE-SVC-A -m comment --comment "ends in \\\\\\"" -j KUBE-SEP-D',
      "COMMIT",
    ].join("\n");
    const rules = parseDump(text).tables[0]!.rules;
    expect(checkAgainstChevrotain(rules)).toBeGreaterThanOrEqual(2);
    const comments = rules.map((r) => r.options.find((o) => o.name === "--comment")?.values[0]);
    expect(comments).toEqual(["ns/a:p", "ns/a:p", 'say "hi" \\', 'ends in \\"']);
    expect(rules.map((r) => r.target)).toEqual(["KUBE-SEP-A", "KUBE-SEP-B", "KUBE-SEP-C", "KUBE-SEP-D"]);
  });

  it("takes only lines chevrotain reads the same way, whatever the values (property)", () => {
    const printable = fc.string({ unit: fc.constantFrom(..." !\"#-./09:AZaz\\_~'"), maxLength: 10 });
    const word = fc.oneof(printable, fc.constantFrom("-x", "--dport", "-1", "--5", "-a=b", "!x", '"q', 'a"b', "-"));
    const line = fc
      .tuple(printable, word, fc.constantFrom(" ", "  "))
      .map(([comment, value, gap]) => `[1:60] -A KUBE-X -m comment --comment "${comment}"${gap}-d ${value} -j RETURN`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const first = '[1:60] -A KUBE-X -m comment --comment "seed" -d 10.0.0.1 -j RETURN';
        const dump = parseDump(["*nat", first, first.replace("10.0.0.1", "10.0.0.2"), ...lines, "COMMIT"].join("\n"));
        const rules = dump.tables[0]?.rules ?? [];
        expect(checkAgainstChevrotain(rules)).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it("reads every rule's values from where they are in its line, over many tables of places", () => {
    // ~6 values a rule, 65,536 places a table: 20,000 rules fill several tables
    const lines = Array.from({ length: 20_000 }, (_, i) => {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      return `[${i}:${60 * i}] -A KUBE-SEP-${i % 7} -s ${ip}/32 -m comment --comment "ns/s${i}" -j DNAT --to-destination ${ip}:${1000 + (i % 50_000)}`;
    });
    const rules = parseDump(["*nat", ...lines, "COMMIT"].join("\n")).tables[0]!.rules;
    expect(rules).toHaveLength(20_000);
    const compact = rules.filter((r): r is CompactRule => r instanceof CompactRule);
    expect(compact.length).toBeGreaterThan(19_990);
    for (const rule of compact) {
      const i = rule.line - 2;
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      expect(rule.values).toEqual([`${ip}/32`, "comment", `ns/s${i}`, "DNAT", `${ip}:${1000 + (i % 50_000)}`]);
      expect(rule.value(4)).toBe(`${ip}:${1000 + (i % 50_000)}`);
    }
  });

  it("builds options once and hands out the same objects afterwards", () => {
    const text =
      "*nat\n[0:0] -A X -p tcp -j DNAT --to-destination 10.0.0.1:80\n[0:0] -A X -p tcp -j DNAT --to-destination 10.0.0.2:80\nCOMMIT\n";
    const rule = parseDump(text).tables[0]!.rules[1]!;
    expect(rule).toBeInstanceOf(CompactRule);
    expect(rule.options).toBe(rule.options);
    expect(rule.options.at(-1)).toEqual({ name: "--to-destination", values: ["10.0.0.2:80"], negated: false });
  });
});
