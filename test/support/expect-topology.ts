// Compares a model Topology with a generator's expected services; returns every mismatch as a readable line
// (an empty list means the model rebuilt exactly what was generated).

import type { ExpectedService } from "../../src/gen/index.ts";
import type { Endpoint, Service, Topology } from "../../src/model/index.ts";

/** Findings that must never appear on a clean generated rule set. */
const FORBIDDEN = new Set([
  "dangling-jump",
  "orphan-chain",
  "probability-gap",
  "unresolved-endpoint",
  "name-hash-mismatch",
]);
const EPS = 1e-6;

const sorted = (xs: readonly (string | number)[]) => [...new Set(xs.map(String))].sort();
const same = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= EPS);

function endpointMismatches(name: string, want: ExpectedService["endpoints"], got: readonly Endpoint[]): string[] {
  const out: string[] = [];
  if (want.length !== got.length) {
    out.push(`${name}: ${got.length} endpoints, want ${want.length} (${got.map((e) => e.address).join(", ")})`);
    return out;
  }
  want.forEach((w, i) => {
    const g = got[i]!;
    const at = `${name} endpoint #${i} (${w.address})`;
    if (g.address !== w.address) out.push(`${at}: address ${g.address}`);
    if (g.chain !== w.chain) out.push(`${at}: chain ${g.chain}, want ${w.chain}`);
    if (!close(g.probability, w.probability)) out.push(`${at}: probability ${g.probability}, want ${w.probability}`);
    if (!close(g.rawProbability, w.rawProbability))
      out.push(`${at}: rawProbability ${g.rawProbability}, want ${w.rawProbability}`);
    if (!close(g.localProbability, w.localProbability)) {
      out.push(`${at}: localProbability ${g.localProbability}, want ${w.localProbability}`);
    }
    if (!close(g.localRawProbability ?? null, w.localRawProbability)) {
      out.push(`${at}: localRawProbability ${g.localRawProbability}, want ${w.localRawProbability}`);
    }
    if (g.local !== w.local) out.push(`${at}: local ${g.local}, want ${w.local}`);
    if (g.inServiceChain !== undefined && g.inServiceChain !== w.inServiceChain)
      out.push(`${at}: inServiceChain ${g.inServiceChain}, want ${w.inServiceChain}`);
  });
  return out;
}

function serviceMismatches(w: ExpectedService, g: Service, counters: boolean): string[] {
  const out: string[] = [];
  const n = w.name;
  for (const key of ["namespace", "protocol", "clusterIP", "port", "affinitySeconds"] as const) {
    if (g[key] !== w[key]) out.push(`${n}: ${key} ${JSON.stringify(g[key])}, want ${JSON.stringify(w[key])}`);
  }
  if (!same(g.nodePorts, w.nodePorts))
    out.push(`${n}: nodePorts ${JSON.stringify(g.nodePorts)}, want ${JSON.stringify(w.nodePorts)}`);
  if (w.ambiguous.includes("externalIPs")) {
    const gAll = [...g.externalIPs, ...g.loadBalancerIPs];
    const wAll = [...w.externalIPs, ...w.loadBalancerIPs];
    if (!same(gAll, wAll)) out.push(`${n}: external+LB IPs ${JSON.stringify(gAll)}, want ${JSON.stringify(wAll)}`);
  } else {
    for (const key of ["externalIPs", "loadBalancerIPs"] as const) {
      if (!same(g[key], w[key])) out.push(`${n}: ${key} ${JSON.stringify(g[key])}, want ${JSON.stringify(w[key])}`);
    }
  }
  if (!same(g.sourceRanges, w.sourceRanges)) {
    out.push(`${n}: sourceRanges ${JSON.stringify(g.sourceRanges)}, want ${JSON.stringify(w.sourceRanges)}`);
  }
  if (!w.ambiguous.includes("type") && g.type !== w.type) out.push(`${n}: type ${g.type}, want ${w.type}`);
  if (JSON.stringify(g.chains) !== JSON.stringify(w.chains)) {
    out.push(`${n}: chains ${JSON.stringify(g.chains)}, want ${JSON.stringify(w.chains)}`);
  }
  if ("healthCheckNodePort" in g && g.healthCheckNodePort !== w.healthCheckNodePort) {
    out.push(`${n}: healthCheckNodePort ${g.healthCheckNodePort}, want ${w.healthCheckNodePort}`);
  }
  out.push(...endpointMismatches(n, w.endpoints, g.endpoints));
  if (counters) {
    for (const e of g.endpoints) {
      if (e.packets !== 0 || e.bytes !== 0) out.push(`${n} ${e.address}: counters ${e.packets}/${e.bytes}, want 0/0`);
    }
  }
  const codes = g.findings.map((f) => f.code);
  for (const c of w.findingCodes)
    if (!codes.includes(c)) out.push(`${n}: missing finding ${c} (has ${codes.join(", ") || "none"})`);
  for (const f of g.findings) if (FORBIDDEN.has(f.code)) out.push(`${n}: unexpected finding ${f.code}: ${f.message}`);
  return out;
}

/** Every difference between the model's topology and the generated expectation (counters: dump was read with -c). */
export function topologyMismatches(
  expected: readonly ExpectedService[],
  actual: Topology,
  counters: boolean,
): string[] {
  const out: string[] = [];
  const byName = new Map(actual.services.map((s) => [s.name, s]));
  for (const w of expected) {
    const g = byName.get(w.name);
    if (!g) out.push(`${w.name}: missing from the model`);
    else out.push(...serviceMismatches(w, g, counters));
  }
  const wanted = new Set(expected.map((s) => s.name));
  for (const s of actual.services) if (!wanted.has(s.name)) out.push(`${s.name}: not generated but in the model`);
  for (const d of actual.diagnostics) out.push(`diagnostic line ${d.line}: ${d.message}`);
  for (const f of actual.findings) {
    if (f.service === null && FORBIDDEN.has(f.code)) out.push(`unexpected finding ${f.code}: ${f.message}`);
  }
  return out;
}
