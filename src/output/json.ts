// The documented JSON output (README "JSON output"): a stable contract, built field by field.

import { endpointKey } from "../model/keys.ts";
import type { Endpoint, Finding, Service, Topology } from "../model/types.ts";
import { describeSkew } from "../stats/skew.ts";
import type { StatsSnapshot } from "../stats/types.ts";
import { type Verdict, verdictsOf } from "../verdict/index.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function finding(f: Finding, withContext: boolean): Json {
  const base: { [key: string]: Json } = { code: f.code, severity: f.severity, message: f.message };
  if (withContext) {
    base.service = f.service;
    base.chain = f.chain;
    base.line = f.line;
  }
  return base;
}

function endpoint(service: Service, e: Endpoint, index: number, stats: StatsSnapshot | null): Json {
  const out: { [key: string]: Json } = {
    address: e.address,
    chain: e.chain,
    probability: e.probability,
    rawProbability: e.rawProbability,
    localProbability: e.localProbability,
    packets: e.packets,
    bytes: e.bytes,
    local: e.local,
    addressSource: e.addressSource ?? null,
  };
  if (stats) {
    const s = stats.services.get(service.name)?.endpoints.get(endpointKey(service, e, index));
    out.rate = s?.rate ?? null;
    out.observedShare = s?.observedShare ?? null;
    out.windowCount = s?.windowCount ?? null;
  }
  return out;
}

function verdict(v: Verdict | undefined): Json {
  if (!v) return null;
  const out: { [key: string]: Json } = { status: v.status, sentence: v.sentence, codes: [...v.codes] };
  if (v.skew) out.skew = describeSkew(v.skew);
  return out;
}

function service(s: Service, stats: StatsSnapshot | null, v: Verdict | undefined): Json {
  const out: { [key: string]: Json } = {
    name: s.name,
    namespace: s.namespace,
    type: s.type,
    protocol: s.protocol,
    clusterIP: s.clusterIP,
    port: s.port,
    nodePorts: [...s.nodePorts],
    externalIPs: [...s.externalIPs],
    loadBalancerIPs: [...s.loadBalancerIPs],
    sourceRanges: [...s.sourceRanges],
    affinitySeconds: s.affinitySeconds,
    healthCheckNodePort: s.healthCheckNodePort ?? null,
    nameSource: s.nameSource ?? null,
    incomplete: s.incomplete ?? false,
    chains: { svc: s.chains.svc, svl: s.chains.svl, ext: s.chains.ext, fw: s.chains.fw, xlb: s.chains.xlb },
    endpoints: s.endpoints.map((e, i) => endpoint(s, e, i, stats)),
    findings: s.findings.map((f) => finding(f, false)),
    verdict: verdict(v),
  };
  if (stats) out.rate = stats.services.get(s.name)?.rate ?? null;
  return out;
}

/** The JSON document for one topology, with rates and observed shares when stats are given. */
export function toJson(topology: Topology, stats: StatsSnapshot | null = null): Json {
  const verdicts = verdictsOf(topology, stats);
  const out: { [key: string]: Json } = {
    input: {
      format: topology.input.format,
      tables: [...topology.input.tables],
      backend: topology.input.backend,
      lines: topology.input.lines,
      rules: topology.input.rules,
      era: topology.era,
    },
    verdict: { ...(verdict(verdicts.dump) as { [key: string]: Json }), status: verdicts.status },
    services: topology.services.map((s) => service(s, stats, verdicts.services.get(s.name))),
    findings: topology.findings.map((f) => finding(f, true)),
    diagnostics: topology.diagnostics.map((d) => ({ line: d.line, column: d.column, message: d.message })),
  };
  if (stats) out.sampling = { samples: stats.samples, elapsedSeconds: stats.elapsed };
  return out;
}

/** Serialises toJson with two-space indentation and a final newline. */
export function formatJson(topology: Topology, stats: StatsSnapshot | null = null): string {
  return `${JSON.stringify(toJson(topology, stats), null, 2)}\n`;
}
