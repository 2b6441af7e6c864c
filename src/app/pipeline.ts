// Joins the pure stages: dump text → rules (grammar) → topology (model) → rates (stats).

import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../model/index.ts";
import { mergeFamilies } from "../model/merge-families.ts";
import type { Topology } from "../model/types.ts";
import type { DumpRead } from "../source/types.ts";
import { createStats } from "../stats/index.ts";
import type { StatsEngine, StatsSnapshot } from "../stats/types.ts";

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

/** A pipeline that keeps stats across samples; one per session. */
export class Pipeline {
  private readonly stats: StatsEngine;

  constructor(stats: StatsEngine = createStats()) {
    this.stats = stats;
  }

  /** Runs one read through grammar, model and stats. */
  ingest(read: DumpRead): Processed {
    const topology = topologyOfRead(read);
    const stats = this.stats.add({ takenAt: read.takenAt, topology });
    return { read, topology, stats };
  }
}
