// A service chain's endpoint cascade: statistic jumps in rule order, each taking its share of what is left.

import { detach } from "../../grammar/detach.ts";
import type { Rule } from "../../grammar/types.ts";
import { type ChainEntry, type TableIndex, targetEntry } from "./chain-index.ts";
import { chainKindOf } from "./chain-kinds.ts";
import { type JumpFacts, readJumpFacts } from "./jump-facts.ts";

/** One jump to an endpoint chain. */
export interface CascadeJump {
  readonly rule: Rule;
  /** The target's name: its entry's copy (endpoints keep it), not the rule's slice of the dump text. */
  readonly target: string;
  /** The target's entry in the nat index (undefined when the table neither has it nor jumps to it). */
  readonly entry: ChainEntry | undefined;
  readonly rawProbability: number | null;
  /** p_i × Π_{j<i}(1−p_j). */
  readonly share: number;
  /** An earlier unconditional jump takes every connection first. */
  readonly unreachable: boolean;
}

export interface Cascade {
  readonly chain: string;
  readonly jumps: readonly CascadeJump[];
  /** From the affinity `--rcheck --seconds N` jumps, null when there are none. */
  readonly affinitySeconds: number | null;
  /** Share of new connections that match no endpoint jump and fall through (0 for a complete cascade). */
  readonly fallThrough: number;
  /** The last endpoint jump has a condition or a probability below 1. */
  readonly lastConditional: boolean;
}

// A jump target that leads to an endpoint, given its entry when the caller has it.
function endpointTarget(nat: TableIndex, target: string | null, entry: ChainEntry | undefined): target is string {
  if (target === null) return false;
  // the entry read its name once: no string is read here
  if (entry !== undefined) return entry.role === 1 || (entry.role === 0 && entry.dnat !== null);
  if (target.startsWith("KUBE-SEP-")) return true;
  if (target.startsWith("KUBE-MARK-") || chainKindOf(target) !== null) return false;
  return nat.chains.get(target)?.dnat != null;
}

/** True when a jump from a service chain leads to an endpoint: KUBE-SEP-*, or another chain that DNATs. */
export function isEndpointTarget(nat: TableIndex, target: string | null): target is string {
  return endpointTarget(nat, target, undefined);
}

// Filled per jump and read at once, never kept.
const JUMP: JumpFacts = { probability: null, rcheck: false, recentSeconds: null, conditions: 0 };

/** Reads the endpoint jumps of a KUBE-SVC/SVL/XLB chain; affinity `--rcheck` jumps are not endpoints. */
export function readCascade(nat: TableIndex, entry: ChainEntry): Cascade {
  const chain = entry.name;
  const jumps: CascadeJump[] = [];
  let remaining = 1;
  let affinitySeconds: number | null = null;
  let lastConditional = false;
  const rules = entry.rules;
  for (let k = 0; k < rules.length; k++) {
    const rule = rules[k]!;
    const target = targetEntry(nat, entry, k, rule);
    if (!endpointTarget(nat, rule.target, target)) continue;
    const facts = JUMP;
    readJumpFacts(rule, facts);
    if (facts.rcheck) {
      affinitySeconds ??= facts.recentSeconds;
      continue;
    }
    const raw = facts.probability;
    const p = raw === null ? 1 : Math.min(1, Math.max(0, raw));
    const unreachable = remaining <= 0;
    const share = p * remaining;
    remaining = remaining * (1 - p);
    lastConditional = p < 1 || facts.conditions > 0;
    const into = target ?? nat.chains.get(rule.target);
    const name = into !== undefined ? into.name : detach(rule.target);
    jumps.push({ rule, target: name, entry: into, rawProbability: raw, share, unreachable });
  }
  const fallThrough = jumps.length === 0 ? 1 : lastConditional ? Math.max(remaining, 0) : 0;
  return { chain, jumps, affinitySeconds, fallThrough, lastConditional };
}
