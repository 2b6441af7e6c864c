// What the stats layer derives from a sequence of samples; the UI reads only these and the topology.

import type { Topology } from "../model/types.ts";

/** One dump taken at one time. `takenAt` is milliseconds since the epoch (passed in: stats has no clock). */
export interface Sample {
  readonly takenAt: number;
  readonly topology: Topology;
  /**
   * Optional: `topology` is `since` (the topology of the sample before, given to the same engine) with new endpoint
   * counters only, and `packets` holds every endpoint's packets (service by service, endpoints in order; NaN for
   * null). The engine then steps the last sample's keys without reading the topology; it ignores this when `since`
   * is not its last topology. Read during `add` only.
   */
  readonly counters?: { readonly since: Topology; readonly packets: Float64Array };
}

/** Rates for one endpoint, keyed by its stable key (the SEP chain, or `service|address` without one). */
export interface EndpointStats {
  readonly key: string;
  /** New connections per second over the last interval; null on the first sample, after a reset, or without counters. */
  readonly rate: number | null;
  /** Last points of the rate series, oldest first; null entries are gaps (no sample, reset, vanished). */
  readonly series: readonly (number | null)[];
  /** Share of this service's new connections that went to this endpoint over the window; null with no traffic. */
  readonly observedShare: number | null;
  /** Connections counted over the window (sum of deltas). */
  readonly windowCount: number;
  /** Total packets as last read, null without counters. */
  readonly total: number | null;
}

/** Rates for one service port, keyed by its name. */
export interface ServiceStats {
  readonly name: string;
  readonly rate: number | null;
  readonly series: readonly (number | null)[];
  readonly windowCount: number;
  readonly endpoints: ReadonlyMap<string, EndpointStats>;
}

/** The state after the latest sample. */
export interface StatsSnapshot {
  readonly takenAt: number | null;
  /** Seconds between the last two samples, null until there are two. */
  readonly elapsed: number | null;
  readonly samples: number;
  readonly services: ReadonlyMap<string, ServiceStats>;
}

/** Turns samples into rates and series; one per session, memory bounded by the ring sizes. */
export interface StatsEngine {
  add(sample: Sample): StatsSnapshot;
  snapshot(): StatsSnapshot;
}
