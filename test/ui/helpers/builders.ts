// Plain-data builders for Topology and StatsSnapshot values the UI tests draw.

import type { BuiltSample } from "../../../src/app/store.ts";
import { endpointKey } from "../../../src/model/keys.ts";
import type { Endpoint, Finding, Service, Topology } from "../../../src/model/types.ts";
import type { EndpointStats, ServiceStats, StatsSnapshot } from "../../../src/stats/types.ts";

/** An endpoint; the probability defaults to 1 and counters to null. */
export function endpoint(address: string | null, over: Partial<Endpoint> = {}): Endpoint {
  return {
    address,
    chain: null,
    probability: 1,
    rawProbability: null,
    localProbability: null,
    packets: null,
    bytes: null,
    local: null,
    line: null,
    ...over,
  };
}

/** A ClusterIP service port with the given endpoints and overrides. */
export function service(name: string, over: Partial<Service> = {}): Service {
  const slug = name
    .replace(/[^a-z0-9]/gi, "")
    .toUpperCase()
    .slice(0, 16);
  return {
    name,
    namespace: name.split("/")[0] ?? "default",
    protocol: "tcp",
    clusterIP: "10.96.0.1",
    port: 80,
    nodePorts: [],
    externalIPs: [],
    loadBalancerIPs: [],
    sourceRanges: [],
    affinitySeconds: null,
    type: "ClusterIP",
    chains: { svc: `KUBE-SVC-${slug}`, svl: null, ext: null, fw: null, xlb: null },
    endpoints: [],
    findings: [],
    ...over,
  };
}

/** `n` endpoints at equal effective shares with SEP chains named after the service. */
export function equalEndpoints(tag: string, n: number, packets: (i: number) => number | null = () => null): Endpoint[] {
  return Array.from({ length: n }, (_, i) =>
    endpoint(`10.244.${i}.${10 + i}:8080`, {
      chain: `KUBE-SEP-${tag}${i}`,
      probability: 1 / n,
      rawProbability: i === n - 1 ? null : 1 / (n - i),
      packets: packets(i),
    }),
  );
}

/** A finding about one service (or the whole dump when `service` is null). */
export function finding(code: string, severity: Finding["severity"], message: string, svc: string | null): Finding {
  return { code, severity, message, service: svc, chain: null, line: null };
}

/** A topology of the given services (sorted by name, as the model sorts them). */
export function topology(services: readonly Service[], over: Partial<Topology> = {}): Topology {
  const sorted = [...services].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    input: { format: "iptables-save", tables: ["nat", "filter"], backend: "nf_tables", lines: 120, rules: 96 },
    services: sorted,
    findings: sorted.flatMap((s) => s.findings),
    diagnostics: [],
    era: "≥1.24 (KUBE-EXT/SVL)",
    ...over,
  };
}

export interface StatsSpec {
  readonly rate: number | null;
  readonly series?: readonly (number | null)[];
  readonly windowCount?: number;
  /** Per endpoint in rule order: rate, observed share, total, and connections counted over the window. */
  readonly endpoints?: readonly { rate: number | null; share: number | null; total?: number | null; count?: number }[];
}

/** Stats for the given services, keyed the way the stats engine keys them. */
export function stats(
  services: readonly Service[],
  spec: (s: Service) => StatsSpec | undefined,
  takenAt = 1_000,
): StatsSnapshot {
  const map = new Map<string, ServiceStats>();
  for (const s of services) {
    const sp = spec(s);
    if (!sp) continue;
    const endpoints = new Map<string, EndpointStats>();
    s.endpoints.forEach((e, i) => {
      const key = endpointKey(s, e, i);
      const es = sp.endpoints?.[i];
      endpoints.set(key, {
        key,
        rate: es?.rate ?? null,
        series: es ? [es.rate] : [],
        observedShare: es?.share ?? null,
        windowCount: es?.count ?? 0,
        total: es?.total ?? e.packets,
      });
    });
    map.set(s.name, {
      name: s.name,
      rate: sp.rate,
      series: sp.series ?? [],
      windowCount: sp.windowCount ?? 0,
      endpoints,
    });
  }
  return { takenAt, elapsed: 2, samples: 3, services: map };
}

/** Stats for one service from window counts per endpoint: shares, rates and totals follow from the counts. */
export function windowSpec(counts: readonly number[], windowSeconds = 60): StatsSpec {
  const sum = counts.reduce((a, b) => a + b, 0);
  return {
    rate: sum / windowSeconds,
    series: [sum / windowSeconds],
    windowCount: sum,
    endpoints: counts.map((count) => ({
      rate: count / windowSeconds,
      share: sum > 0 ? count / sum : null,
      total: count,
      count,
    })),
  };
}

/** A built sample as the CLI would hand it to the store. */
export function sample(t: Topology, s: StatsSnapshot, takenAt: number, notes: readonly string[] = []): BuiltSample {
  return { topology: t, stats: s, read: { takenAt, text: "", durationMs: 85, notes } };
}
