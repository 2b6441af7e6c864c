// The record kept per chain name while a table is indexed, and the passes that fill it.

import { detach } from "../../grammar/detach.ts";
import type { Rule, Table } from "../../grammar/types.ts";
import { isPlainIPv4Target } from "./address.ts";
import { type ChainKind, chainKindOf } from "./chain-kinds.ts";
import type { Group } from "./group.ts";
import { dnatDestination } from "./jump-facts.ts";

const EMPTY: readonly Rule[] = [];

/**
 * One chain name of a table: its rules (a run of the table's rules), declaration, incoming jumps, DNAT rule.
 * Made as an object literal, not a class instance: V8 learns that these (all kept to the end of the build) survive
 * and allocates them straight in the old generation instead of copying each one twice.
 */
export interface Entry {
  /** A copy of the name holding no dump text: every record the topology keeps names the chain by this string. */
  readonly name: string;
  declared: boolean;
  /** Declared or holding rules. */
  present: boolean;
  /** Position of the chain's first rule in the table's rules when its rules are one run of them, else -1. */
  start: number;
  count: number;
  rules: readonly Rule[];
  firstJump: Rule | null;
  moreJumps: Rule[] | null;
  dnat: Rule | null;
  dnatIndex: number;
  dnatTo: string | null;
  dnatPlain: boolean;
  group: Group | null;
  /** The service-port chain kind of the name (KUBE-SVC-… → "svc"), null for any other name. */
  readonly kind: ChainKind | null;
  /** KUBE-SEP-* (1), KUBE-MARK-* or a service-port chain (2), anything else (0): read once from the name. */
  readonly role: 0 | 1 | 2;
}

/** A new entry: no rules yet unless given, not declared, nothing jumping to it. */
export function newEntry(chain: string, rules: readonly Rule[]): Entry {
  // the chain as read is a slice of the dump text: one copy per chain, shared by everything that names it
  const name = detach(chain);
  const kind = chainKindOf(name);
  return {
    name,
    declared: false,
    present: false,
    start: -1,
    count: 0,
    rules,
    firstJump: null,
    moreJumps: null,
    dnat: null,
    dnatIndex: -1,
    dnatTo: null,
    dnatPlain: false,
    group: null,
    kind,
    role: name.startsWith("KUBE-SEP-") ? 1 : kind !== null || name.startsWith("KUBE-MARK-") ? 2 : 0,
  };
}

/** What indexing one table collects. */
export interface Pass {
  readonly table: Table;
  readonly chains: Map<string, Entry>;
  /** Entry of each rule's jump target, by the rule's position (a hole: none, DNAT, KUBE-MARK-MASQ). */
  readonly targets: (Entry | undefined)[];
  readonly withRules: Entry[];
  readonly declaredOnly: Entry[];
  readonly jumped: Entry[];
  readonly dnatJumps: Rule[];
  hasCounters: boolean;
}

function addJump(e: Entry, rule: Rule): void {
  if (e.firstJump === null) e.firstJump = rule;
  else if (e.moreJumps === null) e.moreJumps = [rule];
  else e.moreJumps.push(rule);
}

// A jump at position i of a chain's entry (not to KUBE-MARK-MASQ): its target, looked up once here.
function readJump(pass: Pass, owner: Entry, rule: Rule, target: string, i: number): void {
  if (target === "DNAT") {
    pass.dnatJumps.push(rule);
    if (owner.dnat === null) {
      owner.dnat = rule;
      owner.dnatIndex = i;
      // read while the rule is at hand (in table order): endpoints later come in no particular order
      // kept as the endpoint's address: a copy, not a slice of the dump text
      const to = dnatDestination(rule);
      owner.dnatTo = to === null ? null : detach(to);
      owner.dnatPlain = to !== null && isPlainIPv4Target(to);
    }
    return;
  }
  let t = pass.chains.get(target);
  if (t === undefined) {
    t = newEntry(target, EMPTY);
    pass.chains.set(target, t);
    pass.jumped.push(t);
  }
  addJump(t, rule);
  pass.targets[i] = t;
}

/**
 * The common layout (iptables-save): each chain's rules are one block of the table's rules, blocks in the order of
 * the table's chain lists. Makes an entry per block and reads its rules; false (nothing made) for any other layout.
 */
export function readBlocks(pass: Pass): boolean {
  const { table, chains, withRules } = pass;
  const rules = table.rules;
  const byChain = table.byChain;
  if (byChain === undefined) return false;
  let at = 0;
  let blocks = true;
  // Every block's entry first (a jump may come before the block of the chain it goes to). A list is its chain's
  // block when its first and last rules are where the block would be: lists hold each chain's rules in table order.
  // (forEach, not for-of: until the loop is optimized, every for-of step allocates.)
  byChain.forEach((list, chain) => {
    const n = list.length;
    if (!blocks || n === 0 || rules[at] !== list[0] || rules[at + n - 1] !== list[n - 1]) {
      blocks = false;
      return;
    }
    const e = newEntry(chain, list);
    e.start = at;
    e.count = n;
    e.present = true;
    chains.set(chain, e);
    withRules.push(e);
    at += n;
  });
  if (!blocks || at !== rules.length || at === 0) {
    chains.clear();
    withRules.length = 0;
    return false;
  }
  let b = 0;
  let owner = withRules[0]!;
  let end = owner.count;
  for (let i = 0; i < rules.length; i++) {
    if (i === end) {
      owner = withRules[++b]!;
      end += owner.count;
    }
    const rule = rules[i]!;
    const target = rule.target;
    if (target !== null && target !== "KUBE-MARK-MASQ") readJump(pass, owner, rule, target, i);
    if (rule.counters !== null) pass.hasCounters = true;
  }
  return true;
}

/** Any layout: runs of one chain's rules in table order, each chain looked up once per run. */
export function readRuns(pass: Pass): void {
  const { table, chains, withRules } = pass;
  const rules = table.rules;
  let runChain: string | null = null;
  let run: Entry | null = null;
  const split = new Set<Entry>();
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (run === null || rule.chain !== runChain) {
      runChain = rule.chain;
      run = chains.get(runChain) ?? null;
      if (run === null) {
        run = newEntry(runChain, EMPTY);
        chains.set(runChain, run);
      }
      if (run.count === 0) {
        run.start = i;
        run.present = true;
        withRules.push(run);
      } else if (run.start + run.count !== i) split.add(run);
    }
    run.count++;
    const target = rule.target;
    if (target !== null && target !== "KUBE-MARK-MASQ") readJump(pass, run, rule, target, i);
    if (rule.counters !== null) pass.hasCounters = true;
  }
  for (const e of withRules) {
    if (!split.has(e)) e.rules = rules.slice(e.start, e.start + e.count);
    else {
      e.rules = table.byChain?.get(e.name) ?? rules.filter((r) => r.chain === e.name);
      e.start = -1;
    }
  }
}

// A declared chain: marks its entry (made here when only the declaration names it).
function declared(pass: Pass, chain: string): void {
  let e = pass.chains.get(chain);
  if (e === undefined) {
    e = newEntry(chain, EMPTY);
    pass.chains.set(chain, e);
  }
  e.declared = true;
  e.present = true;
  if (e.count === 0) pass.declaredOnly.push(e);
}

/**
 * Marks the declared chains (not deleted with -X). iptables-save declares chains in the order their rule blocks
 * come, so declarations are first matched in step with the blocks; any other order is looked up by name.
 */
export function declare(pass: Pass): void {
  const { table, withRules } = pass;
  const deleted = table.deletedChains.length === 0 ? null : new Set(table.deletedChains);
  if (deleted === null) {
    const only: string[] = [];
    let j = 0;
    table.chains.forEach((_, chain) => {
      if (j < withRules.length && withRules[j]!.name === chain) j++;
      else only.push(chain);
    });
    if (j === withRules.length) {
      // every chain with rules was matched in order, so each unmatched declaration has no rules
      for (let k = 0; k < j; k++) withRules[k]!.declared = true; // present already
      for (let k = 0; k < only.length; k++) declared(pass, only[k]!);
      return;
    }
  }
  table.chains.forEach((_, chain) => {
    if (!deleted?.has(chain)) declared(pass, chain);
  });
}
