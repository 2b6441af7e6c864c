// What one rule says in kube-proxy's terms: comment, addresses, ports, probability, affinity, DNAT target.

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

/** Pulls the options the model reads out of one rule. */
export function ruleFacts(rule: Rule): RuleFacts {
  let comment: string | null = null;
  let destination: string | null = null;
  let destinationNegated = false;
  let source: string | null = null;
  let sourceNegated = false;
  let protocol: string | null = null;
  let dport: string | null = null;
  let probability: number | null = null;
  let rcheck = false;
  let recentSeconds: number | null = null;
  let toDestination: string | null = null;
  let matchSet: string | null = null;
  let dstTypeLocal = false;
  let conditions = 0;
  let afterTarget = false;
  for (const o of rule.options) {
    const first = o.values[0] ?? null;
    switch (o.name) {
      case "--comment":
        if (comment === null) comment = o.values.length === 1 ? o.values[0]! : o.values.join(" ");
        break;
      case "-d":
      case "--destination":
      case "--dst":
        destination = first;
        destinationNegated = o.negated;
        break;
      case "-s":
      case "--source":
      case "--src":
        source = first;
        sourceNegated = o.negated;
        break;
      case "-p":
      case "--protocol":
        protocol = first === null ? null : first.toLowerCase();
        break;
      case "--dport":
      case "--destination-port":
        dport = first;
        break;
      case "--probability": {
        const p = first === null ? Number.NaN : Number(first);
        probability = Number.isFinite(p) ? p : null;
        break;
      }
      case "--rcheck":
        rcheck = true;
        break;
      case "--seconds": {
        const s = first === null ? Number.NaN : Number(first);
        recentSeconds = Number.isInteger(s) ? s : null;
        break;
      }
      case "--to-destination":
      case "--to":
        toDestination = first ?? "";
        break;
      case "--match-set":
        matchSet = first;
        break;
      case "--dst-type":
        if (!o.negated && first?.toUpperCase() === "LOCAL") dstTypeLocal = true;
        break;
    }
    if (o.name === "-j" || o.name === "--jump" || o.name === "-g" || o.name === "--goto") afterTarget = true;
    else if (!afterTarget && !NEUTRAL.has(o.name)) conditions++;
  }
  return {
    comment,
    destination,
    destinationNegated,
    source,
    sourceNegated,
    protocol,
    dport,
    probability,
    rcheck,
    recentSeconds,
    toDestination,
    matchSet,
    dstTypeLocal,
    conditions,
  };
}

/** The integer value of a `--dport` (single port only), or null. */
export function portNumber(text: string | null): number | null {
  if (text === null || !/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n <= 65535 ? n : null;
}

/** The value of one option (all its words joined by a space), "" when it has none, null when absent. */
export function optionValue(rule: Rule, name: string): string | null {
  for (const o of rule.options) {
    if (o.name === name) return o.values.length === 1 ? o.values[0]! : o.values.join(" ");
  }
  return null;
}
