// Reads for warm-path tests: generated dumps with counters that move per tick, and a check against full rebuilds.

import { expect } from "vitest";
import { Pipeline, topologyOfRead } from "../../src/app/pipeline.ts";
import { canonicalDump } from "../../src/gen/index.ts";
import type { DumpRead } from "../../src/source/types.ts";
import { createStats } from "../../src/stats/index.ts";
import { plainStats } from "../stats/plain-stats.ts";

export const T0 = Date.UTC(2025, 0, 1);

/** The dump iptables-save -c would print for `restore`, with counters that grow by tick (and a date per tick). */
export function dumpAt(restore: string, tick: number, family: 4 | 6 = 4, scale = 1): string {
  return canonicalDump(restore, {
    family,
    date: new Date(T0 + tick * 2000).toUTCString(),
    counters: (i) => [((i * 7) % 13) * tick * scale, ((i * 7) % 13) * tick * 1500 * scale],
  });
}

/** A read of `text` taken at tick `tick`. */
export function read(text: string, tick: number, text6?: string): DumpRead {
  return { takenAt: T0 + tick * 2000, text, durationMs: 1, notes: [], ...(text6 === undefined ? {} : { text6 }) };
}

/** What a pipeline that rebuilds every dump from scratch would say. */
function rebuilt(reads: readonly DumpRead[]) {
  const stats = createStats();
  return reads.map((r) => {
    const topology = topologyOfRead(r);
    return { topology, stats: stats.add({ takenAt: r.takenAt, topology }) };
  });
}

/** Feeds `reads` to one Pipeline and checks topology and stats (series too) against full rebuilds, read by read. */
export function expectSameAsRebuild(reads: readonly DumpRead[]): Pipeline {
  const pipeline = new Pipeline();
  const expected = rebuilt(reads);
  reads.forEach((r, i) => {
    const got = pipeline.ingest(r);
    expect(got.topology, `read ${i}`).toStrictEqual(expected[i]!.topology);
    expect(got.stats, `read ${i}`).toEqual(expected[i]!.stats);
    expect(plainStats(got.stats), `read ${i}`).toEqual(plainStats(expected[i]!.stats));
  });
  return pipeline;
}
