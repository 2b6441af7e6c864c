// What one rule says in kube-proxy's terms: comment, addresses, ports, probability, affinity, DNAT target.

import { CompactRule } from "../../grammar/compact-rule.ts";
import type { Rule } from "../../grammar/types.ts";

/** The options of one rule that the model reads, pulled out in one pass. */
export interface RuleFacts {
  readonly comment: string | null;
  readonly destination: string | null;
  readonly destinationNegated: boolean;
  readonly source: string | null;
  readonly sourceNegated: boolean;
  readonly protocol: string | null;
  readonly dport: string | null;
  /** `--probability` as a number; null when absent or not a number. */
  readonly probability: number | null;
  /** `-m recent --rcheck` (a session-affinity jump). */
  readonly rcheck: boolean;
  readonly recentSeconds: number | null;
  /** `--to-destination` value; null when the option is absent, "" when it has no value. */
  readonly toDestination: string | null;
  /** `-m set --match-set NAME`. */
  readonly matchSet: string | null;
  /** `-m addrtype --dst-type LOCAL`. */
  readonly dstTypeLocal: boolean;
  /** Options that make a jump conditional, other than comment and statistic. */
  readonly conditions: number;
}

// Options that never make a jump conditional.
const NEUTRAL = new Set([
  "-m",
  "--match",
  "--comment",
  "--mode",
  "--probability",
  "-j",
  "--jump",
  "-g",
  "--goto",
  "-c",
  "--set-counters",
]);

/** The facts being collected over one rule's options, in order. */
class FactsBuilder implements RuleFacts {
  comment: string | null = null;
  destination: string | null = null;
  destinationNegated = false;
  source: string | null = null;
  sourceNegated = false;
  protocol: string | null = null;
  dport: string | null = null;
  probability: number | null = null;
  rcheck = false;
  recentSeconds: number | null = null;
  toDestination: string | null = null;
  matchSet: string | null = null;
  dstTypeLocal = false;
  conditions = 0;
  private afterTarget = false;

  /** One option: its name, first value (null when it has none), all values joined, negation. */
  option(name: string, first: string | null, joined: string, negated: boolean): void {
    switch (name) {
      case "--comment":
        if (this.comment === null) this.comment = joined;
        break;
      case "-d":
      case "--destination":
      case "--dst":
        this.destination = first;
        this.destinationNegated = negated;
        break;
      case "-s":
      case "--source":
      case "--src":
        this.source = first;
        this.sourceNegated = negated;
        break;
      case "-p":
      case "--protocol":
        this.protocol = first === null ? null : first.toLowerCase();
        break;
      case "--dport":
      case "--destination-port":
        this.dport = first;
        break;
      case "--probability": {
        const p = first === null ? Number.NaN : Number(first);
        this.probability = Number.isFinite(p) ? p : null;
        break;
      }
      case "--rcheck":
        this.rcheck = true;
        break;
      case "--seconds": {
        const s = first === null ? Number.NaN : Number(first);
        this.recentSeconds = Number.isInteger(s) ? s : null;
        break;
      }
      case "--to-destination":
      case "--to":
        this.toDestination = first ?? "";
        break;
      case "--match-set":
        this.matchSet = first;
        break;
      case "--dst-type":
        if (!negated && first?.toUpperCase() === "LOCAL") this.dstTypeLocal = true;
        break;
    }
    if (name === "-j" || name === "--jump" || name === "-g" || name === "--goto") this.afterTarget = true;
    else if (!this.afterTarget && !NEUTRAL.has(name)) this.conditions++;
  }
}

/** Pulls the options the model reads out of one rule. */
export function ruleFacts(rule: Rule): RuleFacts {
  const facts = new FactsBuilder();
  if (rule instanceof CompactRule) {
    // one value per option, names shared by the shape: no RuleOption objects made
    const { names, negated } = rule.shape;
    const values = rule.values;
    for (let i = 0; i < names.length; i++) {
      const v = values[i] ?? null;
      facts.option(names[i]!, v, v ?? "", negated[i]!);
    }
    return facts;
  }
  for (const o of rule.options) {
    const first = o.values[0] ?? null;
    facts.option(o.name, first, o.values.length === 1 ? first! : o.values.join(" "), o.negated);
  }
  return facts;
}

/** The integer value of a `--dport` (single port only), or null. */
export function portNumber(text: string | null): number | null {
  if (text === null || !/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n <= 65535 ? n : null;
}

/** The value of one option (all its words joined by a space), "" when it has none, null when absent. */
export function optionValue(rule: Rule, name: string): string | null {
  if (rule instanceof CompactRule) {
    const i = rule.shape.names.indexOf(name);
    return i < 0 ? null : (rule.values[i] ?? "");
  }
  for (const o of rule.options) {
    if (o.name === name) return o.values.length === 1 ? o.values[0]! : o.values.join(" ");
  }
  return null;
}
