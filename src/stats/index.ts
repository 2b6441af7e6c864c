// Stats: samples in, rates, series and observed shares out. Pure; the caller passes the time with each sample.

export type { CountingStatsEngine, StatsOptions } from "./engine.ts";
export { createStats } from "./engine.ts";
export { counterDelta, ratePerSecond, shares, sumKnown, sumRates } from "./rates.ts";
export { Ring, Series } from "./ring.ts";
export type { EndpointStats, Sample, ServiceStats, StatsEngine, StatsSnapshot } from "./types.ts";
