// Pure ordering and filtering of the services list; the UI memoises these on topology and stats identity.

import type { Finding, Service, Severity, Topology } from "../model/types.ts";
import type { ServiceStats, StatsSnapshot } from "../stats/types.ts";
import type { SortMode } from "./state.ts";

/** One service with its stats, as the list and tree draw it. */
export interface ServiceRow {
  readonly service: Service;
  readonly stats: ServiceStats | null;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The most severe finding's severity, or null with none. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}

const byName = (a: ServiceRow, b: ServiceRow): number =>
  a.service.name < b.service.name ? -1 : a.service.name > b.service.name ? 1 : 0;

const findingsScore = (r: ServiceRow): number => {
  const worst = worstSeverity(r.service.findings);
  return worst === null ? 0 : SEVERITY_RANK[worst] * 1_000_000 + r.service.findings.length;
};

const COMPARE: Record<SortMode, (a: ServiceRow, b: ServiceRow) => number> = {
  // busiest first; services without a rate (first sample, no counters) after all that have one
  rate: (a, b) => {
    const ra = a.stats?.rate ?? null;
    const rb = b.stats?.rate ?? null;
    if (ra !== rb) {
      if (ra === null) return 1;
      if (rb === null) return -1;
      return rb - ra;
    }
    return byName(a, b);
  },
  name: byName,
  endpoints: (a, b) => b.service.endpoints.length - a.service.endpoints.length || byName(a, b),
  findings: (a, b) => findingsScore(b) - findingsScore(a) || byName(a, b),
};

/** All services joined with their stats, in the given sort order. */
export function orderServices(topology: Topology, stats: StatsSnapshot | null, sort: SortMode): readonly ServiceRow[] {
  const rows = topology.services.map((service) => ({ service, stats: stats?.services.get(service.name) ?? null }));
  return rows.sort(COMPARE[sort]);
}

/** The rows whose name, address or type contains `filter` (case-insensitive); all rows for "". */
export function filterServices(rows: readonly ServiceRow[], filter: string): readonly ServiceRow[] {
  const needle = filter.trim().toLowerCase();
  if (needle === "") return rows;
  return rows.filter(({ service: s }) =>
    [s.name, s.clusterIP ?? "", s.type, ...s.externalIPs, ...s.loadBalancerIPs].some((h) =>
      h.toLowerCase().includes(needle),
    ),
  );
}
