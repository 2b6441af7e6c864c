import { afterEach, describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { createExecSource } from "../../src/source/exec.ts";
import { Poller } from "../../src/source/poller.ts";
import { createStats } from "../../src/stats/engine.ts";
import type { StatsSnapshot } from "../../src/stats/types.ts";
import { type FakeBin, fakeBin } from "./fake-bin.ts";

let bins: FakeBin[] = [];
afterEach(() => {
  for (const b of bins) b.remove();
  bins = [];
});

const SERVICE = "default/web:http";
const FIRST = "KUBE-SEP-7U6MWNJWR3SADOJA";

// Polls a fake command n times on a fake clock (one second per read) and runs each dump through grammar, model, stats.
async function pollRates(env: Record<string, string>, n: number): Promise<StatsSnapshot> {
  let clock = 0;
  const source = createExecSource({ command: "rising-counters", env, now: () => (clock += 500) });
  const stats = createStats();
  let snap = stats.snapshot();
  for await (const event of new Poller(source, { intervalMs: 1 })) {
    if (event.kind !== "sample") throw new Error(event.message);
    snap = stats.add({ takenAt: event.read.takenAt, topology: buildTopology(parseDump(event.read.text)) });
    if (snap.samples >= n) break;
  }
  return snap;
}

describe("from a polled command to rates", () => {
  it("rising counters give a steady rate after a first sample without one", async () => {
    const b = fakeBin({});
    bins.push(b);
    const snap = await pollRates(b.env, 4);
    const service = snap.services.get(SERVICE);
    // +10 and +5 connections per read, reads one second apart
    expect(service?.series).toEqual([null, 15, 15, 15]);
    expect(service?.endpoints.get(FIRST)?.observedShare).toBeCloseTo(2 / 3);
  });

  it("a counter reset is a gap, never a negative rate or a spike", async () => {
    const b = fakeBin({}, { KNT_FAKE_RESET_AT: "3" });
    bins.push(b);
    const snap = await pollRates(b.env, 6);
    expect(snap.services.get(SERVICE)?.series).toEqual([null, 15, 15, null, 15, 15]);
    expect(snap.services.get(SERVICE)?.endpoints.get(FIRST)?.series).toEqual([null, 10, 10, null, 10, 10]);
  });
});
