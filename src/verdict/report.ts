// The `check` report: verdicts of the dump and each service port as text (for logs) and JSON (for pipelines).

import type { Topology } from "../model/types.ts";
import { describeSkew } from "../stats/skew.ts";
import { clean } from "../trace/clean.ts";
import type { Verdict, VerdictStatus, Verdicts } from "./types.ts";

/** Exit code of `check`: 0 healthy, 1 warnings, 2 errors. */
export function exitCodeOf(status: VerdictStatus): number {
  return status === "error" ? 2 : status === "warning" ? 1 : 0;
}

const RANK: Record<VerdictStatus, number> = { error: 0, warning: 1, ok: 2 };

function sorted(verdicts: Verdicts, names: readonly string[]): [string, Verdict][] {
  return names
    .map((n): [string, Verdict] => [n, verdicts.services.get(n)!])
    .filter(([, v]) => v !== undefined)
    .sort(([a, x], [b, y]) => RANK[x.status] - RANK[y.status] || a.localeCompare(b));
}

function counts(list: readonly [string, Verdict][]): Record<VerdictStatus, number> {
  const c = { ok: 0, warning: 0, error: 0 };
  for (const [, v] of list) c[v.status] += 1;
  return c;
}

/** What `check` looked at: which service ports, and the overall status over them and the dump. */
export interface CheckScope {
  readonly names: readonly string[];
  readonly status: VerdictStatus;
}

/** The service ports a `--service` filter selects (exact `ns/name:port`, or every port of `ns/name`). */
export function selectServices(topology: Topology, filter: string | null): string[] {
  const names = topology.services.map((s) => s.name);
  if (filter === null) return names;
  return names.filter((n) => n === filter || n.startsWith(`${filter}:`) || n.startsWith(`${filter} [`));
}

/** The worst status over the dump and the selected service ports. */
export function scopeOf(verdicts: Verdicts, names: readonly string[]): CheckScope {
  let worst = RANK[verdicts.dump.status];
  for (const n of names) worst = Math.min(worst, RANK[verdicts.services.get(n)?.status ?? "ok"]);
  const status = (Object.keys(RANK) as VerdictStatus[]).find((k) => RANK[k] === worst)!;
  return { names, status };
}

const LABEL: Record<VerdictStatus, string> = { error: "ERROR", warning: "WARN ", ok: "ok   " };

/** The report as text: one line per service port, worst first, then further reasons indented. */
export function formatCheckText(verdicts: Verdicts, scope: CheckScope): string {
  const list = sorted(verdicts, scope.names);
  const c = counts(list);
  const out = [
    `kube-nat-top check: ${scope.status} — ${list.length} service port${list.length === 1 ? "" : "s"}: ` +
      `${c.error} error, ${c.warning} warning, ${c.ok} ok`,
    `${LABEL[verdicts.dump.status]} (dump)  ${clean(verdicts.dump.sentence)}`,
  ];
  for (const [name, v] of list) {
    out.push(`${LABEL[v.status]} ${clean(name)}  ${clean(v.sentence)}`);
    const shown = v.sentence;
    for (const r of v.reasons) {
      if (r.severity !== "info" && !shown.startsWith(r.sentence)) out.push(`        also: ${clean(r.sentence)}`);
    }
    if (v.skew) out.push(`        load: ${describeSkew(v.skew)}`);
  }
  return `${out.join("\n")}\n`;
}

function verdictJson(v: Verdict) {
  return {
    status: v.status,
    sentence: v.sentence,
    codes: [...v.codes],
    reasons: v.reasons.map((r) => ({ ...r })),
    skew: v.skew ? { ...v.skew } : null,
  };
}

/** The report as a JSON document: status, exit code, the dump's verdict and each selected service port's. */
export function formatCheckJson(
  verdicts: Verdicts,
  scope: CheckScope,
  extra: { windowSeconds: number | null },
): string {
  const list = sorted(verdicts, scope.names);
  const doc = {
    status: scope.status,
    exitCode: exitCodeOf(scope.status),
    counts: counts(list),
    windowSeconds: extra.windowSeconds,
    dump: verdictJson(verdicts.dump),
    services: list.map(([name, v]) => ({ name, ...verdictJson(v) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
