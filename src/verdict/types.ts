// A verdict: one sentence saying whether a service (or the whole dump) is healthy on this node, and why not.

import type { SkewResult } from "../stats/skew.ts";

export type VerdictStatus = "ok" | "warning" | "error";

/** A problem (or note) behind a verdict: a finding code or a live check, with its sentence. */
export interface VerdictReason {
  /** A model finding code (`no-endpoints`, …) or a live code (`live-one-endpoint`, `live-idle-endpoint`, `live-skew`). */
  readonly code: string;
  readonly severity: "error" | "warning" | "info";
  readonly sentence: string;
}

export interface Verdict {
  readonly status: VerdictStatus;
  /** One sentence: the most important reason, or what healthy looks like. */
  readonly sentence: string;
  /** Codes of every reason, most important first. */
  readonly codes: readonly string[];
  /** Every reason, most important first (the sentence is the first error or warning, when there is one). */
  readonly reasons: readonly VerdictReason[];
  /** The goodness-of-fit test of live counts against the shares; null without live stats. */
  readonly skew: SkewResult | null;
}

/** Verdicts for a whole topology: the dump itself, then each service port by name. */
export interface Verdicts {
  /** Worst status over the dump and every service. */
  readonly status: VerdictStatus;
  /** Dump-level problems: split brain, IPVS/nftables mode, cut-off input, stale rules of no service. */
  readonly dump: Verdict;
  readonly services: ReadonlyMap<string, Verdict>;
}
