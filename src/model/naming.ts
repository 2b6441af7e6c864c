// Names for service ports: from comments, else recovered from the chain hash, else the chain name itself.

import { isEndpointTarget } from "./cascade.ts";
import { chainRules, type TableIndex } from "./chain-index.ts";
import { CHAIN_KINDS } from "./chain-kinds.ts";
import { servicePortHash } from "./chain-names.ts";
import { parseComment } from "./comments.ts";
import { finding } from "./findings.ts";
import { type Group, withAdded } from "./group.ts";
import { ruleFacts } from "./rule-facts.ts";

const PROTOCOLS = ["tcp", "udp", "sctp"];

function nameFromChains(nat: TableIndex, g: Group): string | null {
  const seps: string[] = [];
  for (const kind of CHAIN_KINDS) {
    const chain = g.chains[kind];
    if (chain === null) continue;
    for (const rule of chainRules(nat, chain)) {
      const c = parseComment(ruleFacts(rule).comment);
      if (c !== null) return c.written;
      if (isEndpointTarget(nat, rule.target)) seps.push(rule.target);
    }
  }
  for (const sep of seps) {
    for (const rule of chainRules(nat, sep)) {
      const c = parseComment(ruleFacts(rule).comment);
      if (c !== null) return c.written;
    }
  }
  return null;
}

// Every servicePortName written in any comment, for recovering names by hash.
function candidateNames(tables: readonly TableIndex[]): Set<string> {
  const names = new Set<string>();
  for (const t of tables) {
    for (const rule of t.table?.rules ?? []) {
      if (!rule.raw.includes("/")) continue;
      const c = parseComment(ruleFacts(rule).comment);
      if (c !== null) names.add(c.written);
    }
  }
  return names;
}

function placeholder(g: Group): string {
  for (const kind of CHAIN_KINDS) if (g.chains[kind] !== null) return g.chains[kind]!;
  return g.key;
}

function hashedAs(name: string, protocol: string | null, suffix: string): boolean {
  if (protocol !== null) return servicePortHash(name, protocol) === suffix;
  for (let i = 0; i < PROTOCOLS.length; i++) if (servicePortHash(name, PROTOCOLS[i]!) === suffix) return true;
  return false;
}

// The name as written, or with the old unnamed-port colon added or dropped, hashes to the suffix.
function hashMatches(written: string, protocol: string | null, suffix: string): boolean {
  if (hashedAs(written, protocol, suffix)) return true;
  return hashedAs(written.endsWith(":") ? written.slice(0, -1) : `${written}:`, protocol, suffix);
}

/**
 * Names every group: the first kube-proxy comment on its frontends or chains (checked against the chain hash),
 * else a name from any comment in the dump whose hash is the chain suffix, else the chain name as a placeholder.
 */
export function nameGroups(nat: TableIndex, tables: readonly TableIndex[], groups: readonly Group[]): void {
  const unnamed: Group[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    g.written ??= nameFromChains(nat, g);
    if (g.written === null) unnamed.push(g);
    else if (g.suffix !== null && !hashMatches(g.written, g.protocol, g.suffix)) {
      const name = g.written.endsWith(":") ? g.written.slice(0, -1) : g.written;
      const chain = placeholder(g);
      g.notes = withAdded(
        g.notes,
        finding(
          "name-hash-mismatch",
          "warning",
          `${chain} does not carry the hash of ${name}${g.protocol ? `/${g.protocol}` : ""}: its comments may have been edited, or the chain belongs to another service port.`,
          { service: name, chain, line: g.firstLine },
        ),
      );
    }
  }
  if (unnamed.length === 0) return;
  const bySuffix = new Map<string, string>();
  const protocols = new Set(unnamed.map((g) => g.protocol ?? "*"));
  for (const written of candidateNames(tables)) {
    for (const p of protocols.has("*") ? PROTOCOLS : protocols) bySuffix.set(servicePortHash(written, p), written);
  }
  for (const g of unnamed) {
    const recovered = g.suffix !== null ? bySuffix.get(g.suffix) : undefined;
    if (recovered !== undefined) {
      g.written = recovered;
      g.nameSource = "hash";
    } else {
      g.written = placeholder(g);
      g.nameSource = "chain";
    }
  }
}
