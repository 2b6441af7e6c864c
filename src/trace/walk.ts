// Walks a packet through one table's chains, following every statistic branch, like iptables would per packet.

import type { ParsedDump, Rule } from "../../grammar/types.ts";
import { type MatchResult, matchRule, optionValue, type PacketView, targetOptions } from "./match.ts";
import type { TraceStep } from "./types.ts";

/** One table's rules by chain, in evaluation order. */
export interface TableIndex {
  readonly name: string;
  readonly rules: ReadonlyMap<string, readonly Rule[]>;
  /** Declared or holding rules, and not deleted with `-X`. */
  has(chain: string): boolean;
}

/** Indexes each table of a dump by chain (`-I` rules go before the chain's `-A` rules). */
export function indexDump(dump: ParsedDump): ReadonlyMap<string, TableIndex> {
  const out = new Map<string, TableIndex>();
  for (const table of dump.tables) {
    const rules = new Map<string, Rule[]>();
    for (const rule of table.rules) {
      let list = rules.get(rule.chain);
      if (!list) {
        list = [];
        rules.set(rule.chain, list);
      }
      if (rule.verb === "insert") list.unshift(rule);
      else list.push(rule);
    }
    const deleted = new Set(table.deletedChains);
    const has = (chain: string) => !deleted.has(chain) && (table.chains.has(chain) || rules.has(chain));
    out.set(table.name, { name: table.name, rules, has });
  }
  return out;
}

/** The walk's state along one branch. */
export interface WalkState {
  readonly mark: number;
  readonly masq: boolean;
  readonly share: number;
  readonly steps: readonly TraceStep[];
  readonly dnat: boolean;
}

export type WalkEnd =
  | { readonly kind: "return" | "accept" | "drop" | "reject"; readonly state: WalkState; readonly rule: Rule | null }
  | { readonly kind: "dnat" | "redirect"; readonly state: WalkState; readonly to: string; readonly chain: string }
  | { readonly kind: "dangling" | "loop"; readonly state: WalkState; readonly chain: string };

const MASQ_BIT = 0x4000;
/** Targets that do something and let the packet go on to the next rule. */
const CONTINUE = new Set([
  "LOG",
  "NFLOG",
  "ULOG",
  "TRACE",
  "CONNMARK",
  "CT",
  "NOTRACK",
  "AUDIT",
  "TCPMSS",
  "CLASSIFY",
  "DSCP",
  "TOS",
  "TTL",
  "HL",
  "CHECKSUM",
  "SET",
  "CONNSECMARK",
  "SECMARK",
  "IDLETIMER",
  "LED",
]);
/** Targets that end the table's traversal without rewriting the destination. */
const ENDS = new Set(["ACCEPT", "SNAT", "MASQUERADE", "NETMAP", "QUEUE", "NFQUEUE"]);
/** A bound on branches so a pathological dump cannot explode the walk. */
export const MAX_BRANCHES = 4096;
const MAX_DEPTH = 64;

function commentOf(rule: Rule): string | null {
  const c = rule.options.find((o) => o.name === "--comment");
  return c ? c.values.join(" ") : null;
}

function applyMark(mark: number, rule: Rule): number {
  let m = mark;
  for (const o of targetOptions(rule)) {
    const [vs, ms] = (o.values[0] ?? "").split("/");
    const v = Number(vs);
    const mask = ms === undefined ? 0xffffffff : Number(ms);
    if (!Number.isFinite(v) || !Number.isFinite(mask)) continue;
    if (o.name === "--set-xmark") m = (m & ~mask) ^ v;
    else if (o.name === "--set-mark") m = (m & ~mask) | v;
    else if (o.name === "--or-mark") m |= v;
    else if (o.name === "--and-mark") m &= v;
    else if (o.name === "--xor-mark") m ^= v;
  }
  return m >>> 0;
}

/** Walks chains of one table for one packet; collects every way out, with notes on assumptions made. */
export class Walker {
  readonly notes = new Set<string>();
  private ends = 0;

  constructor(
    private readonly table: TableIndex,
    private readonly view: (state: WalkState) => PacketView,
  ) {}

  private step(rule: Rule, state: WalkState, matched: boolean, probability: number | null, note: string | null) {
    const step: TraceStep = {
      table: this.table.name,
      chain: rule.chain,
      line: rule.line,
      raw: rule.raw,
      matched,
      probability,
      counters: rule.counters,
      target: rule.target,
      comment: commentOf(rule),
      note,
    };
    return { ...state, steps: [...state.steps, step] };
  }

  /** Every way the packet leaves `chain` (from rule index `from`), given the chains already entered. */
  walk(chain: string, state: WalkState, stack: readonly string[] = [], from = 0): WalkEnd[] {
    if (stack.includes(chain)) return [{ kind: "loop", state, chain }];
    if (stack.length >= MAX_DEPTH) {
      this.notes.add(`chains nest deeper than ${MAX_DEPTH}: walk stopped`);
      return [{ kind: "loop", state, chain }];
    }
    const rules = this.table.rules.get(chain) ?? [];
    for (let i = from; i < rules.length; i++) {
      const rule = rules[i]!;
      const m: MatchResult = matchRule(rule, this.view(state));
      if (m.kind === "no") {
        for (const n of m.notes) this.notes.add(n);
        continue;
      }
      if (m.kind === "affinity") {
        this.notes.add(m.note);
        state = this.step(rule, state, false, null, m.note);
        continue;
      }
      for (const n of m.notes) this.notes.add(n);
      const note = m.notes.length > 0 ? m.notes.join("; ") : null;
      if (m.kind === "branch") {
        const p = m.probability;
        const out: WalkEnd[] = [];
        if (p > 0) {
          const taken = this.step(rule, { ...state, share: state.share * p }, true, p, note);
          out.push(...this.target(rule, taken, chain, stack, i));
        }
        if (p < 1) {
          const passed = this.step(rule, { ...state, share: state.share * (1 - p) }, false, 1 - p, null);
          if (this.ends < MAX_BRANCHES) out.push(...this.walk(chain, passed, stack, i + 1));
          else this.notes.add(`more than ${MAX_BRANCHES} branches: the rest were not followed`);
        }
        return out;
      }
      return this.target(rule, this.step(rule, state, true, null, note), chain, stack, i);
    }
    return [{ kind: "return", state, rule: null }];
  }

  private end(e: WalkEnd): WalkEnd[] {
    this.ends += 1;
    return [e];
  }

  // Runs the rule's target; a target that does not end the walk goes on with the next rule of `chain`.
  private target(rule: Rule, state: WalkState, chain: string, stack: readonly string[], i: number): WalkEnd[] {
    const next = (s: WalkState) => this.walk(chain, s, stack, i + 1);
    const t = rule.target;
    if (t === null || CONTINUE.has(t)) return next(state);
    if (t === "MARK") return next({ ...state, mark: applyMark(state.mark, rule) });
    if (t === "RETURN") return [{ kind: "return", state, rule }];
    if (t === "DROP" || t === "REJECT") return this.end({ kind: t === "DROP" ? "drop" : "reject", state, rule });
    if (ENDS.has(t)) return this.end({ kind: "accept", state, rule });
    if (t === "DNAT") {
      const to = optionValue(rule, "--to-destination") ?? optionValue(rule, "--to") ?? "";
      return this.end({ kind: "dnat", state: { ...state, dnat: true }, to, chain });
    }
    if (t === "REDIRECT") {
      const to = optionValue(rule, "--to-ports") ?? "";
      return this.end({ kind: "redirect", state: { ...state, dnat: true }, to, chain });
    }
    let entered = state;
    if (t === "KUBE-MARK-MASQ") {
      entered = { ...state, masq: true, mark: (state.mark | MASQ_BIT) >>> 0 };
      if (!this.table.has(t)) return next(entered);
    }
    if (t === "KUBE-MARK-DROP") {
      this.notes.add("KUBE-MARK-DROP marks the packet; filter KUBE-FIREWALL drops marked packets");
      return this.end({ kind: "drop", state, rule });
    }
    if (!this.table.has(t)) return this.end({ kind: "dangling", state, chain: t });
    const out: WalkEnd[] = [];
    for (const e of this.walk(t, entered, [...stack, chain])) {
      if (e.kind !== "return") out.push(e);
      else if (rule.goto) out.push(e);
      else out.push(...next(e.state));
    }
    return out;
  }
}
