// Service ports as nat KUBE-SERVICES and KUBE-NODEPORTS reach them: cluster IPs, external/LB IPs, node ports.

import { detach } from "../../grammar/detach.ts";
import type { Rule } from "../../grammar/types.ts";
import { stripHostPrefix } from "./address.ts";
import { type ChainEntry, type TableIndex, targetEntry } from "./chain-index.ts";
import { type ChainKind, chainKindOf, hasSuffix, kindSuffix } from "./chain-kinds.ts";
import { servicePortHash } from "./chain-names.ts";
import { type CommentInfo, parseComment } from "./comments.ts";
import { type Group, newGroup, setChain, withUnique } from "./group.ts";
import { FactsBuilder, portNumber, type RuleFacts, readFacts } from "./rule-facts.ts";

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
  // addresses are kept by the Service: copies, not slices of the dump text
  const address = stripHostPrefix(f.destination);
  const kind = frontendKind(c, chain, g);
  if (kind === "cluster") {
    if (g.clusterIP === null) {
      g.clusterIP = detach(address);
      g.port = portNumber(f.dport);
      g.clusterLine = rule.line;
      if (f.protocol !== null) g.protocol = f.protocol;
    }
  } else if (kind === "external") g.externalIPs = withUnique(g.externalIPs, detach(address));
  else g.loadBalancerIPs = withUnique(g.loadBalancerIPs, detach(address));
}

function nodePortRule(g: Group, f: RuleFacts): void {
  nameFrom(g, parseComment(f.comment));
  if (g.protocol === null) g.protocol = f.protocol;
  const port = portNumber(f.dport);
  if (port !== null) g.nodePorts = withUnique(g.nodePorts, port);
}

// The group of a frontend rule that jumps to a service-port chain of `kind` (`into`: its entry, when indexed),
// marked as having a frontend and given that chain.
function frontendGroup(groups: Map<string, Group>, rule: Rule, kind: ChainKind, into: ChainEntry | undefined): Group {
  const target = rule.target!;
  // the group's key is read from the entry's copy of the name (a slice of the rule's would keep the dump text)
  const g = into?.group ?? groupFor(groups, kindSuffix(into?.name ?? detach(target), kind), rule.line);
  g.hasFrontend = true;
  setChain(g, kind, target, into);
  return g;
}

// Each frontend rule's facts, read in turn into this one record.
const FACTS = new FactsBuilder();

/** Reads KUBE-SERVICES and KUBE-NODEPORTS of the nat table into groups keyed by chain suffix. */
export function readFrontends(nat: TableIndex): Frontends {
  const groups = new Map<string, Group>();
  const seen = new Map<string, string>();
  const conflicts: FrontendConflict[] = [];
  let ipvsLine: number | null = null;
  const services = nat.chains.get("KUBE-SERVICES");
  const serviceRules = services?.rules ?? [];
  for (let k = 0; k < serviceRules.length; k++) {
    const rule = serviceRules[k]!;
    const into = targetEntry(nat, services!, k, rule);
    const kind = into !== undefined ? into.kind : chainKindOf(rule.target);
    if (kind === null) {
      if (ipvsLine === null && readFacts(rule, FACTS).matchSet?.startsWith("KUBE-")) ipvsLine = rule.line;
      continue;
    }
    const g = frontendGroup(groups, rule, kind, into);
    const f = readFacts(rule, FACTS);
    serviceRule(g, rule, f, kind);
    if (f.destination !== null && !f.destinationNegated) {
      const what = `${stripHostPrefix(f.destination)}:${f.dport ?? "*"}/${f.protocol ?? "?"}`;
      claim(seen, conflicts, what, g, rule.line);
    }
  }
  const nodePorts = nat.chains.get("KUBE-NODEPORTS");
  const nodePortRules = nodePorts?.rules ?? [];
  for (let k = 0; k < nodePortRules.length; k++) {
    const rule = nodePortRules[k]!;
    const into = targetEntry(nat, nodePorts!, k, rule);
    const kind = into !== undefined ? into.kind : chainKindOf(rule.target);
    if (kind === null) continue;
    const g = frontendGroup(groups, rule, kind, into);
    const f = readFacts(rule, FACTS);
    nodePortRule(g, f);
    if (f.dport !== null) claim(seen, conflicts, `node port ${f.dport}/${f.protocol ?? "?"}`, g, rule.line);
  }
  FACTS.reset(); // the last rule's values are slices of the dump text
  return { groups, ipvsLine, conflicts };
}

// Sets the group's chains that a chain of the same port (KUBE-EXT/FW/XLB) jumps to; SVC/SVL jump only to endpoints.
function attachLinked(nat: TableIndex, g: Group, e: ChainEntry): void {
  const suffix = g.suffix!;
  const rules = e.rules;
  for (let k = 0; k < rules.length; k++) {
    const target = rules[k]!.target;
    const into = targetEntry(nat, e, k, rules[k]!);
    const kind = into !== undefined ? into.kind : chainKindOf(target);
    if (kind !== null && g.chains[kind] === null && hasSuffix(target!, kind, suffix)) setChain(g, kind, target!, into);
  }
}

/**
 * Adds the service chains the dump holds (by suffix) and the ones the groups' chains jump to. A chain with rules
 * makes a group for its suffix; a chain only declared joins one that exists.
 */
export function attachChains(nat: TableIndex, groups: Map<string, Group>): void {
  const withRules = nat.withRules;
  for (let i = 0; i < withRules.length; i++) {
    const e = withRules[i]!;
    const kind = e.kind;
    if (kind === null) continue;
    let g = e.group;
    if (g === null) {
      const suffix = kindSuffix(e.name, kind);
      g = groups.get(suffix) ?? null;
      if (g === null) {
        g = newGroup(suffix, suffix, e.rules[0]!.line);
        groups.set(suffix, g);
      }
    }
    setChain(g, kind, e.name, e);
    if (kind === "ext" || kind === "fw" || kind === "xlb") attachLinked(nat, g, e);
  }
  const declaredOnly = nat.declaredOnly;
  for (let i = 0; i < declaredOnly.length; i++) {
    const e = declaredOnly[i]!;
    const kind = e.kind;
    if (kind === null) continue;
    const g = groups.get(kindSuffix(e.name, kind));
    if (g) setChain(g, kind, e.name, e);
  }
}

/** Gives ports known only from filter rules the (empty) nat chains that carry their hash, if any. */
export function attachByHash(nat: TableIndex, bySuffix: ReadonlyMap<string, Group>, nameOnly: readonly Group[]): void {
  if (nameOnly.length === 0) return;
  const loose = new Map<string, ChainEntry[]>();
  // a chain with rules has a group of its own already
  for (const e of nat.declaredOnly) {
    const kind = chainKindOf(e.name);
    if (kind === null) continue;
    const suffix = kindSuffix(e.name, kind);
    if (bySuffix.has(suffix)) continue;
    const list = loose.get(suffix);
    if (list) list.push(e);
    else loose.set(suffix, [e]);
  }
  if (loose.size === 0) return;
  for (const g of nameOnly) {
    if (g.written === null) continue;
    const chains = loose.get(servicePortHash(g.written, g.protocol ?? "tcp"));
    for (const e of chains ?? []) setChain(g, chainKindOf(e.name)!, e.name, e);
  }
}
