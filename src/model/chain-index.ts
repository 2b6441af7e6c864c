// A table indexed once: per chain its rules, whether it is declared, what jumps to it and its DNAT rule.

import type { Rule, Table } from "../../grammar/types.ts";
import { declare, type Entry, newEntry, type Pass, readBlocks, readRuns } from "./chain-entry.ts";
import type { ChainKind } from "./chain-kinds.ts";
import type { Group } from "./group.ts";

/** Everything the model asks about one chain name (a chain of the table, or a name some rule jumps to). */
export interface ChainEntry {
  readonly name: string;
  /** Rules of the chain, in rule order (empty when it has none). */
  readonly rules: readonly Rule[];
  /** How many rules the chain has. */
  readonly count: number;
  /** Declared and not deleted with -X. */
  readonly declared: boolean;
  /** The dump shows the chain: declared (and not deleted) or holding rules. */
  readonly present: boolean;
  /** The first rule jumping (-j/-g) here, null when none (never recorded for KUBE-MARK-MASQ: nothing asks). */
  readonly firstJump: Rule | null;
  /** The jumps after the first, null when there is at most one. */
  readonly moreJumps: readonly Rule[] | null;
  /** The chain's first DNAT rule, null when it has none. */
  readonly dnat: Rule | null;
  /** The DNAT rule's position in the table's `rules`, -1 without one. */
  readonly dnatIndex: number;
  /** The DNAT rule's --to-destination (else --to) value, null without one. */
  readonly dnatTo: string | null;
  /** That value is a plain `a.b.c.d:port` endpoint address. */
  readonly dnatPlain: boolean;
  /** The service-port chain kind of the name (KUBE-SVC-… → "svc"), null for any other name. */
  readonly kind: ChainKind | null;
  /** KUBE-SEP-* (1), KUBE-MARK-* or a service-port chain (2), anything else (0). */
  readonly role: 0 | 1 | 2;
  /** The service port that took this chain (set by setChain), null until one does. */
  group: Group | null;
}

/** A table's chains looked up once, so every later question is one map read (or none). */
export interface TableIndex {
  readonly name: string;
  readonly table: Table | null;
  /** Every chain name the table declares, fills or jumps to. */
  readonly chains: ReadonlyMap<string, ChainEntry>;
  /** Chains holding rules, in the order of each one's first rule. */
  readonly withRules: readonly ChainEntry[];
  /** Declared chains without rules, in declaration order. */
  readonly declaredOnly: readonly ChainEntry[];
  /** Names first met as a jump target (neither holding rules nor declared at that point), in order of that jump. */
  readonly jumped: readonly ChainEntry[];
  /** Some rule of the table carries counters (`iptables-save -c`, `-S -v`). */
  readonly hasCounters: boolean;
  /** The entry of the chain a rule jumps to, by the rule's position in `rules` (undefined: none, DNAT, KUBE-MARK-MASQ). */
  readonly targets: readonly (ChainEntry | undefined)[];
}

const EMPTY: readonly Rule[] = [];

/** Indexes one table (or an empty index when the dump has no such table). */
export function indexTable(name: string, table: Table | null): TableIndex {
  const chains = new Map<string, Entry>();
  if (table === null) {
    return { name, table, chains, withRules: [], declaredOnly: [], jumped: [], hasCounters: false, targets: [] };
  }
  const pass: Pass = {
    table,
    chains,
    // one slot per rule, set for jumps only (a holey array of this length is still a fast one)
    targets: new Array(table.rules.length),
    withRules: [],
    declaredOnly: [],
    jumped: [],
    dnatJumps: [],
    hasCounters: false,
  };
  if (!readBlocks(pass)) readRuns(pass);
  declare(pass);
  const dnat = pass.dnatJumps;
  if (dnat.length > 0) {
    let e = chains.get("DNAT");
    if (e === undefined) {
      e = newEntry("DNAT", EMPTY);
      chains.set("DNAT", e);
    }
    e.firstJump = dnat[0]!;
    if (dnat.length > 1) e.moreJumps = dnat.slice(1);
  }
  const { targets, withRules, declaredOnly, jumped, hasCounters } = pass;
  return { name, table, chains, withRules, declaredOnly, jumped, hasCounters, targets };
}

/** The entry of the chain the k-th rule of a chain jumps to; undefined without a target, for DNAT, KUBE-MARK-MASQ. */
export function targetEntry(index: TableIndex, e: ChainEntry, k: number, rule: Rule): ChainEntry | undefined {
  // an index entry whose rules are one run of the table's rules has its targets by position
  const start = (e as Entry).start;
  if (start >= 0) return index.targets[start + k];
  const target = rule.target;
  if (target === null || target === "DNAT" || target === "KUBE-MARK-MASQ") return undefined;
  return index.chains.get(target);
}

/** The rules of one chain, in order. */
export function chainRules(index: TableIndex, chain: string): readonly Rule[] {
  return index.chains.get(chain)?.rules ?? EMPTY;
}

/** Every rule jumping to an entry, in rule order. */
export function entryJumps(e: ChainEntry | undefined): readonly Rule[] {
  if (e === undefined || e.firstJump === null) return EMPTY;
  return e.moreJumps === null ? [e.firstJump] : [e.firstJump, ...e.moreJumps];
}

/** The rules that jump to a chain. */
export function jumpsTo(index: TableIndex, chain: string): readonly Rule[] {
  return entryJumps(index.chains.get(chain));
}

/** True when the dump shows the chain: declared (and not deleted) or holding rules. */
export function chainPresent(index: TableIndex, chain: string): boolean {
  return index.chains.get(chain)?.present === true;
}

// Input lines of an index's rules, made on first use: a binary search then reads no rule objects.
const linesOf = new WeakMap<TableIndex, Int32Array>();

function ruleLines(index: TableIndex, rules: readonly Rule[]): Int32Array {
  let lines = linesOf.get(index);
  if (lines === undefined) {
    lines = new Int32Array(rules.length);
    for (let i = 0; i < rules.length; i++) lines[i] = rules[i]!.line;
    linesOf.set(index, lines);
  }
  return lines;
}

/** The position of a rule in its table's `rules` (rules are in line order), or -1. */
export function ruleIndex(index: TableIndex, rule: Rule): number {
  const rules = index.table?.rules ?? EMPTY;
  const lines = ruleLines(index, rules);
  const line = rule.line;
  let lo = 0;
  let hi = rules.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = lines[mid]!;
    if (at === line) return rules[mid] === rule ? mid : rules.indexOf(rule);
    if (at < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return rules.indexOf(rule);
}
