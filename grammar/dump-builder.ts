// Collects tables, chains and rules while lines are read: table context, merging, duplicate rules.
import type { ChainDecl, Counters, Rule, Table } from "./types.ts";

/** A table being filled; becomes a Table at the end. */
interface TableState {
  readonly name: string;
  readonly line: number;
  readonly chains: Map<string, ChainDecl>;
  readonly rules: Rule[];
  /** The same rules by chain. */
  readonly byChain: Map<string, Rule[]>;
  readonly deletedChains: string[];
  readonly flushedChains: string[];
  /** Rule keys seen, by chain (an exact duplicate has the same chain). */
  readonly keys: Map<string, ChainKeys>;
  headerSeen: boolean;
  missingCommit: boolean;
}

/** The keys of one chain's rules and their lines: a short list while the chain is short, then a map. */
class ChainKeys {
  private readonly keys: string[] = [];
  private readonly lines: number[] = [];
  private map: Map<string, number> | null = null;

  /** Records a key; returns the line of an earlier identical key instead (then nothing is recorded). */
  add(key: string, line: number): number | null {
    const map = this.map;
    if (map !== null) {
      const first = map.get(key);
      if (first !== undefined) return first;
      map.set(key, line);
      return null;
    }
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.lines[i]!;
    if (keys.length < 8) {
      keys.push(key);
      this.lines.push(line);
      return null;
    }
    this.map = new Map(keys.map((k, i) => [k, this.lines[i]!]));
    this.map.set(key, line);
    return null;
  }
}

/** Mutable dump state: the open `*table` section and every table seen so far, in input order. */
export class DumpBuilder {
  private readonly tables: TableState[] = [];
  private readonly byName = new Map<string, TableState>();
  private open: TableState | null = null;
  duplicateRules = 0;
  // the chain of the last rule added: rules mostly come chain by chain, so maps are read once per run of a chain
  private lastTable: TableState | null = null;
  private lastChain: string | null = null;
  private lastKeys: ChainKeys | null = null;
  private lastList: Rule[] | null = null;

  /** The table of the open `*table` section, or null between sections. */
  get current(): string | null {
    return this.open?.name ?? null;
  }

  /** Starts a `*name` section; a second section of the same name merges into the first. */
  openTable(name: string, line: number): void {
    if (this.open) this.open.missingCommit = true;
    const table = this.table(name, line);
    table.headerSeen = true;
    this.open = table;
  }

  /** Closes the open section; returns false when there was none. */
  commit(): boolean {
    if (!this.open) return false;
    this.open = null;
    return true;
  }

  /** Adds a chain declaration unless the chain is already declared in that table. */
  declare(decl: ChainDecl): void {
    const chains = this.table(decl.table, decl.line).chains;
    if (!chains.has(decl.name)) chains.set(decl.name, decl);
  }

  /** Records `-X CHAIN` / `-F CHAIN`. */
  chainOp(table: string, line: number, kind: "delete-chain" | "flush", chain: string): void {
    const state = this.table(table, line);
    (kind === "delete-chain" ? state.deletedChains : state.flushedChains).push(chain);
  }

  /** Adds a rule; returns the line of the first copy when it is an exact duplicate (then it is not added). */
  addRule(rule: Rule, key: string): number | null {
    let state = this.lastTable;
    if (state === null || state.name !== rule.table) state = this.table(rule.table, rule.line);
    if (state !== this.lastTable || rule.chain !== this.lastChain) {
      let keys = state.keys.get(rule.chain);
      let list = state.byChain.get(rule.chain);
      if (keys === undefined) {
        keys = new ChainKeys();
        state.keys.set(rule.chain, keys);
      }
      if (list === undefined) {
        list = [];
        state.byChain.set(rule.chain, list);
      }
      this.lastTable = state;
      this.lastChain = rule.chain;
      this.lastKeys = keys;
      this.lastList = list;
    }
    const first = this.lastKeys!.add(key, rule.line);
    if (first !== null) {
      this.duplicateRules++;
      return first;
    }
    state.rules.push(rule);
    this.lastList!.push(rule);
    return null;
  }

  /** The finished tables; an unclosed section leaves its table uncommitted. */
  finish(): Table[] {
    if (this.open) this.open.missingCommit = true;
    this.open = null;
    return this.tables.map((t) => {
      const table: { -readonly [K in keyof Table]: Table[K] } = {
        name: t.name,
        line: t.line,
        chains: t.chains,
        rules: t.rules,
        byChain: t.byChain,
        deletedChains: t.deletedChains,
        flushedChains: t.flushedChains,
        committed: t.headerSeen && !t.missingCommit,
      };
      if (!t.headerSeen) table.implicit = true;
      return table;
    });
  }

  private table(name: string, line: number): TableState {
    let table = this.byName.get(name);
    if (!table) {
      table = {
        name,
        line,
        chains: new Map(),
        rules: [],
        byChain: new Map(),
        deletedChains: [],
        flushedChains: [],
        keys: new Map(),
        headerSeen: false,
        missingCommit: false,
      };
      this.byName.set(name, table);
      this.tables.push(table);
    }
    return table;
  }
}

/** Counters of a built-in chain's policy, or null for user chains (their `[0:0]` means nothing). */
export function declCounters(policy: string | null, counters: Counters | null): Counters | null {
  return policy === null ? null : counters;
}
