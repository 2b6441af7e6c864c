// Live checks of one service: where recent connections actually went, against the configured shares.

import { endpointKey } from "../model/keys.ts";
import type { Service } from "../model/types.ts";
import { describeSkew, type SkewResult, skewTest } from "../stats/skew.ts";
import type { ServiceStats } from "../stats/types.ts";
import type { VerdictReason } from "./types.ts";

/** An outcome this unlikely under the configured shares is worth a warning (same bar as the skew test). */
const UNLIKELY = 0.001;

interface Observed {
  readonly label: string;
  readonly share: number;
  readonly count: number;
}

/** The live reasons and the skew test for one service, or no reasons when the sample is too small to tell. */
export function liveReasons(
  service: Service,
  live: ServiceStats,
): { reasons: VerdictReason[]; skew: SkewResult | null } {
  const stats = service.endpoints.map((e, i) => live.endpoints.get(endpointKey(service, e, i)));
  // without counters for every endpoint a missing count would read as "no connections": no live verdict then
  if (stats.length === 0 || stats.some((s) => s === undefined || s.total === null)) return { reasons: [], skew: null };
  const rows: Observed[] = service.endpoints.map((e, i) => ({
    label: e.address ?? e.chain ?? `endpoint #${i + 1}`,
    share: Math.max(e.probability, 0),
    count: stats[i]?.windowCount ?? 0,
  }));
  const skew = skewTest(
    rows.map((r) => r.count),
    rows.map((r) => r.share),
  );
  if (skew.insufficient) return { reasons: [], skew };
  const total = skew.total;
  const shareSum = rows.reduce((s, r) => s + r.share, 0);
  const affinity = service.affinitySeconds !== null;
  const severity = affinity ? "info" : "warning";
  const why = affinity
    ? " (session affinity is on: each client sticks to one endpoint)"
    : " (iptables balances connections, not requests; long-lived clients pin load)";
  const reasons: VerdictReason[] = [];
  const busy = rows.filter((r) => r.count > 0);
  const idle = rows.filter((r) => r.count === 0 && r.share > 0 && (1 - r.share / shareSum) ** total < UNLIKELY);
  if (busy.length === 1 && (busy[0]!.share / shareSum) ** total < UNLIKELY) {
    const n = rows.filter((r) => r.share > 0).length;
    reasons.push({
      code: "live-one-endpoint",
      severity,
      sentence: `all ${total} recent connections went to one endpoint (${busy[0]!.label}) of ${n}${why}`,
    });
  } else if (idle.length > 0) {
    const names = idle.map((r) => r.label).join(", ");
    const subject = idle.length === 1 ? `endpoint ${names} got` : `endpoints ${names} got`;
    reasons.push({
      code: "live-idle-endpoint",
      severity,
      sentence: `${subject} no new connections while the others got ${total}, far below the configured share${why}`,
    });
  } else if (skew.skewed) {
    reasons.push({
      code: "live-skew",
      severity,
      sentence: `load is uneven: recent connections stray from the configured shares beyond chance, ${describeSkew(skew)}${why}`,
    });
  }
  return { reasons, skew };
}
