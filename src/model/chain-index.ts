// One pass over a table: rules by chain, incoming jumps by target, which chains exist.

import type { Rule, Table } from "../../grammar/types.ts";

/** A table's rules grouped once, so every later lookup is a map read. Rules are referred to by index. */
export interface TableIndex {
  readonly name: string;
  readonly table: Table | null;
  /** Indices into table.rules, by chain, in rule order. */
  readonly byChain: ReadonlyMap<string, readonly number[]>;
  /** Indices of rules jumping (-j/-g) to each target. */
  readonly jumpsInto: ReadonlyMap<string, readonly number[]>;
  /** Chains declared and not deleted with -X. */
  readonly declared: ReadonlySet<string>;
}

const EMPTY: readonly number[] = [];

/** Indexes one table (or an empty index when the dump has no such table). */
export function indexTable(name: string, table: Table | null): TableIndex {
  const byChain = new Map<string, number[]>();
  const jumpsInto = new Map<string, number[]>();
  const declared = new Set<string>();
  if (table) {
    for (const chain of table.chains.keys()) declared.add(chain);
    for (const chain of table.deletedChains) declared.delete(chain);
    const rules = table.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      const list = byChain.get(rule.chain);
      if (list) list.push(i);
      else byChain.set(rule.chain, [i]);
      if (rule.target !== null) {
        const into = jumpsInto.get(rule.target);
        if (into) into.push(i);
        else jumpsInto.set(rule.target, [i]);
      }
    }
  }
  return { name, table, byChain, jumpsInto, declared };
}

/** The rules of one chain, in order. */
export function chainRules(index: TableIndex, chain: string): Rule[] {
  const ids = index.byChain.get(chain) ?? EMPTY;
  const rules = index.table?.rules ?? [];
  return ids.map((i) => rules[i]!);
}

/** Indices into table.rules of one chain's rules. */
export function chainRuleIds(index: TableIndex, chain: string): readonly number[] {
  return index.byChain.get(chain) ?? EMPTY;
}

/** Indices of the rules that jump to a chain. */
export function jumpIds(index: TableIndex, chain: string): readonly number[] {
  return index.jumpsInto.get(chain) ?? EMPTY;
}

/** True when the dump shows the chain: declared (and not deleted) or holding rules. */
export function chainPresent(index: TableIndex, chain: string): boolean {
  return index.declared.has(chain) || index.byChain.has(chain);
}

/** The rule at an index of the indexed table. */
export function ruleAt(index: TableIndex, id: number): Rule {
  return index.table!.rules[id]!;
}
