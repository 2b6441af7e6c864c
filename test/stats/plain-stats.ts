// Snapshots as plain data, every field read (series too), for comparing two engines' results with toEqual.

import type { StatsSnapshot } from "../../src/stats/types.ts";

/** `snapshot` with its maps as lists of entries in order and every service and endpoint field read. */
export function plainStats(snapshot: StatsSnapshot) {
  return {
    takenAt: snapshot.takenAt,
    elapsed: snapshot.elapsed,
    samples: snapshot.samples,
    services: [...snapshot.services].map(([name, s]) => ({
      name,
      ownName: s.name,
      rate: s.rate,
      series: s.series,
      windowCount: s.windowCount,
      endpoints: [...s.endpoints].map(([key, e]) => ({
        key,
        ownKey: e.key,
        rate: e.rate,
        series: e.series,
        observedShare: e.observedShare,
        windowCount: e.windowCount,
        total: e.total,
      })),
    })),
  };
}
