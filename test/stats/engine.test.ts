import { describe, expect, it } from "vitest";
import { createStats } from "../../src/stats/engine.ts";
import { service, topology, web } from "./make-topology.ts";

const WEB = "default/web:http";
const T0 = 1_700_000_000_000;

describe("createStats", () => {
  it("the first sample shows totals and no rate", () => {
    const stats = createStats();
    const snap = stats.add({ takenAt: T0, topology: web(10, 20, 30) });
    const svc = snap.services.get(WEB);
    expect(snap.elapsed).toBeNull();
    expect(snap.samples).toBe(1);
    expect(svc?.rate).toBeNull();
    expect(svc?.series).toEqual([null]);
    expect(svc?.endpoints.get("KUBE-SEP-A")).toMatchObject({ rate: null, total: 10, windowCount: 0 });
  });

  it("rising counters give connections per second and the service rate is their sum", () => {
    const stats = createStats();
    stats.add({ takenAt: T0, topology: web(0, 0, 0) });
    stats.add({ takenAt: T0 + 2000, topology: web(10, 4, 0) });
    const snap = stats.add({ takenAt: T0 + 4000, topology: web(30, 8, 2) });
    const svc = snap.services.get(WEB);
    expect(snap.elapsed).toBe(2);
    expect(svc?.endpoints.get("KUBE-SEP-A")?.series).toEqual([null, 5, 10]);
    expect(svc?.endpoints.get("KUBE-SEP-B")?.rate).toBe(2);
    expect(svc?.endpoints.get("KUBE-SEP-C")?.rate).toBe(1);
    expect(svc?.rate).toBe(13);
    expect(svc?.series).toEqual([null, 7, 13]);
    expect(svc?.windowCount).toBe(40);
    expect(svc?.endpoints.get("KUBE-SEP-A")?.windowCount).toBe(30);
  });

  it("a decrease in counters is a reset, not a negative rate", () => {
    const stats = createStats();
    stats.add({ takenAt: T0, topology: web(100, 100, 100) });
    stats.add({ takenAt: T0 + 1000, topology: web(110, 110, 110) });
    const reset = stats.add({ takenAt: T0 + 2000, topology: web(3, 120, 120) });
    const after = stats.add({ takenAt: T0 + 3000, topology: web(9, 130, 130) });
    const a = after.services.get(WEB)?.endpoints.get("KUBE-SEP-A");
    expect(reset.services.get(WEB)?.endpoints.get("KUBE-SEP-A")?.rate).toBeNull();
    expect(reset.services.get(WEB)?.rate).toBeNull();
    expect(a?.series).toEqual([null, 10, null, 6]);
    expect(a?.total).toBe(9);
    for (const point of a?.series ?? []) expect(point === null || point >= 0).toBe(true);
    expect(after.services.get(WEB)?.rate).toBe(26);
  });

  it("a rewritten chain (endpoint set changed) is a reset even when counters went up", () => {
    const stats = createStats();
    const twoPods = (a: number, b: number) =>
      topology(
        service(WEB, [
          { chain: "KUBE-SEP-A", packets: a },
          { chain: "KUBE-SEP-B", packets: b },
        ]),
      );
    stats.add({ takenAt: T0, topology: twoPods(50, 50) });
    stats.add({ takenAt: T0 + 1000, topology: twoPods(60, 60) });
    const rewritten = stats.add({ takenAt: T0 + 2000, topology: web(70, 400, 5) });
    const svc = rewritten.services.get(WEB);
    expect(svc?.endpoints.get("KUBE-SEP-A")?.rate).toBeNull();
    expect(svc?.endpoints.get("KUBE-SEP-B")?.rate).toBeNull();
    expect(svc?.endpoints.get("KUBE-SEP-C")?.rate).toBeNull();
    expect(svc?.rate).toBeNull();
    // counts from before the rewrite no longer weigh on the observed shares
    expect(svc?.windowCount).toBe(0);
    const next = stats.add({ takenAt: T0 + 3000, topology: web(73, 403, 8) });
    expect(next.services.get(WEB)?.rate).toBe(9);
    expect(next.services.get(WEB)?.endpoints.get("KUBE-SEP-A")?.observedShare).toBeCloseTo(1 / 3);
  });

  it("a changed probability is a rewrite too", () => {
    const stats = createStats();
    const two = (a: number, p: number) =>
      topology(
        service(WEB, [
          { chain: "KUBE-SEP-A", packets: a, rawProbability: p },
          { chain: "KUBE-SEP-B", packets: a },
        ]),
      );
    stats.add({ takenAt: T0, topology: two(1, 0.5) });
    const snap = stats.add({ takenAt: T0 + 1000, topology: two(5, 0.25) });
    expect(snap.services.get(WEB)?.endpoints.get("KUBE-SEP-A")?.rate).toBeNull();
  });

  it("a service that vanishes and returns gets a gap", () => {
    const stats = createStats();
    const other = service("default/other:http", [{ chain: "KUBE-SEP-O", packets: 0 }]);
    stats.add({ takenAt: T0, topology: topology(web(0, 0, 0).services[0]!, other) });
    stats.add({ takenAt: T0 + 1000, topology: topology(web(3, 3, 3).services[0]!, other) });
    const gone = stats.add({ takenAt: T0 + 2000, topology: topology(other) });
    expect(gone.services.has(WEB)).toBe(false);
    const back = stats.add({ takenAt: T0 + 3000, topology: topology(web(9, 9, 9).services[0]!, other) });
    expect(back.services.get(WEB)?.rate).toBeNull();
    const later = stats.add({ takenAt: T0 + 4000, topology: topology(web(10, 10, 10).services[0]!, other) });
    expect(later.services.get(WEB)?.series).toEqual([null, 9, null, null, 3]);
    expect(later.services.get(WEB)?.endpoints.get("KUBE-SEP-A")?.series).toEqual([null, 3, null, null, 1]);
  });

  it("an endpoint that leaves and returns restarts with a gap", () => {
    const stats = createStats();
    const ab = (a: number, b: number) =>
      topology(
        service(WEB, [
          { chain: "KUBE-SEP-A", packets: a },
          { chain: "KUBE-SEP-B", packets: b },
        ]),
      );
    const a = (n: number) => topology(service(WEB, [{ chain: "KUBE-SEP-A", packets: n }]));
    stats.add({ takenAt: T0, topology: ab(0, 0) });
    stats.add({ takenAt: T0 + 1000, topology: ab(2, 2) });
    stats.add({ takenAt: T0 + 2000, topology: a(1) });
    stats.add({ takenAt: T0 + 3000, topology: a(4) });
    const back = stats.add({ takenAt: T0 + 4000, topology: ab(0, 0) });
    const b = back.services.get(WEB)?.endpoints.get("KUBE-SEP-B");
    expect(b?.series).toEqual([null, 2, null, null, null]);
    expect(b?.total).toBe(0);
  });

  it("samples taken at the same instant give no rate instead of infinity", () => {
    const stats = createStats();
    stats.add({ takenAt: T0, topology: web(0, 0, 0) });
    const snap = stats.add({ takenAt: T0, topology: web(5, 5, 5) });
    expect(snap.elapsed).toBe(0);
    expect(snap.services.get(WEB)?.rate).toBeNull();
    expect(snap.services.get(WEB)?.endpoints.get("KUBE-SEP-A")?.rate).toBeNull();
    // the connections still happened: they count toward the window
    expect(snap.services.get(WEB)?.windowCount).toBe(15);
  });

  it("a dump without counters shows no totals and no rates, never zero", () => {
    const stats = createStats();
    stats.add({ takenAt: T0, topology: web(null, null, null) });
    const snap = stats.add({ takenAt: T0 + 1000, topology: web(null, null, null) });
    const svc = snap.services.get(WEB);
    expect(svc?.rate).toBeNull();
    expect(svc?.endpoints.get("KUBE-SEP-A")).toMatchObject({ rate: null, total: null, observedShare: null });
  });

  it("endpoints without a SEP chain are keyed by service and address", () => {
    const stats = createStats();
    const t = (n: number) =>
      topology(service(WEB, [{ chain: null, packets: n, address: "10.1.1.1:80" }], "KUBE-SVC-X"));
    stats.add({ takenAt: T0, topology: t(1) });
    const snap = stats.add({ takenAt: T0 + 1000, topology: t(4) });
    expect(snap.services.get(WEB)?.endpoints.get(`${WEB}|10.1.1.1:80`)?.rate).toBe(3);
  });

  it("memory stays bounded over 10,000 samples with endpoints coming and going", () => {
    const seriesLength = 20;
    const stats = createStats({ seriesLength, window: 10 });
    let snap = stats.snapshot();
    for (let i = 0; i < 10_000; i++) {
      // a rolling deployment: every sample a new pod replaces one
      const t = topology(
        service(WEB, [
          { chain: `KUBE-SEP-${i}`, packets: i },
          { chain: "KUBE-SEP-STABLE", packets: i * 2 },
        ]),
        service(`ns/svc-${i % 50}:http`, [{ chain: `KUBE-SEP-S${i % 50}`, packets: i }]),
      );
      snap = stats.add({ takenAt: T0 + i * 1000, topology: t });
    }
    const tracked = stats.tracked();
    expect(tracked.endpoints).toBeLessThanOrEqual(seriesLength + 1 + 50);
    expect(tracked.services).toBeLessThanOrEqual(51);
    expect(snap.services.get(WEB)?.series.length).toBe(seriesLength);
    expect(snap.services.get(WEB)?.endpoints.get("KUBE-SEP-STABLE")?.series.length).toBe(seriesLength);
    expect(snap.samples).toBe(10_000);
  });

  it("a key absent longer than a series is forgotten and starts afresh", () => {
    const stats = createStats({ seriesLength: 3 });
    const other = topology(service("x/y:z", [{ chain: "KUBE-SEP-Y", packets: 0 }]));
    stats.add({ takenAt: T0, topology: web(0, 0, 0) });
    stats.add({ takenAt: T0 + 1000, topology: web(1, 1, 1) });
    for (let i = 2; i < 6; i++) stats.add({ takenAt: T0 + i * 1000, topology: other });
    expect(stats.tracked().endpoints).toBe(1);
    const back = stats.add({ takenAt: T0 + 6000, topology: web(9, 9, 9) });
    expect(back.services.get(WEB)?.series).toEqual([null]);
  });

  it("observed shares converge to the configured shares", () => {
    const stats = createStats({ window: 30 });
    let seed = 42;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const totals = [0, 0, 0];
    let snap = stats.add({ takenAt: T0, topology: web(0, 0, 0) });
    for (let s = 1; s <= 60; s++) {
      // 200 new connections per sample, each picking an endpoint as kube-proxy's cascade does
      for (let c = 0; c < 200; c++) {
        if (random() < 1 / 3) totals[0]! += 1;
        else if (random() < 1 / 2) totals[1]! += 1;
        else totals[2]! += 1;
      }
      snap = stats.add({ takenAt: T0 + s * 2000, topology: web(totals[0]!, totals[1]!, totals[2]!) });
    }
    const svc = snap.services.get(WEB);
    expect(svc?.windowCount).toBe(30 * 200);
    for (const key of ["KUBE-SEP-A", "KUBE-SEP-B", "KUBE-SEP-C"]) {
      const share = svc?.endpoints.get(key)?.observedShare ?? Number.NaN;
      expect(Math.abs(share - 1 / 3)).toBeLessThan(0.03);
    }
    expect(svc?.rate).toBeCloseTo(100, 5);
  });

  it("a skewed endpoint shows a skewed observed share", () => {
    const stats = createStats();
    stats.add({ takenAt: T0, topology: web(0, 0, 0) });
    const snap = stats.add({ takenAt: T0 + 1000, topology: web(60, 20, 20) });
    expect(snap.services.get(WEB)?.endpoints.get("KUBE-SEP-A")?.observedShare).toBeCloseTo(0.6);
  });
});

describe("snapshots", () => {
  it("keep their series as they were when later samples arrive, and give the same array each time", () => {
    const stats = createStats({ seriesLength: 3 });
    stats.add({ takenAt: T0, topology: web(0, 0, 0) });
    const early = stats.add({ takenAt: T0 + 1000, topology: web(1, 2, 3) });
    for (let i = 2; i < 10; i++) stats.add({ takenAt: T0 + i * 1000, topology: web(i * 10, i * 10, i * 10) });
    const svc = early.services.get(WEB);
    expect(svc?.series).toEqual([null, 6]);
    expect(svc?.endpoints.get("KUBE-SEP-C")?.series).toEqual([null, 3]);
    expect(svc?.series).toBe(svc?.series);
    expect(JSON.parse(JSON.stringify({ series: svc?.endpoints.get("KUBE-SEP-A")?.series }))).toEqual({
      series: [null, 1],
    });
  });
});
