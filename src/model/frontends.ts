// Service ports as nat KUBE-SERVICES and KUBE-NODEPORTS reach them: cluster IPs, external/LB IPs, node ports.

import type { Rule } from "../../grammar/types.ts";
import { stripHostPrefix } from "./address.ts";
import { chainPresent, chainRules, type TableIndex } from "./chain-index.ts";
import { type ChainKind, serviceChainKind } from "./chain-kinds.ts";
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
    const k = serviceChainKind(rule.target);
    if (k === null) {
      if (ipvsLine === null && ruleFacts(rule).matchSet?.startsWith("KUBE-")) ipvsLine = rule.line;
      continue;
    }
    const g = groupFor(groups, k.suffix, rule.line);
    g.hasFrontend = true;
    g.chains[k.kind] ??= rule.target;
    const f = ruleFacts(rule);
    serviceRule(g, rule, f, k.kind);
    if (f.destination !== null && !f.destinationNegated) {
      const what = `${stripHostPrefix(f.destination)}:${f.dport ?? "*"}/${f.protocol ?? "?"}`;
      claim(seen, conflicts, what, g, rule.line);
    }
  }
  for (const rule of chainRules(nat, "KUBE-NODEPORTS")) {
    const k = serviceChainKind(rule.target);
    if (k === null) continue;
    const g = groupFor(groups, k.suffix, rule.line);
    g.hasFrontend = true;
    g.chains[k.kind] ??= rule.target;
    const f = ruleFacts(rule);
    nodePortRule(g, f);
    if (f.dport !== null) claim(seen, conflicts, `node port ${f.dport}/${f.protocol ?? "?"}`, g, rule.line);
  }
  return { groups, ipvsLine, conflicts };
}

// Chains that jump to other chains of the same port (SVC/SVL jump only to endpoints).
const LINKING_KINDS: readonly ChainKind[] = ["ext", "fw", "xlb"];

/** Adds the service chains the dump holds (by suffix) and the ones the groups' chains jump to. */
export function attachChains(nat: TableIndex, groups: Map<string, Group>): void {
  for (const [chain, rules] of nat.byChain) {
    const k = serviceChainKind(chain);
    if (k === null) continue;
    let g = groups.get(k.suffix);
    if (!g) {
      g = newGroup(k.suffix, k.suffix, rules[0]!.line);
      groups.set(k.suffix, g);
    }
    g.chains[k.kind] ??= chain;
  }
  for (const chain of nat.declared) {
    const k = serviceChainKind(chain);
    if (k !== null) {
      const g = groups.get(k.suffix);
      if (g) g.chains[k.kind] ??= chain;
    }
  }
  for (const g of groups.values()) {
    for (const kind of LINKING_KINDS) {
      const chain = g.chains[kind];
      if (chain === null || !chainPresent(nat, chain)) continue;
      for (const rule of chainRules(nat, chain)) {
        const t = serviceChainKind(rule.target);
        if (t !== null && t.suffix === g.suffix) g.chains[t.kind] ??= rule.target;
      }
    }
  }
}

/** Gives ports known only from filter rules the (empty) nat chains that carry their hash, if any. */
export function attachByHash(nat: TableIndex, bySuffix: ReadonlyMap<string, Group>, nameOnly: readonly Group[]): void {
  if (nameOnly.length === 0) return;
  const loose = new Map<string, string[]>();
  for (const chain of nat.declared) {
    const k = serviceChainKind(chain);
    if (k !== null && !bySuffix.has(k.suffix)) loose.set(k.suffix, [...(loose.get(k.suffix) ?? []), chain]);
  }
  if (loose.size === 0) return;
  for (const g of nameOnly) {
    if (g.written === null) continue;
    const chains = loose.get(servicePortHash(g.written, g.protocol ?? "tcp"));
    for (const chain of chains ?? []) {
      const k = serviceChainKind(chain)!;
      g.chains[k.kind] ??= chain;
    }
  }
}
