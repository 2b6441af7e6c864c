// What changed between two dumps: services, endpoints, shares, chains and, when both carry them, counters.

import type { Finding } from "../model/types.ts";

export type ChainKind = "svc" | "svl" | "ext" | "fw" | "xlb" | "sep";

/** An endpoint as the diff shows it. */
export interface EndpointRef {
  readonly address: string | null;
  readonly chain: string | null;
  readonly probability: number;
}

/** A service port seen on one side only. */
export interface ServiceRef {
  readonly name: string;
  readonly protocol: string | null;
  readonly clusterIP: string | null;
  readonly port: number | null;
  readonly endpoints: number;
}

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export interface ChainChange {
  readonly kind: ChainKind;
  /** For `sep`, the endpoint whose chain changed. */
  readonly address: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

export interface ShareChange {
  readonly address: string;
  readonly before: number;
  readonly after: number;
}

/** New connections through one endpoint between the two dumps. */
export interface CounterDelta {
  readonly address: string;
  readonly packets: number;
  readonly bytes: number | null;
  /** The counter went down (chain rewritten, counters zeroed): `packets` counts from zero again. */
  readonly reset: boolean;
}

/** The differences of one service port present on both sides (or renamed between them). */
export interface ServiceDiff {
  readonly name: string;
  /** For a renamed service port, its name in A. */
  readonly renamedFrom: string | null;
  readonly fields: readonly FieldChange[];
  /** Chains whose name changed, appeared or went away (a null side). */
  readonly chains: readonly ChainChange[];
  readonly endpointsAdded: readonly EndpointRef[];
  readonly endpointsRemoved: readonly EndpointRef[];
  readonly sharesChanged: readonly ShareChange[];
  readonly findingsAdded: readonly string[];
  readonly findingsResolved: readonly string[];
}

/** Counter deltas of one service port, when both dumps carry counters for it. */
export interface ServiceCounters {
  readonly name: string;
  readonly packets: number;
  readonly endpoints: readonly CounterDelta[];
}

export interface TopologyDiff {
  readonly servicesAdded: readonly ServiceRef[];
  readonly servicesRemoved: readonly ServiceRef[];
  /** Service ports on both sides (or renamed) that differ in more than counters. */
  readonly servicesChanged: readonly ServiceDiff[];
  readonly unchanged: number;
  /** Dump-level findings (no service) that appeared or went away. */
  readonly findingsAdded: readonly Finding[];
  readonly findingsResolved: readonly Finding[];
  /** New connections per service port, for ports whose counters both dumps carry. */
  readonly counters: readonly ServiceCounters[];
  /** Anything but counters differs. */
  readonly differs: boolean;
}
