// What a service chain's jump and an endpoint chain's DNAT rule say, read by option position (no facts object).

import { CompactRule } from "../../grammar/compact-rule.ts";
import type { Rule } from "../../grammar/types.ts";
import { planOf, probabilityOf, secondsOf } from "./option-codes.ts";
import { optionValue, ruleFacts } from "./rule-facts.ts";

/** A DNAT rule's `--to-destination` (else `--to`) value, as optionValue reads it; null when it has neither. */
export function dnatDestination(rule: Rule): string | null {
  if (rule instanceof CompactRule) {
    const i = planOf(rule.shape).dnatTo;
    return i < 0 ? null : (rule.value(i) ?? "");
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

/** Reads a service-chain jump into `out` (reused by the caller: one per endpoint jump adds up at 10k services). */
export function readJumpFacts(rule: Rule, out: JumpFacts): void {
  if (rule instanceof CompactRule) {
    const plan = planOf(rule.shape);
    out.probability = plan.probability < 0 ? null : probabilityOf(rule.value(plan.probability));
    out.rcheck = plan.rcheck;
    out.recentSeconds = plan.seconds < 0 ? null : secondsOf(rule.value(plan.seconds));
    out.conditions = plan.conditions;
    return;
  }
  const f = ruleFacts(rule);
  out.probability = f.probability;
  out.rcheck = f.rcheck;
  out.recentSeconds = f.recentSeconds;
  out.conditions = f.conditions;
}
