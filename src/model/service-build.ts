// One Service from what was gathered about its port: frontends, chains, endpoints, findings.

import { detach } from "../../grammar/detach.ts";
import { stripHostPrefix } from "./address.ts";
import type { ChainEntry } from "./chain-index.ts";
import { namespaceOf } from "./comments.ts";
import { absenceSeverity, type ModelContext } from "./context.ts";
import { buildEndpoints } from "./endpoints.ts";
import { finding } from "./findings.ts";
import type { DropMark, Group } from "./group.ts";
import { type GroupChains, groupChains } from "./group-chains.ts";
import { ruleFacts } from "./rule-facts.ts";
import type { Finding, Service, ServiceType } from "./types.ts";

// Allowed sources of a KUBE-FW chain, without the implicit `-s <LB IP>` allows kube-proxy adds.
function sourceRanges(fw: ChainEntry | undefined, lbIPs: readonly string[]): string[] {
  if (fw === undefined || fw.count === 0) return [];
  const out: string[] = [];
  for (const rule of fw.rules) {
    if (rule.target === null || rule.target.startsWith("KUBE-MARK-")) continue;
    const f = ruleFacts(rule);
    if (f.source === null || f.sourceNegated) continue;
    const range = stripHostPrefix(f.source);
    if (!lbIPs.includes(range) && !out.includes(range)) out.push(detach(range)); // kept: not a slice of the dump
  }
  return out;
}

function serviceType(g: Group): ServiceType {
  if (g.loadBalancerIPs.length > 0) return "LoadBalancer";
  if (g.nodePorts.length > 0) return "NodePort";
  if (g.externalIPs.length > 0) return "ExternalIP";
  return "ClusterIP";
}

function dropFindings(out: Finding[], name: string, marks: readonly DropMark[], noLocal: boolean): void {
  if (marks.length === 0) return;
  for (const traffic of ["internal", "external"] as const) {
    const first = marks.find((m) => m.traffic === traffic);
    if (!first) continue;
    const at = { service: name, chain: first.chain, line: first.line };
    if (!noLocal) {
      out.push(
        finding(
          "no-endpoints",
          "error",
          `Connections to ${name} are rejected: kube-proxy has no ready endpoint for it (${first.chain} REJECT).`,
          at,
        ),
      );
      break;
    }
    const what =
      traffic === "internal"
        ? "Pods on this node cannot reach it through its cluster IP (internalTrafficPolicy: Local)"
        : "External traffic (node ports, external and load-balancer IPs) arriving at this node is dropped (externalTrafficPolicy: Local)";
    out.push(finding("no-local-endpoints", "warning", `${name} has no endpoint on this node. ${what}.`, at));
  }
}

// A chain of the port that has rules but nothing jumping to it.
function orphan(out: Finding[], ctx: ModelContext, e: ChainEntry | undefined, name: string): void {
  if (e === undefined || e.count === 0 || e.firstJump !== null) return;
  const chain = e.name;
  out.push(
    finding(
      "orphan-chain",
      absenceSeverity(ctx),
      `${chain} (${name}) has rules but nothing jumps to it, so no traffic reaches it: stale rules left behind?`,
      { service: name, chain, line: e.rules[0]!.line },
    ),
  );
}

// Per kind in CHAIN_KINDS order, written out: this runs once per service port.
function chainFindings(out: Finding[], ctx: ModelContext, chains: GroupChains, name: string): void {
  orphan(out, ctx, chains.svc, name);
  orphan(out, ctx, chains.svl, name);
  orphan(out, ctx, chains.ext, name);
  orphan(out, ctx, chains.fw, name);
  orphan(out, ctx, chains.xlb, name);
}

function absent(chain: string | null, e: ChainEntry | undefined): boolean {
  return chain !== null && e?.present !== true;
}

// Some chain of the port is jumped to but absent from the dump.
function isIncomplete(g: Group, chains: GroupChains): boolean {
  const c = g.chains;
  return (
    absent(c.svc, chains.svc) ||
    absent(c.svl, chains.svl) ||
    absent(c.ext, chains.ext) ||
    absent(c.fw, chains.fw) ||
    absent(c.xlb, chains.xlb)
  );
}

// A service's findings are listed here, then copied out at their exact length (a list grown by push keeps room
// for 17, and most services have none or one).
const FINDINGS: Finding[] = [];

/** Builds the Service for one named group. */
export function buildService(ctx: ModelContext, g: Group): Service {
  const name = g.name ?? g.key;
  const chains = groupChains(ctx.nat, g);
  const eps = buildEndpoints(ctx, chains, name);
  const incomplete = isIncomplete(g, chains);
  const findings = FINDINGS;
  findings.length = 0;
  dropFindings(findings, name, g.noEndpoints, false);
  dropFindings(findings, name, g.noLocalEndpoints, true);
  const where = { service: name, chain: eps.chain, line: g.firstLine };
  if (g.noEndpoints.length === 0 && eps.chain !== null && eps.endpoints.length === 0 && !incomplete) {
    findings.push(
      finding(
        "no-endpoints",
        "error",
        `${eps.chain} has no endpoint: new connections to ${name} are not forwarded.`,
        where,
      ),
    );
  }
  const quiet = g.noLocalEndpoints.length > 0 || g.noEndpoints.length > 0 || eps.endpoints.length === 0;
  if (!quiet && eps.localChain !== null && eps.localChain !== eps.chain) {
    if (!eps.endpoints.some((e) => e.local)) {
      findings.push(
        finding(
          "no-local-endpoints",
          "warning",
          `${eps.localChain} has no endpoint: external traffic to ${name} at this node is not forwarded.`,
          { ...where, chain: eps.localChain },
        ),
      );
    }
  }
  for (let i = 0; i < eps.findings.length; i++) findings.push(eps.findings[i]!);
  chainFindings(findings, ctx, chains, name);
  for (let i = 0; i < g.notes.length; i++) findings.push(g.notes[i]!);
  if (g.nameSource === "hash") {
    findings.push(
      finding("name-recovered", "info", `No comment names ${name}: the name was recovered from the chain hash.`, where),
    );
  } else if (g.nameSource === "chain") {
    findings.push(
      finding(
        "name-unknown",
        "info",
        `No comment names the service port of ${name} (comments dropped in large-cluster mode, or written by OpenShift SDN); it is shown by its chain name.`,
        where,
      ),
    );
  }
  const ranges = sourceRanges(chains.fw, g.loadBalancerIPs);
  if (ranges.length > 0) {
    findings.push(
      finding(
        "lb-source-ranges",
        "info",
        `Only ${ranges.join(", ")} may reach ${name} through its load balancer; other sources are dropped.`,
        { ...where, chain: g.chains.fw },
      ),
    );
  }
  return {
    name,
    namespace: g.nameSource === "chain" ? "" : namespaceOf(name),
    protocol: g.protocol,
    clusterIP: g.clusterIP,
    port: g.port,
    nodePorts: g.nodePorts,
    externalIPs: g.externalIPs,
    loadBalancerIPs: g.loadBalancerIPs,
    sourceRanges: ranges,
    affinitySeconds: eps.affinitySeconds,
    type: serviceType(g),
    // the group is dropped once its Service is built: its chains record is not copied
    chains: g.chains,
    endpoints: eps.endpoints,
    findings: findings.slice(),
    healthCheckNodePort: g.healthCheckNodePort,
    nameSource: g.nameSource,
    incomplete,
  };
}
