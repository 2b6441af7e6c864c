// What one rule says in kube-proxy's terms: comment, addresses, ports, probability, affinity, DNAT target.

import { CompactRule } from "../../grammar/compact-rule.ts";
import type { Rule } from "../../grammar/types.ts";
import {
  CODES,
  COMMENT,
  DESTINATION,
  DPORT,
  DST_TYPE,
  isJump,
  MATCH_SET,
  NEUTRAL,
  PROBABILITY,
  PROTOCOL,
  planOf,
  probabilityOf,
  RCHECK,
  SECONDS,
  SOURCE,
  secondsOf,
  TO_DESTINATION,
} from "./option-codes.ts";

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

/** The facts being collected over one rule's options, in order (reusable: see readFacts). */
export class FactsBuilder implements RuleFacts {
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

  /** Back to no options read. */
  reset(): void {
    this.comment = null;
    this.destination = null;
    this.destinationNegated = false;
    this.source = null;
    this.sourceNegated = false;
    this.protocol = null;
    this.dport = null;
    this.probability = null;
    this.rcheck = false;
    this.recentSeconds = null;
    this.toDestination = null;
    this.matchSet = null;
    this.dstTypeLocal = false;
    this.conditions = 0;
  }

  /** One option by its code: first value (null when it has none), all values joined, negation. */
  set(code: number, first: string | null, joined: string, negated: boolean): void {
    switch (code) {
      case COMMENT:
        if (this.comment === null) this.comment = joined;
        break;
      case DESTINATION:
        this.destination = first;
        this.destinationNegated = negated;
        break;
      case SOURCE:
        this.source = first;
        this.sourceNegated = negated;
        break;
      case PROTOCOL:
        this.protocol = first === null ? null : first.toLowerCase();
        break;
      case DPORT:
        this.dport = first;
        break;
      case PROBABILITY:
        this.probability = probabilityOf(first);
        break;
      case RCHECK:
        this.rcheck = true;
        break;
      case SECONDS:
        this.recentSeconds = secondsOf(first);
        break;
      case TO_DESTINATION:
        this.toDestination = first ?? "";
        break;
      case MATCH_SET:
        this.matchSet = first;
        break;
      case DST_TYPE:
        if (!negated && first?.toUpperCase() === "LOCAL") this.dstTypeLocal = true;
        break;
    }
  }
}

/** Pulls the options the model reads out of one rule. */
export function ruleFacts(rule: Rule): RuleFacts {
  return readFacts(rule, new FactsBuilder());
}

/** Reads one rule's facts into `facts` (reset first), for loops that read one rule at a time without keeping them. */
export function readFacts(rule: Rule, facts: FactsBuilder): RuleFacts {
  facts.reset();
  if (rule instanceof CompactRule) {
    // one value per option, names shared by the shape: no RuleOption objects made, each name read once per shape
    const plan = planOf(rule.shape);
    const codes = plan.codes;
    const negated = rule.shape.negated;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (code === 0) continue;
      const v = rule.value(i);
      facts.set(code, v, v ?? "", negated[i]!);
    }
    facts.conditions = plan.conditions;
    return facts;
  }
  let afterTarget = false;
  for (const o of rule.options) {
    const first = o.values[0] ?? null;
    const code = CODES.get(o.name);
    if (code !== undefined) facts.set(code, first, o.values.length === 1 ? first! : o.values.join(" "), o.negated);
    if (isJump(o.name)) afterTarget = true;
    else if (!afterTarget && !NEUTRAL.has(o.name)) facts.conditions++;
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
    return i < 0 ? null : (rule.value(i) ?? "");
  }
  for (const o of rule.options) {
    if (o.name === name) return o.values.length === 1 ? o.values[0]! : o.values.join(" ");
  }
  return null;
}
