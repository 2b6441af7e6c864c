// Collects tables, chains and rules while lines are read: table context, merging, duplicate rules.
import type { ChainDecl, Counters, Rule, Table } from "./types.ts";

/** A table being filled; becomes a Table at the end. */
interface TableState {
  readonly name: string;
  readonly line: number;
  readonly chains: Map<string, ChainDecl>;
  readonly rules: Rule[];
  /** The same rules by chain, for the runs closed so far (a list is made when its chain's run ends). */
  readonly byChain: Map<string, Rule[]>;
  /** The chain whose rules are being added: rules[runStart…] belong to it, after `runPrior` (earlier runs). */
  runChain: string | null;
  runStart: number;
  runPrior: readonly Rule[] | undefined;
  readonly deletedChains: string[];
  readonly flushedChains: string[];
  /** Rule keys of chains longer than SHORT_CHAIN, by chain (an exact duplicate has the same chain). */
  readonly keyMaps: Map<string, Map<string, number>>;
  /** The key of each rule whose key is not its raw text (`-c P B` inside, or a listing row). */
  readonly oddKeys: Map<Rule, string>;
  headerSeen: boolean;
  missingCommit: boolean;
}

/** Chains up to this many rules are searched for duplicates rule by rule; longer ones get a map of keys. */
const SHORT_CHAIN = 8;

/** Mutable dump state: the open `*table` section and every table seen so far, in input order. */
export class DumpBuilder {
  private readonly tables: TableState[] = [];
  private readonly byName = new Map<string, TableState>();
  private open: TableState | null = null;
  duplicateRules = 0;
  // the chain of the last rule added: rules mostly come chain by chain, so maps are read once per run of a chain
  private lastTable: TableState | null = null;

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
    if (state === null || state.name !== rule.table) {
      state = this.table(rule.table, rule.line);
      this.lastTable = state;
    }
    // iptables-save writes a chain's rules in one run: its list is made once, at the size it ends up
    if (rule.chain !== state.runChain) {
      closeRun(state);
      state.runChain = rule.chain;
      state.runStart = state.rules.length;
      state.runPrior = state.byChain.get(rule.chain);
    }
    const first = firstCopy(state, key, rule.line);
    if (first !== null) {
      this.duplicateRules++;
      return first;
    }
    if (key !== rule.raw) state.oddKeys.set(rule, key);
    state.rules.push(rule);
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
        byChain: closeRun(t),
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
        runChain: null,
        runStart: 0,
        runPrior: undefined,
        deletedChains: [],
        flushedChains: [],
        keyMaps: new Map(),
        oddKeys: new Map(),
        headerSeen: false,
        missingCommit: false,
      };
      this.byName.set(name, table);
      this.tables.push(table);
    }
    return table;
  }
}

// Ends the current run of a chain: its rules become (or extend) the chain's list, sized exactly.
function closeRun(state: TableState): Map<string, Rule[]> {
  const chain = state.runChain;
  if (chain !== null && state.rules.length > state.runStart) {
    const run = state.rules.slice(state.runStart);
    state.byChain.set(chain, state.runPrior === undefined ? run : state.runPrior.concat(run));
  }
  state.runChain = null;
  state.runPrior = undefined;
  return state.byChain;
}

function keyOf(state: TableState, rule: Rule): string {
  return state.oddKeys.size === 0 ? rule.raw : (state.oddKeys.get(rule) ?? rule.raw);
}

// The line of an earlier rule of the current chain with this key, or null (then `line` is recorded for it).
function firstCopy(state: TableState, key: string, line: number): number | null {
  const prior = state.runPrior;
  const rules = state.rules;
  const count = (prior?.length ?? 0) + rules.length - state.runStart;
  if (count < SHORT_CHAIN) {
    if (prior !== undefined) for (const r of prior) if (keyOf(state, r) === key) return r.line;
    for (let i = state.runStart; i < rules.length; i++) if (keyOf(state, rules[i]!) === key) return rules[i]!.line;
    return null;
  }
  const chain = state.runChain!;
  let map = state.keyMaps.get(chain);
  if (map === undefined) {
    map = new Map();
    if (prior !== undefined) for (const r of prior) map.set(keyOf(state, r), r.line);
    for (let i = state.runStart; i < rules.length; i++) map.set(keyOf(state, rules[i]!), rules[i]!.line);
    state.keyMaps.set(chain, map);
  }
  const first = map.get(key);
  if (first !== undefined) return first;
  map.set(key, line);
  return null;
}

/** Counters of a built-in chain's policy, or null for user chains (their `[0:0]` means nothing). */
export function declCounters(policy: string | null, counters: Counters | null): Counters | null {
  return policy === null ? null : counters;
}
