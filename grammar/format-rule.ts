// The inverse of the grammar: options back to rule text that parses to the same options.

import type { RuleOption } from "./types.ts";

const BARE = /^[#-\uffff][^ \t"]*$/;
const OPTION_LIKE = /^--?[A-Za-z][A-Za-z0-9_-]*$/;

/** A value as iptables-restore reads it: bare when that is unambiguous, else double-quoted with escapes. */
export function quoteValue(value: string): string {
  if (BARE.test(value) && !OPTION_LIKE.test(value) && !value.includes("\\")) return value;
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}

/** `! -s 10.0.0.0/8` from an option. */
export function formatOption(option: RuleOption): string {
  const head = option.negated ? `! ${option.name}` : option.name;
  return option.values.length ? `${head} ${option.values.map(quoteValue).join(" ")}` : head;
}

/** `-A CHAIN opt…`: one rule line without counters. */
export function formatRule(chain: string, options: readonly RuleOption[]): string {
  const parts = [`-A ${quoteValue(chain)}`];
  for (const option of options) parts.push(formatOption(option));
  return parts.join(" ");
}
