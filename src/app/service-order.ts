// Pure ordering and filtering of the services list; the UI memoises these on topology and stats identity.

import type { Finding, Service, Severity, Topology } from "../model/types.ts";
import type { ServiceStats, StatsSnapshot } from "../stats/types.ts";
import type { Verdict, VerdictStatus, Verdicts } from "../verdict/index.ts";
import { descendingOrder } from "./key-order.ts";
import type { SortMode } from "./state.ts";

/** One service with its stats and verdict, as the list, tree and detail draw it. */
export interface ServiceRow {
  readonly service: Service;
  readonly stats: ServiceStats | null;
  /** Null only when no verdicts were given. */
  readonly verdict: Verdict | null;
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

/** The problems behind a verdict: its error and warning reasons (notes do not count). */
export function problemCount(verdict: Verdict): number {
  let n = 0;
  for (const r of verdict.reasons) if (r.severity !== "info") n++;
  return n;
}

const STATUS_RANK: Record<VerdictStatus, number> = { error: 2, warning: 1, ok: 0 };

// worst verdict first, then more problems, then more findings; without verdicts the worst finding stands in
const findingsScore = (r: ServiceRow): number => {
  const findings = Math.min(r.service.findings.length, 999);
  if (r.verdict) return STATUS_RANK[r.verdict.status] * 1e6 + Math.min(problemCount(r.verdict), 999) * 1e3 + findings;
  const worst = worstSeverity(r.service.findings);
  return worst === null ? 0 : (SEVERITY_RANK[worst] - 1) * 1e6 + findings;
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

// The number each mode sorts by, descending (rate: services without one after all that have one).
const SORT_KEY: Record<Exclude<SortMode, "name">, (r: ServiceRow) => number> = {
  rate: (r) => r.stats?.rate ?? Number.NEGATIVE_INFINITY,
  endpoints: (r) => r.service.endpoints.length,
  findings: findingsScore,
};

function sortedByName(rows: readonly ServiceRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (byName(rows[i - 1]!, rows[i]!) > 0) return false;
  return true;
}

/** The services joined with their stats and verdicts, in topology order: sortRows orders them per sort mode. */
export interface JoinedRows {
  readonly rows: readonly ServiceRow[];
  /** The rows are in name order (a topology comes so): ties then fall back on position. */
  readonly byName: boolean;
}

/** Joins each service with its stats and verdict (once per sample; sorting is per key press). */
export function joinServices(
  topology: Topology,
  stats: StatsSnapshot | null,
  verdicts: Verdicts | null = null,
): JoinedRows {
  const rows = topology.services.map((service) => ({
    service,
    stats: stats?.services.get(service.name) ?? null,
    verdict: verdicts?.services.get(service.name) ?? null,
  }));
  return { rows, byName: sortedByName(rows) };
}

/** The joined rows in a sort order (a new array; `joined` is left as it is). */
function sortRows(joined: JoinedRows, sort: SortMode): readonly ServiceRow[] {
  const { rows } = joined;
  if (!joined.byName) return [...rows].sort(COMPARE[sort]);
  if (sort === "name") return rows;
  // sorted by name already: compare numbers only, ties by position
  const key = SORT_KEY[sort];
  const keys = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) keys[i] = key(rows[i]!);
  const order = descendingOrder(keys);
  const sorted = new Array<ServiceRow>(rows.length);
  for (let i = 0; i < order.length; i++) sorted[i] = rows[order[i]!]!;
  return sorted;
}

/** Sorts `joined` once per sort mode: coming back to a mode already shown for this sample costs nothing. */
export function sortCache(joined: JoinedRows): (sort: SortMode) => readonly ServiceRow[] {
  const sorted = new Map<SortMode, readonly ServiceRow[]>();
  return (sort) => {
    let rows = sorted.get(sort);
    if (rows === undefined) {
      rows = sortRows(joined, sort);
      sorted.set(sort, rows);
    }
    return rows;
  };
}

/** All services joined with their stats and verdicts, in the given sort order. */
export function orderServices(
  topology: Topology,
  stats: StatsSnapshot | null,
  sort: SortMode,
  verdicts: Verdicts | null = null,
): readonly ServiceRow[] {
  return sortRows(joinServices(topology, stats, verdicts), sort);
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
