// Text and JSON forms of a topology diff.

import { clean } from "../trace/clean.ts";
import type { EndpointRef, ServiceDiff, ServiceRef, TopologyDiff } from "./types.ts";

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function frontend(s: ServiceRef): string {
  const vip = s.clusterIP === null ? "no cluster IP" : `${s.clusterIP}${s.port === null ? "" : `:${s.port}`}`;
  return `${vip}${s.protocol ? `/${s.protocol}` : ""}, ${plural(s.endpoints, "endpoint")}`;
}

function endpoint(e: EndpointRef): string {
  return `${e.address ?? "(unresolved)"}  ${pct(e.probability)}  ${e.chain ?? "—"}`;
}

function serviceLines(d: ServiceDiff): string[] {
  const out = [`~ ${d.name}${d.renamedFrom ? `  (was ${d.renamedFrom})` : ""}`];
  for (const f of d.fields) out.push(`    ${f.field}: ${f.before} → ${f.after}`);
  for (const e of d.endpointsAdded) out.push(`    + endpoint ${endpoint(e)}`);
  for (const e of d.endpointsRemoved) out.push(`    - endpoint ${endpoint(e)}`);
  for (const s of d.sharesChanged) out.push(`    share ${s.address}: ${pct(s.before)} → ${pct(s.after)}`);
  for (const c of d.chains) {
    const what = c.kind === "sep" ? `endpoint chain ${c.address ?? ""}`.trimEnd() : `chain ${c.kind}`;
    const verb = c.before === null ? "added" : c.after === null ? "removed" : "renamed";
    out.push(`    ${what} ${verb}: ${c.before ?? "—"} → ${c.after ?? "—"}`);
  }
  for (const f of d.findingsAdded) out.push(`    finding added: ${f}`);
  for (const f of d.findingsResolved) out.push(`    finding resolved: ${f}`);
  return out;
}

/** The diff as text: a summary line, then + added, - removed, ~ changed service ports, then counters. */
export function formatDiffText(d: TopologyDiff, labels: { a: string; b: string } = { a: "A", b: "B" }): string {
  const out: string[] = [];
  const summary = [
    `${d.servicesAdded.length} added`,
    `${d.servicesRemoved.length} removed`,
    `${d.servicesChanged.length} changed`,
    `${d.unchanged} unchanged`,
  ].join(", ");
  out.push(`diff ${clean(labels.a)} → ${clean(labels.b)}: service ports ${summary}`);
  if (!d.differs) out.push("no differences in services, endpoints, shares or chains");
  for (const s of d.servicesAdded) out.push(`+ ${clean(s.name)}  ${frontend(s)}`);
  for (const s of d.servicesRemoved) out.push(`- ${clean(s.name)}  ${frontend(s)}`);
  for (const s of d.servicesChanged) out.push(...serviceLines(s).map(clean));
  for (const f of d.findingsAdded) out.push(`finding added: ${f.code}: ${clean(f.message)}`);
  for (const f of d.findingsResolved) out.push(`finding resolved: ${f.code}: ${clean(f.message)}`);
  const busy = d.counters.filter((c) => c.packets > 0 || c.endpoints.some((e) => e.reset));
  if (busy.length > 0) {
    out.push("", "new connections between the two dumps:");
    for (const c of busy) {
      out.push(`  ${clean(c.name)}  +${c.packets}`);
      for (const e of c.endpoints)
        out.push(`    ${clean(e.address)}  +${e.packets}${e.reset ? " (counter reset)" : ""}`);
    }
  } else if (d.counters.length === 0) {
    out.push("", "counters: not in both dumps, no deltas");
  }
  return `${out.join("\n")}\n`;
}

/** The diff as a JSON document with a final newline. */
export function formatDiffJson(d: TopologyDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
