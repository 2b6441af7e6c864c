// Joins the pure stages: dump text → rules (grammar) → topology (model) → rates (stats).
// Between polls of an unchanged node only counters move: a dump that matches the last one's skeleton
// (dump-skeleton.ts) skips grammar and model and gets the last topology with its new counters (warm-topology.ts);
// stats then step it from the new packets alone (Sample.counters).

import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../model/index.ts";
import { mergeFamilies } from "../model/merge-families.ts";
import type { Topology } from "../model/types.ts";
import type { DumpRead } from "../source/types.ts";
import { createStats } from "../stats/index.ts";
import type { Sample, StatsEngine, StatsSnapshot } from "../stats/types.ts";
import { COLLECT_FROM_CHARS, collectGarbage } from "./collect.ts";
import { DumpSkeleton } from "./dump-skeleton.ts";
import { CounterPlan } from "./warm-topology.ts";

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

/** One family's last full rebuild, reduced to what a warm tick needs. */
class FamilyState {
  private skeleton: DumpSkeleton | null = null;
  private plan: CounterPlan | null = null;
  /** The topology of the last dump (full rebuild or warm tick). */
  private last: Topology | null = null;
  /** After a warm tick: the topology before it and every endpoint's packets (stats' Sample.counters). */
  counters: Sample["counters"];

  constructor(private readonly counts: { full: number; counters: number }) {}

  topology(text: string): Topology {
    const values = this.plan !== null && this.last !== null ? (this.skeleton?.match(text) ?? null) : null;
    if (values !== null && this.plan !== null && this.last !== null) {
      this.counts.counters++;
      const since = this.last;
      this.last = this.plan.refresh(since, values);
      this.counters = { since, packets: this.plan.packets };
      return this.last;
    }
    this.counts.full++;
    this.counters = undefined;
    // let the old dump's state go before parsing the new one
    this.skeleton = null;
    this.plan = null;
    this.last = null;
    const dump = parseDump(text);
    const topology = buildTopology(dump);
    if (text.length >= COLLECT_FROM_CHARS) collectGarbage();
    const skeleton = new DumpSkeleton(text, dump);
    this.plan = skeleton.usable ? CounterPlan.of(topology, dump, skeleton) : null;
    this.skeleton = this.plan === null ? null : skeleton;
    this.last = topology;
    return topology;
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
    if (read.text6 === undefined) {
      const stats = this.stats.add({ takenAt: read.takenAt, topology: v4, counters: this.v4.counters });
      return { read, topology: v4, stats };
    }
    const topology = mergeFamilies(v4, this.v6.topology(read.text6));
    const stats = this.stats.add({ takenAt: read.takenAt, topology });
    return { read, topology, stats };
  }
}
