// What one rule says in kube-proxy's terms: comment, addresses, ports, probability, affinity, DNAT target.

import { CompactRule, type OptionShape } from "../../grammar/compact-rule.ts";
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

// What each option the model reads sets (0: nothing).
const COMMENT = 1;
const DESTINATION = 2;
const SOURCE = 3;
const PROTOCOL = 4;
const DPORT = 5;
const PROBABILITY = 6;
const RCHECK = 7;
const SECONDS = 8;
const TO_DESTINATION = 9;
const MATCH_SET = 10;
const DST_TYPE = 11;

const CODES = new Map<string, number>([
  ["--comment", COMMENT],
  ["-d", DESTINATION],
  ["--destination", DESTINATION],
  ["--dst", DESTINATION],
  ["-s", SOURCE],
  ["--source", SOURCE],
  ["--src", SOURCE],
  ["-p", PROTOCOL],
  ["--protocol", PROTOCOL],
  ["--dport", DPORT],
  ["--destination-port", DPORT],
  ["--probability", PROBABILITY],
  ["--rcheck", RCHECK],
  ["--seconds", SECONDS],
  ["--to-destination", TO_DESTINATION],
  ["--to", TO_DESTINATION],
  ["--match-set", MATCH_SET],
  ["--dst-type", DST_TYPE],
]);

function isJump(name: string): boolean {
  return name === "-j" || name === "--jump" || name === "-g" || name === "--goto";
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

/** Options that make a jump conditional: those before the -j/-g other than the neutral ones. */
function conditionsOf(names: readonly string[]): number {
  let n = 0;
  for (const name of names) {
    if (isJump(name)) break;
    if (!NEUTRAL.has(name)) n++;
  }
  return n;
}

/** What the rules of one option shape share: each option's code, and how many options are conditions. */
interface ShapePlan {
  readonly codes: Uint8Array;
  readonly conditions: number;
  /** The first --to-destination option, else the first --to, else -1. */
  readonly dnatTo: number;
  /** The last --probability and --seconds options (the ones ruleFacts keeps), -1 when absent. */
  readonly probability: number;
  readonly seconds: number;
  readonly rcheck: boolean;
}

const plans = new WeakMap<OptionShape, ShapePlan>();

function planOf(shape: OptionShape): ShapePlan {
  let plan = plans.get(shape);
  if (plan === undefined) {
    const codes = new Uint8Array(shape.names.length);
    for (let i = 0; i < codes.length; i++) codes[i] = CODES.get(shape.names[i]!) ?? 0;
    const to = shape.names.indexOf("--to-destination");
    plan = {
      codes,
      conditions: conditionsOf(shape.names),
      dnatTo: to >= 0 ? to : shape.names.indexOf("--to"),
      probability: codes.lastIndexOf(PROBABILITY),
      seconds: codes.lastIndexOf(SECONDS),
      rcheck: codes.includes(RCHECK),
    };
    plans.set(shape, plan);
  }
  return plan;
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
    const values = rule.values;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (code === 0) continue;
      const v = values[i] ?? null;
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
    return i < 0 ? null : (rule.values[i] ?? "");
  }
  for (const o of rule.options) {
    if (o.name === name) return o.values.length === 1 ? o.values[0]! : o.values.join(" ");
  }
  return null;
}

/** A DNAT rule's `--to-destination` (else `--to`) value, as optionValue reads it; null when it has neither. */
export function dnatDestination(rule: Rule): string | null {
  if (rule instanceof CompactRule) {
    const i = planOf(rule.shape).dnatTo;
    return i < 0 ? null : (rule.values[i] ?? "");
  }
  return optionValue(rule, "--to-destination") ?? optionValue(rule, "--to");
}

/** What a jump of a service chain says (the ruleFacts fields of the same names). */
export interface JumpFacts {
  probability: number | null;
  rcheck: boolean;
  recentSeconds: number | null;
  conditions: number;
}

function probabilityOf(text: string | null): number | null {
  const p = text === null ? Number.NaN : Number(text);
  return Number.isFinite(p) ? p : null;
}

function secondsOf(text: string | null): number | null {
  const s = text === null ? Number.NaN : Number(text);
  return Number.isInteger(s) ? s : null;
}

/** Reads a service-chain jump into `out` (reused by the caller: one per endpoint jump adds up at 10k services). */
export function readJump(rule: Rule, out: JumpFacts): void {
  if (rule instanceof CompactRule) {
    const plan = planOf(rule.shape);
    const values = rule.values;
    out.probability = plan.probability < 0 ? null : probabilityOf(values[plan.probability] ?? null);
    out.rcheck = plan.rcheck;
    out.recentSeconds = plan.seconds < 0 ? null : secondsOf(values[plan.seconds] ?? null);
    out.conditions = plan.conditions;
    return;
  }
  const f = ruleFacts(rule);
  out.probability = f.probability;
  out.rcheck = f.rcheck;
  out.recentSeconds = f.recentSeconds;
  out.conditions = f.conditions;
}
