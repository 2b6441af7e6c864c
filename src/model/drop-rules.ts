// The "has no endpoints" REJECT / "has no local endpoints" DROP rules, and health-check node ports.

import { detach } from "../../grammar/detach.ts";
import type { Rule } from "../../grammar/types.ts";
import { stripHostPrefix } from "./address.ts";
import { jumpsTo, type TableIndex } from "./chain-index.ts";
import { parseComment } from "./comments.ts";
import { type Group, newGroup, withAdded, withUnique } from "./group.ts";
import { portNumber, type RuleFacts, ruleFacts } from "./rule-facts.ts";

// What the group keeps is copied: the rule's strings are slices of the dump text.
function add(index: TableIndex, g: Group, rule: Rule, f: RuleFacts, noLocal: boolean): void {
  if (g.protocol === null) g.protocol = f.protocol;
  const internal = rule.chain === "KUBE-SERVICES" && rule.table === "filter";
  const chain = index.chains.get(rule.chain)?.name ?? detach(rule.chain);
  const mark = { chain, line: rule.line, traffic: internal ? "internal" : "external" } as const;
  if (noLocal) g.noLocalEndpoints = withAdded(g.noLocalEndpoints, mark);
  else g.noEndpoints = withAdded(g.noEndpoints, mark);
  const port = portNumber(f.dport);
  if (f.dstTypeLocal && f.destination === null) {
    if (port !== null) g.nodePorts = withUnique(g.nodePorts, port);
    return;
  }
  if (f.destination === null || f.destinationNegated) return;
  const address = stripHostPrefix(f.destination);
  if (internal && (g.clusterIP === null || g.clusterIP === address)) {
    if (g.clusterIP === null) {
      g.clusterIP = detach(address);
      g.port = port;
      g.clusterLine = rule.line;
    }
  } else if (address !== g.clusterIP && !g.loadBalancerIPs.includes(address))
    g.externalIPs = withUnique(g.externalIPs, detach(address));
}

/**
 * Reads the rules that name a service port but carry no nat chain: filter "has no endpoints" REJECTs, "has no
 * local endpoints" DROPs (filter, or nat KUBE-MARK-DROP in ≤1.23), and health-check node-port ACCEPTs.
 * Merges them into the named groups, creating a group (key `name:<name>`) for a port seen nowhere else.
 */
export function readDropRules(tables: readonly TableIndex[], byName: Map<string, Group>, out: Group[]): void {
  for (const index of tables) {
    const rules = index.name === "nat" ? jumpsTo(index, "KUBE-MARK-DROP") : (index.table?.rules ?? []);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.target === null) continue;
      if (!rule.raw.includes(" endpoints") && !rule.raw.includes("health check")) continue;
      const f = ruleFacts(rule);
      const c = parseComment(f.comment);
      if (c === null) continue;
      const kind = c.kind;
      if (kind !== "no-endpoints" && kind !== "no-local-endpoints" && kind !== "health-check") continue;
      let g = byName.get(c.name);
      if (!g) {
        g = newGroup(`name:${c.name}`, null, rule.line);
        g.written = c.written;
        byName.set(c.name, g);
        out.push(g);
      }
      if (kind === "health-check") g.healthCheckNodePort ??= portNumber(f.dport);
      else add(index, g, rule, f, kind === "no-local-endpoints");
    }
  }
}
