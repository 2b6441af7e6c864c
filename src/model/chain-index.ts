// One pass over a table: rules by chain, incoming jumps by target, which chains exist.

import type { Rule, Table } from "../../grammar/types.ts";

/** A table's rules grouped once, so every later lookup is a map read. */
export interface TableIndex {
  readonly name: string;
  readonly table: Table | null;
  /** Rules by chain, in rule order. */
  readonly byChain: ReadonlyMap<string, readonly Rule[]>;
  /** Rules jumping (-j/-g) to each target (except KUBE-MARK-MASQ: every SEP jumps there and nothing asks). */
  readonly jumpsInto: ReadonlyMap<string, readonly Rule[]>;
  /** Chains declared and not deleted with -X. */
  readonly declared: { has(chain: string): boolean } & Iterable<string>;
  /** Some rule of the table carries counters (`iptables-save -c`, `-S -v`). */
  readonly hasCounters: boolean;
}

const EMPTY: readonly Rule[] = [];

/** Chains declared in a table and not deleted with -X: a view of the table's declarations, not a copy. */
class DeclaredChains implements Iterable<string> {
  constructor(
    private readonly chains: ReadonlyMap<string, unknown>,
    private readonly deleted: ReadonlySet<string>,
  ) {}

  has(chain: string): boolean {
    return this.chains.has(chain) && (this.deleted.size === 0 || !this.deleted.has(chain));
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const chain of this.chains.keys()) if (this.deleted.size === 0 || !this.deleted.has(chain)) yield chain;
  }
}

const NONE: ReadonlyMap<string, unknown> = new Map();

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

/** Indexes one table (or an empty index when the dump has no such table). */
export function indexTable(name: string, table: Table | null): TableIndex {
  const byChain = table === null ? new Map<string, Rule[]>() : (table.byChain ?? groupByChain(table.rules));
  const jumpsInto = new Map<string, Rule[]>();
  const declared = new DeclaredChains(table?.chains ?? NONE, new Set(table?.deletedChains ?? []));
  let hasCounters = false;
  if (table) {
    for (const rule of table.rules) {
      const target = rule.target;
      if (target !== null && target !== "KUBE-MARK-MASQ") {
        const into = jumpsInto.get(target);
        if (into) into.push(rule);
        else jumpsInto.set(target, [rule]);
      }
      if (rule.counters !== null) hasCounters = true;
    }
  }
  return { name, table, byChain, jumpsInto, declared, hasCounters };
}

/** The rules of one chain, in order. */
export function chainRules(index: TableIndex, chain: string): readonly Rule[] {
  return index.byChain.get(chain) ?? EMPTY;
}

/** The rules that jump to a chain. */
export function jumpsTo(index: TableIndex, chain: string): readonly Rule[] {
  return index.jumpsInto.get(chain) ?? EMPTY;
}

/** True when the dump shows the chain: declared (and not deleted) or holding rules. */
export function chainPresent(index: TableIndex, chain: string): boolean {
  return index.declared.has(chain) || index.byChain.has(chain);
}

/** The position of a rule in its table's `rules` (rules are in line order), or -1. */
export function ruleIndex(index: TableIndex, rule: Rule): number {
  const rules = index.table?.rules ?? [];
  let lo = 0;
  let hi = rules.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const line = rules[mid]!.line;
    if (line === rule.line) return rules[mid] === rule ? mid : rules.indexOf(rule);
    if (line < rule.line) lo = mid + 1;
    else hi = mid - 1;
  }
  return rules.indexOf(rule);
}
