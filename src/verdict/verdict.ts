// Verdicts: findings (and, live, observed counts) turned into one sentence per service and one for the dump.

import type { Finding, Service, Severity, Topology } from "../model/types.ts";
import type { ServiceStats, StatsSnapshot } from "../stats/types.ts";
import { liveReasons } from "./live.ts";
import { codeRank, findingSentence } from "./sentences.ts";
import type { Verdict, VerdictReason, VerdictStatus, Verdicts } from "./types.ts";

const WEIGHT: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

function statusOf(reasons: readonly VerdictReason[]): VerdictStatus {
  const worst = Math.max(0, ...reasons.map((r) => WEIGHT[r.severity]));
  return worst === 2 ? "error" : worst === 1 ? "warning" : "ok";
}

/** Worse of two statuses. */
export function worstStatus(a: VerdictStatus, b: VerdictStatus): VerdictStatus {
  const rank = { ok: 0, warning: 1, error: 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}

// One reason per code (the first finding of a code speaks for the rest), most important first.
function reasonsOf(findings: readonly Finding[], service: Service | null): VerdictReason[] {
  const byCode = new Map<string, VerdictReason>();
  for (const f of findings) {
    const seen = byCode.get(f.code);
    if (seen && WEIGHT[seen.severity] >= WEIGHT[f.severity]) continue;
    byCode.set(f.code, { code: f.code, severity: f.severity, sentence: findingSentence(f, service) });
  }
  return [...byCode.values()];
}

function sortReasons(reasons: VerdictReason[]): VerdictReason[] {
  return reasons
    .map((r, i) => ({ r, i }))
    .sort((x, y) => codeRank(x.r.code) - codeRank(y.r.code) || x.i - y.i)
    .map((x) => x.r);
}

function healthySentence(service: Service): string {
  const n = service.endpoints.length;
  if (n === 0) return "no problem found, though this dump shows no endpoints for it";
  const local = service.endpoints.filter((e) => e.local === true).length;
  const where = local > 0 ? ` (${local} on this node)` : "";
  return `healthy on this node: ${n} endpoint${n === 1 ? "" : "s"}${where}`;
}

function compose(status: VerdictStatus, reasons: VerdictReason[], healthy: string): string {
  if (status === "ok") {
    const notes = reasons.filter((r) => r.severity === "info").map((r) => r.sentence);
    return [healthy, ...notes].join("; ");
  }
  const weight = status === "error" ? 2 : 1;
  return reasons.find((r) => WEIGHT[r.severity] === weight)?.sentence ?? healthy;
}

/** The verdict for one service port, from its findings and, when given, its live stats (window counts). */
export function verdictOf(service: Service, live?: ServiceStats | null): Verdict {
  const reasons = reasonsOf(service.findings, service);
  const fromLive = live ? liveReasons(service, live) : { reasons: [], skew: null };
  const all = sortReasons([...reasons, ...fromLive.reasons]);
  const status = statusOf(all);
  return {
    status,
    sentence: compose(status, all, healthySentence(service)),
    codes: all.map((r) => r.code),
    reasons: all,
    skew: fromLive.skew,
  };
}

/** The verdict on the dump as a whole: findings that belong to no service (backend, mode, cut-off, stale rules). */
export function dumpVerdict(topology: Topology): Verdict {
  const reasons = sortReasons(
    reasonsOf(
      topology.findings.filter((f) => f.service === null),
      null,
    ),
  );
  const status = statusOf(reasons);
  const n = topology.services.length;
  const healthy = `kube-proxy's rules read cleanly: ${n} service port${n === 1 ? "" : "s"}`;
  return {
    status,
    sentence: compose(status, reasons, healthy),
    codes: reasons.map((r) => r.code),
    reasons,
    skew: null,
  };
}

/** Verdicts for the dump and every service port, with live checks when a stats snapshot is given. */
export function verdictsOf(topology: Topology, stats?: StatsSnapshot | null): Verdicts {
  const dump = dumpVerdict(topology);
  const services = new Map<string, Verdict>();
  let status = dump.status;
  for (const service of topology.services) {
    const v = verdictOf(service, stats?.services.get(service.name) ?? null);
    services.set(service.name, v);
    status = worstStatus(status, v.status);
  }
  return { status, dump, services };
}
