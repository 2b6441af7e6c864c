// Service ports as nat KUBE-SERVICES and KUBE-NODEPORTS reach them: cluster IPs, external/LB IPs, node ports.

import type { Rule } from "../../grammar/types.ts";
import { stripHostPrefix } from "./address.ts";
import { chainRules, type TableIndex } from "./chain-index.ts";
import { type ChainKind, chainKindOf, hasSuffix, kindSuffix } from "./chain-kinds.ts";
import { servicePortHash } from "./chain-names.ts";
import { type CommentInfo, parseComment } from "./comments.ts";
import { addUnique, type Group, newGroup } from "./group.ts";
import { portNumber, type RuleFacts, ruleFacts } from "./rule-facts.ts";

/** What the nat table's entry chains tell. */
export interface Frontends {
  /** Groups by chain suffix, in order of first appearance. */
  readonly groups: Map<string, Group>;
  /** First KUBE-SERVICES rule matching a KUBE-* ipset (IPVS mode), or null. */
  readonly ipvsLine: number | null;
  /** Frontends claimed by two service ports; the earlier rule wins. */
  readonly conflicts: FrontendConflict[];
}

/** A cluster IP:port or node port that an earlier rule of another service port already takes. */
export interface FrontendConflict {
  readonly what: string;
  readonly winner: string;
  readonly loser: string;
  readonly line: number;
}

function claim(seen: Map<string, string>, conflicts: FrontendConflict[], what: string, g: Group, line: number): void {
  const winner = seen.get(what);
  if (winner === undefined) seen.set(what, g.key);
  else if (winner !== g.key && !conflicts.some((c) => c.what === what && c.loser === g.key)) {
    conflicts.push({ what, winner, loser: g.key, line });
  }
}

function groupFor(groups: Map<string, Group>, suffix: string, line: number): Group {
  let g = groups.get(suffix);
  if (!g) {
    g = newGroup(suffix, suffix, line);
    groups.set(suffix, g);
  }
  return g;
}

function nameFrom(g: Group, c: CommentInfo | null): void {
  if (g.written === null && c !== null) g.written = c.written;
}

type FrontendKind = "cluster" | "external" | "lb";

function frontendKind(c: CommentInfo | null, chain: ChainKind, g: Group): FrontendKind {
  if (c?.kind === "cluster-ip") return "cluster";
  if (c?.kind === "external-ip") return "external";
  if (c?.kind === "loadbalancer-ip") return "lb";
  g.guessedFrontends = true;
  if (chain === "fw") return "lb";
  if ((chain === "svc" || chain === "svl") && g.clusterIP === null) return "cluster";
  return "external";
}

function serviceRule(g: Group, rule: Rule, f: RuleFacts, chain: ChainKind): void {
  const c = parseComment(f.comment);
  nameFrom(g, c);
  if (g.protocol === null) g.protocol = f.protocol;
  if (f.destination === null || f.destinationNegated) return;
  const address = stripHostPrefix(f.destination);
  const kind = frontendKind(c, chain, g);
  if (kind === "cluster") {
    if (g.clusterIP === null) {
      g.clusterIP = address;
      g.port = portNumber(f.dport);
      g.clusterLine = rule.line;
      if (f.protocol !== null) g.protocol = f.protocol;
    }
  } else if (kind === "external") addUnique(g.externalIPs, address);
  else addUnique(g.loadBalancerIPs, address);
}

function nodePortRule(g: Group, f: RuleFacts): void {
  nameFrom(g, parseComment(f.comment));
  if (g.protocol === null) g.protocol = f.protocol;
  const port = portNumber(f.dport);
  if (port !== null) addUnique(g.nodePorts, port);
}

/** Reads KUBE-SERVICES and KUBE-NODEPORTS of the nat table into groups keyed by chain suffix. */
export function readFrontends(nat: TableIndex): Frontends {
  const groups = new Map<string, Group>();
  const seen = new Map<string, string>();
  const conflicts: FrontendConflict[] = [];
  let ipvsLine: number | null = null;
  for (const rule of chainRules(nat, "KUBE-SERVICES")) {
    const target = rule.target;
    const kind = chainKindOf(target);
    if (kind === null) {
      if (ipvsLine === null && ruleFacts(rule).matchSet?.startsWith("KUBE-")) ipvsLine = rule.line;
      continue;
    }
    const g = groupFor(groups, kindSuffix(target!, kind), rule.line);
    g.hasFrontend = true;
    g.chains[kind] ??= target;
    const f = ruleFacts(rule);
    serviceRule(g, rule, f, kind);
    if (f.destination !== null && !f.destinationNegated) {
      const what = `${stripHostPrefix(f.destination)}:${f.dport ?? "*"}/${f.protocol ?? "?"}`;
      claim(seen, conflicts, what, g, rule.line);
    }
  }
  for (const rule of chainRules(nat, "KUBE-NODEPORTS")) {
    const target = rule.target;
    const kind = chainKindOf(target);
    if (kind === null) continue;
    const g = groupFor(groups, kindSuffix(target!, kind), rule.line);
    g.hasFrontend = true;
    g.chains[kind] ??= target;
    const f = ruleFacts(rule);
    nodePortRule(g, f);
    if (f.dport !== null) claim(seen, conflicts, `node port ${f.dport}/${f.protocol ?? "?"}`, g, rule.line);
  }
  return { groups, ipvsLine, conflicts };
}

// Sets the group's chains that a chain of the same port (KUBE-EXT/FW/XLB) jumps to; SVC/SVL jump only to endpoints.
function attachLinked(g: Group, rules: readonly Rule[]): void {
  const suffix = g.suffix!;
  for (const rule of rules) {
    const target = rule.target;
    const kind = chainKindOf(target);
    if (kind !== null && g.chains[kind] === null && hasSuffix(target!, kind, suffix)) g.chains[kind] = target;
  }
}

/**
 * Adds the service chains the dump holds (by suffix) and the ones the groups' chains jump to. A chain with rules
 * makes a group for its suffix; a chain only declared joins one that exists.
 */
export function attachChains(nat: TableIndex, groups: Map<string, Group>): void {
  // entries: chains with rules first, then chains only declared, then names only jumped to
  for (const e of nat.chains.values()) {
    if (!e.present) continue;
    const kind = chainKindOf(e.name);
    if (kind === null) continue;
    const suffix = kindSuffix(e.name, kind);
    let g = groups.get(suffix);
    if (e.rules.length > 0) {
      if (!g) {
        g = newGroup(suffix, suffix, e.rules[0]!.line);
        groups.set(suffix, g);
      }
      g.chains[kind] ??= e.name;
      if (kind === "ext" || kind === "fw" || kind === "xlb") attachLinked(g, e.rules);
    } else if (g) g.chains[kind] ??= e.name;
  }
}

/** Gives ports known only from filter rules the (empty) nat chains that carry their hash, if any. */
export function attachByHash(nat: TableIndex, bySuffix: ReadonlyMap<string, Group>, nameOnly: readonly Group[]): void {
  if (nameOnly.length === 0) return;
  const loose = new Map<string, string[]>();
  for (const e of nat.chains.values()) {
    // a chain with rules has a group of its own already
    if (!e.declared || e.rules.length > 0) continue;
    const kind = chainKindOf(e.name);
    if (kind === null) continue;
    const suffix = kindSuffix(e.name, kind);
    if (bySuffix.has(suffix)) continue;
    const list = loose.get(suffix);
    if (list) list.push(e.name);
    else loose.set(suffix, [e.name]);
  }
  if (loose.size === 0) return;
  for (const g of nameOnly) {
    if (g.written === null) continue;
    const chains = loose.get(servicePortHash(g.written, g.protocol ?? "tcp"));
    for (const chain of chains ?? []) g.chains[chainKindOf(chain)!] ??= chain;
  }
}
