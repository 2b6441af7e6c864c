// The one-shot text output: a tree per service, then findings and unparsed lines.

import { endpointKey } from "../model/keys.ts";
import type { Finding, Service, Topology } from "../model/types.ts";
import type { StatsSnapshot } from "../stats/types.ts";
import { sanitize } from "../ui/sanitize.ts";
import { type Verdict, verdictsOf } from "../verdict/index.ts";
import { count, percent, rate } from "./format.ts";

const SEVERITY_MARK: Record<string, string> = { error: "✖", warning: "▲", info: "●" };

function findingLine(f: Finding): string {
  return `${SEVERITY_MARK[f.severity] ?? "?"} ${f.severity} ${f.code}: ${sanitize(f.message)}`;
}

function frontends(s: Service): string {
  const parts: string[] = [];
  const proto = s.protocol ?? "?";
  if (s.clusterIP) parts.push(`${proto} ${s.clusterIP}:${s.port ?? "?"}`);
  if (s.nodePorts.length) parts.push(`nodePort ${s.nodePorts.join(",")}`);
  if (s.externalIPs.length) parts.push(`externalIP ${s.externalIPs.join(",")}`);
  if (s.loadBalancerIPs.length) parts.push(`LB ${s.loadBalancerIPs.join(",")}`);
  if (s.sourceRanges.length) parts.push(`sourceRanges ${s.sourceRanges.join(",")}`);
  if (s.affinitySeconds !== null) parts.push(`affinity ClientIP ${s.affinitySeconds}s`);
  return parts.join("  ");
}

const STATUS_MARK: Record<string, string> = { ok: "✓", warning: "▲", error: "✖" };

function serviceLines(s: Service, stats: StatsSnapshot | null, v: Verdict | undefined): string[] {
  const lines = [`${sanitize(s.name)}  ${s.type}  ${sanitize(frontends(s))}`];
  if (v) lines.push(`  ${STATUS_MARK[v.status]} ${sanitize(v.sentence)}`);
  const chains = Object.entries(s.chains)
    .filter(([, name]) => name)
    .map(([kind, name]) => `${kind} ${name}`);
  if (chains.length) lines.push(`  chains: ${sanitize(chains.join(", "))}`);
  const svcStats = stats?.services.get(s.name);
  if (stats) lines.push(`  conn/s ${rate(svcStats?.rate)}`);
  if (s.endpoints.length === 0) lines.push("  (no endpoints)");
  s.endpoints.forEach((e, i) => {
    const branch = i === s.endpoints.length - 1 ? "└─" : "├─";
    const cells = [
      sanitize(e.address ?? "(unresolved)"),
      `share ${percent(e.probability)}`,
      ...(e.localProbability !== null ? [`local share ${percent(e.localProbability)}`] : []),
      `local ${e.local === null ? "—" : e.local ? "yes" : "no"}`,
      `pkts ${count(e.packets)}`,
      `bytes ${count(e.bytes)}`,
    ];
    if (stats) {
      const es = svcStats?.endpoints.get(endpointKey(s, e, i));
      cells.push(`conn/s ${rate(es?.rate)}`, `observed ${percent(es?.observedShare)}`);
    }
    cells.push(sanitize(e.chain ?? "(no SEP chain)"));
    lines.push(`  ${branch} ${cells.join("  ")}`);
  });
  for (const f of s.findings) lines.push(`  ${findingLine(f)}`);
  return lines;
}

/** Renders a topology (and optional rates) as the text tree printed by `--once` and `--file`. */
export function formatTextTree(topology: Topology, stats: StatsSnapshot | null = null): string {
  const t = topology;
  const endpoints = t.services.reduce((n, s) => n + s.endpoints.length, 0);
  const out = [
    `${t.services.length} services, ${endpoints} endpoints, ${t.input.rules} rules` +
      ` (format ${t.input.format}, tables ${t.input.tables.join("+") || "none"}, backend ${t.input.backend ?? "—"}` +
      `${t.era ? `, kube-proxy ${t.era}` : ""})`,
    "",
  ];
  const verdicts = verdictsOf(t, stats);
  if (verdicts.dump.status !== "ok")
    out.push(`${STATUS_MARK[verdicts.dump.status]} ${sanitize(verdicts.dump.sentence)}`, "");
  for (const s of t.services) out.push(...serviceLines(s, stats, verdicts.services.get(s.name)));
  const general = t.findings.filter((f) => f.service === null);
  if (general.length) {
    out.push("", "Findings:");
    for (const f of general) out.push(`  ${findingLine(f)}${f.line ? ` (line ${f.line})` : ""}`);
  }
  if (t.diagnostics.length) {
    out.push("", `Unparsed lines (${t.diagnostics.length}):`);
    for (const d of t.diagnostics.slice(0, 50)) out.push(`  line ${d.line}: ${sanitize(d.message)}`);
    if (t.diagnostics.length > 50) out.push(`  … and ${t.diagnostics.length - 50} more (see --output json)`);
  }
  return `${out.join("\n")}\n`;
}
