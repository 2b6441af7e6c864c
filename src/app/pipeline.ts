// Joins the pure stages: dump text → rules (grammar) → topology (model) → rates (stats).
// Between polls of an unchanged node only counters move: a dump that matches the last one's skeleton
// (dump-skeleton.ts) skips grammar and model and gets the last topology with its new counters.

import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../model/index.ts";
import { mergeFamilies } from "../model/merge-families.ts";
import type { Topology } from "../model/types.ts";
import type { DumpRead } from "../source/types.ts";
import { createStats } from "../stats/index.ts";
import type { StatsEngine, StatsSnapshot } from "../stats/types.ts";
import { DumpSkeleton } from "./dump-skeleton.ts";
import { withTickCounters } from "./warm-topology.ts";

/** The result of one sample going through every stage. */
export interface Processed {
  readonly read: DumpRead;
  readonly topology: Topology;
  readonly stats: StatsSnapshot;
}

/** Text → topology, without stats: for one-shot reads. */
export function topologyOf(text: string): Topology {
  return buildTopology(parseDump(text));
}

/** The topology of one read, both families joined when the read carries an IPv6 dump too. */
export function topologyOfRead(read: Pick<DumpRead, "text" | "text6">): Topology {
  const v4 = topologyOf(read.text);
  return read.text6 === undefined ? v4 : mergeFamilies(v4, topologyOf(read.text6));
}

/** One family's last full rebuild. */
class FamilyState {
  private skeleton: DumpSkeleton | null = null;
  /** The topology of the last dump (full rebuild or warm tick). */
  private last: Topology | null = null;

  constructor(private readonly counts: { full: number; counters: number }) {}

  topology(text: string): Topology {
    const tick = this.skeleton?.match(text) ?? null;
    if (tick !== null && this.last !== null) {
      this.counts.counters++;
      this.last = withTickCounters(this.last, tick);
      return this.last;
    }
    this.counts.full++;
    this.skeleton = null; // let the old dump go before parsing the new one
    this.last = null;
    const dump = parseDump(text);
    this.last = buildTopology(dump);
    this.skeleton = new DumpSkeleton(text, dump);
    return this.last;
  }
}

/** A pipeline that keeps stats across samples; one per session. */
export class Pipeline {
  private readonly stats: StatsEngine;
  /** Dumps rebuilt in full, and dumps that only needed new counters (per family). */
  readonly counts = { full: 0, counters: 0 };
  private readonly v4 = new FamilyState(this.counts);
  private readonly v6 = new FamilyState(this.counts);

  constructor(stats: StatsEngine = createStats()) {
    this.stats = stats;
  }

  /** Runs one read through grammar, model and stats. */
  ingest(read: DumpRead): Processed {
    const v4 = this.v4.topology(read.text);
    const topology = read.text6 === undefined ? v4 : mergeFamilies(v4, this.v6.topology(read.text6));
    const stats = this.stats.add({ takenAt: read.takenAt, topology });
    return { read, topology, stats };
  }
}
