// Facts read by option position (compact rules, one plan per option shape) against the same facts read from the
// rule's options one by one, for generated rule sets of every era and for repeated or unusual options.

import { describe, expect, it } from "vitest";
import { CompactRule } from "../../grammar/compact-rule.ts";
import { parseDump } from "../../grammar/index.ts";
import type { Rule } from "../../grammar/types.ts";
import { canonicalDump, generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { dnatDestination, type JumpFacts, readJumpFacts } from "../../src/model/jump-facts.ts";
import { optionValue, ruleFacts } from "../../src/model/rule-facts.ts";

// The same rule as a plain one: the model then reads its options list, not the compact columns.
function plain(rule: Rule): Rule {
  const { table, chain, verb, line, raw, counters, options, target, goto } = rule;
  return { table, chain, verb, line, raw, counters, options, target, goto };
}

function jump(rule: Rule): JumpFacts {
  const out: JumpFacts = { probability: null, rcheck: false, recentSeconds: null, conditions: -1 };
  readJumpFacts(rule, out);
  return out;
}

function compactRules(text: string): CompactRule[] {
  return parseDump(text)
    .tables.flatMap((t) => t.rules)
    .filter((r): r is CompactRule => r instanceof CompactRule);
}

function expectSameFacts(rules: readonly CompactRule[]): void {
  for (const rule of rules) {
    const other = plain(rule);
    expect({ ...ruleFacts(rule) }, rule.raw).toEqual({ ...ruleFacts(other) });
    expect(jump(rule), rule.raw).toEqual(jump(other));
    const to = optionValue(other, "--to-destination") ?? optionValue(other, "--to");
    expect(dnatDestination(rule), rule.raw).toBe(to);
  }
}

describe("facts by option position", () => {
  it.each(["v1.23", "v1.28", "v1.32"] as const)("match the options read one by one (%s rule set)", (era) => {
    // compact rules come from iptables-save -c lines (with [p:b] counters)
    const text = canonicalDump(generateRuleSet(randomServices(40, 5), { era, hooks: true }).text);
    const rules = compactRules(text);
    expect(rules.length).toBeGreaterThan(200);
    expectSameFacts(rules);
  });

  it("keep the first comment, the last probability and seconds, count every non-neutral option before the jump as a condition", () => {
    const line = (p: string, s: string) =>
      `-A KUBE-SVC-X -s 10.0.0.0/8 -m comment --comment first -m comment --comment second -m recent --name n --rcheck --seconds 10 --seconds ${s} --reap -m statistic --mode random --probability 0.1 --probability ${p} -j KUBE-SEP-Y`;
    const dnat = (to: string) => `-A KUBE-SEP-Y -p tcp -m tcp -j DNAT --to ${to} --to-destination 10.0.0.9:80`;
    const lines = [line("0.25", "20"), line("0.5", "30"), line("x", "1.5"), dnat("1.1.1.1:1"), dnat("2.2.2.2:2")];
    const text = ["*nat", ...lines.map((l) => `[0:0] ${l}`), "COMMIT", ""].join("\n");
    const rules = compactRules(text);
    // the first line of a shape is read the long way and teaches the template: the later ones are compact
    expect(rules.map((r) => r.line)).toEqual([3, 4, 6]);
    expectSameFacts(rules);
    expect(jump(rules[0]!)).toEqual({ probability: 0.5, rcheck: true, recentSeconds: 30, conditions: 6 });
    expect(jump(rules[1]!)).toEqual({ probability: null, rcheck: true, recentSeconds: null, conditions: 6 });
    expect(ruleFacts(rules[0]!).comment).toBe("first");
    expect(dnatDestination(rules[2]!)).toBe("10.0.0.9:80");
  });
});
