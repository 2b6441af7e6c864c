import { describe, expect, it } from "vitest";
import type { Topology } from "../../src/model/types.ts";
import { createStats } from "../../src/stats/engine.ts";
import { service, topology } from "./make-topology.ts";
import { plainStats } from "./plain-stats.ts";

const T0 = 1_700_000_000_000;

/** Two service ports, one endpoint shared by both (counted once), one without counters. */
function shape(a: number, b: number, c: number, shared: number): Topology {
  return topology(
    service("default/api:http", [
      { chain: "KUBE-SEP-A", packets: a },
      { chain: "KUBE-SEP-S", packets: shared },
      { chain: "KUBE-SEP-N", packets: null },
    ]),
    service("default/web:http", [
      { chain: "KUBE-SEP-B", packets: b },
      { chain: "KUBE-SEP-C", packets: c },
      { chain: "KUBE-SEP-S", packets: shared },
    ]),
  );
}

/** Every endpoint's packets in topology order, NaN for null (what Sample.counters carries). */
function packetsOf(t: Topology): Float64Array {
  return Float64Array.from(t.services.flatMap((s) => s.endpoints.map((e) => e.packets ?? Number.NaN)));
}

describe("samples that bring new counters only", () => {
  it("give what the same topologies without the shortcut give, resets and gaps included", () => {
    const counts = [
      [0, 0, 0, 0],
      [10, 4, 2, 7],
      [30, 9, 2, 9],
      [3, 12, 5, 20], // A went down: a reset
      [9, 12, 8, 21],
    ];
    const plain = createStats({ seriesLength: 4, window: 3 });
    const fast = createStats({ seriesLength: 4, window: 3 });
    let last: Topology | null = null;
    counts.forEach(([a, b, c, s], i) => {
      const t = shape(a!, b!, c!, s!);
      const counters = last === null ? undefined : { since: last, packets: packetsOf(t) };
      const want = plain.add({ takenAt: T0 + i * 1000, topology: t });
      const got = fast.add({ takenAt: T0 + i * 1000, topology: t, counters });
      expect(plainStats(got), `sample ${i}`).toEqual(plainStats(want));
      last = t;
    });
    const snap = fast.snapshot();
    expect(snap.services.get("default/api:http")?.endpoints.get("KUBE-SEP-A")?.series).toEqual([10, 20, null, 6]);
    expect(snap.services.get("default/web:http")?.endpoints.has("KUBE-SEP-S")).toBe(false);
    expect(snap.services.get("default/api:http")?.endpoints.get("KUBE-SEP-N")?.total).toBeNull();
  });

  it("are read in full when `since` is not the last sample's topology", () => {
    const plain = createStats();
    const fast = createStats();
    const first = shape(1, 1, 1, 1);
    const other = shape(1, 1, 1, 1);
    const next = shape(5, 6, 7, 8);
    plain.add({ takenAt: T0, topology: first });
    fast.add({ takenAt: T0, topology: first });
    const want = plain.add({ takenAt: T0 + 1000, topology: next });
    // packets that do not belong to `next`: a shortcut taken would show them
    const wrong = { since: other, packets: new Float64Array(6).fill(1e6) };
    const got = fast.add({ takenAt: T0 + 1000, topology: next, counters: wrong });
    expect(plainStats(got)).toEqual(plainStats(want));
    expect(got.services.get("default/api:http")?.rate).toBe(4 + 7);
  });

  it("are read in full when the packets do not fit the last sample's topology", () => {
    const stats = createStats();
    const first = shape(1, 1, 1, 1);
    stats.add({ takenAt: T0, topology: first });
    const next = shape(2, 2, 2, 2);
    const got = stats.add({
      takenAt: T0 + 1000,
      topology: next,
      counters: { since: first, packets: new Float64Array(2) },
    });
    expect(got.services.get("default/web:http")?.endpoints.get("KUBE-SEP-B")?.rate).toBe(1);
  });
});
