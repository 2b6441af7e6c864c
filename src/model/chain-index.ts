// One pass over a table: per chain its rules, whether it is declared and what jumps to it, in one record.

import type { Rule, Table } from "../../grammar/types.ts";

/** Everything the model asks about one chain name (a chain of the table, or a name some rule jumps to). */
export interface ChainEntry {
  readonly name: string;
  /** Rules of the chain, in rule order (empty when it has none). */
  readonly rules: readonly Rule[];
  /** Declared and not deleted with -X. */
  readonly declared: boolean;
  /** The dump shows the chain: declared (and not deleted) or holding rules. */
  readonly present: boolean;
  /** The first rule jumping (-j/-g) here, null when none (never recorded for KUBE-MARK-MASQ: nothing asks). */
  readonly firstJump: Rule | null;
  /** The jumps after the first, null when there is at most one. */
  readonly moreJumps: readonly Rule[] | null;
}

/** A table's chains looked up once, so every later question is one map read. */
export interface TableIndex {
  readonly name: string;
  readonly table: Table | null;
  /**
   * Entries by name: chains holding rules (in order of their first rule), then chains only declared (in declaration
   * order), then names only jumped to (in order of the first jump).
   */
  readonly chains: ReadonlyMap<string, ChainEntry>;
  /** Some rule of the table carries counters (`iptables-save -c`, `-S -v`). */
  readonly hasCounters: boolean;
}

interface MutableEntry {
  readonly name: string;
  rules: readonly Rule[];
  declared: boolean;
  present: boolean;
  firstJump: Rule | null;
  moreJumps: Rule[] | null;
}

const EMPTY: readonly Rule[] = [];

function entry(name: string, rules: readonly Rule[], declared: boolean, present: boolean): MutableEntry {
  return { name, rules, declared, present, firstJump: null, moreJumps: null };
}

function groupByChain(rules: readonly Rule[]): Map<string, Rule[]> {
  const byChain = new Map<string, Rule[]>();
  // a chain's rules mostly come in one run: look its list up once per run, not once per rule
  let chain: string | null = null;
  let list: Rule[] = [];
  for (const rule of rules) {
    if (rule.chain !== chain) {
      chain = rule.chain;
      const known = byChain.get(chain);
      if (known) list = known;
      else {
        list = [];
        byChain.set(chain, list);
      }
    }
    list.push(rule);
  }
  return byChain;
}

function addJump(e: MutableEntry, rule: Rule): void {
  if (e.firstJump === null) e.firstJump = rule;
  else if (e.moreJumps === null) e.moreJumps = [rule];
  else e.moreJumps.push(rule);
}

/** Indexes one table (or an empty index when the dump has no such table). */
export function indexTable(name: string, table: Table | null): TableIndex {
  const chains = new Map<string, MutableEntry>();
  let hasCounters = false;
  if (table === null) return { name, table, chains, hasCounters };
  const deleted = table.deletedChains.length === 0 ? null : new Set(table.deletedChains);
  for (const [chain, rules] of table.byChain ?? groupByChain(table.rules)) {
    chains.set(chain, entry(chain, rules, false, true));
  }
  for (const chain of table.chains.keys()) {
    if (deleted?.has(chain)) continue;
    const e = chains.get(chain);
    if (e === undefined) chains.set(chain, entry(chain, EMPTY, true, true));
    else e.declared = true;
  }
  // DNAT is the target of every endpoint rule: kept aside, not looked up once per rule
  const dnat: Rule[] = [];
  for (const rule of table.rules) {
    const target = rule.target;
    if (target !== null && target !== "KUBE-MARK-MASQ") {
      if (target === "DNAT") dnat.push(rule);
      else {
        let e = chains.get(target);
        if (e === undefined) {
          e = entry(target, EMPTY, false, false);
          chains.set(target, e);
        }
        addJump(e, rule);
      }
    }
    if (rule.counters !== null) hasCounters = true;
  }
  if (dnat.length > 0) {
    let e = chains.get("DNAT");
    if (e === undefined) {
      e = entry("DNAT", EMPTY, false, false);
      chains.set("DNAT", e);
    }
    e.firstJump = dnat[0]!;
    if (dnat.length > 1) e.moreJumps = dnat.slice(1);
  }
  return { name, table, chains, hasCounters };
}

/** The entry of a chain name, undefined when the table neither has it nor jumps to it. */
export function chainEntry(index: TableIndex, chain: string): ChainEntry | undefined {
  return index.chains.get(chain);
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
