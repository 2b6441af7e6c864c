import { describe, expect, it } from "vitest";
import { createStats } from "../../src/stats/engine.ts";
import { service, topology, web } from "./make-topology.ts";
import { plainStats } from "./plain-stats.ts";

const WEB = "default/web:http";
const T0 = 1_700_000_000_000;

describe("snapshot maps", () => {
  it("read like maps: same object for the same key, has, size, order of first appearance", () => {
    const stats = createStats();
    const t = topology(
      service("b/two:http", [{ chain: "KUBE-SEP-2", packets: 1 }]),
      service("a/one:http", [{ chain: "KUBE-SEP-1", packets: 1 }]),
      service("b/two:http", [{ chain: "KUBE-SEP-3", packets: 1 }]),
    );
    const snap = stats.add({ takenAt: T0, topology: t });
    expect(snap.services.size).toBe(2);
    expect([...snap.services.keys()]).toEqual(["b/two:http", "a/one:http"]);
    expect(snap.services.get("b/two:http")).toBe(snap.services.get("b/two:http"));
    expect(snap.services.has("a/one:http")).toBe(true);
    expect(snap.services.has("c/three:http")).toBe(false);
    expect(snap.services.get("c/three:http")).toBeUndefined();
    const two = snap.services.get("b/two:http")!;
    expect([...two.endpoints.keys()]).toEqual(["KUBE-SEP-2", "KUBE-SEP-3"]);
    expect(two.endpoints.get("KUBE-SEP-3")).toBe([...two.endpoints.values()][1]);
    const seen: string[] = [];
    snap.services.forEach((s, name, map) => {
      expect(map.get(name)).toBe(s);
      seen.push(s.name);
    });
    expect(seen).toEqual(["b/two:http", "a/one:http"]);
  });

  it("find endpoints of a large service port by key", () => {
    const stats = createStats();
    const many = Array.from({ length: 40 }, (_, i) => ({ chain: `KUBE-SEP-${i}`, packets: i }));
    stats.add({ takenAt: T0, topology: topology(service(WEB, many)) });
    const snap = stats.add({
      takenAt: T0 + 1000,
      topology: topology(
        service(
          WEB,
          many.map((e) => ({ ...e, packets: e.packets * 3 })),
        ),
      ),
    });
    const endpoints = snap.services.get(WEB)!.endpoints;
    expect(endpoints.size).toBe(40);
    expect(endpoints.get("KUBE-SEP-17")?.rate).toBe(34);
    expect(endpoints.get("KUBE-SEP-40")).toBeUndefined();
  });

  it("keep their values when keys are forgotten, slots reused and buffers grow afterwards", () => {
    const stats = createStats({ seriesLength: 2, window: 2 });
    stats.add({ takenAt: T0, topology: web(0, 0, 0) });
    const early = stats.add({ takenAt: T0 + 1000, topology: web(4, 2, 1) });
    const before = plainStats(early);
    // web goes away (forgotten after 2 samples), 60 new service ports come in and take its slots and more
    for (let i = 2; i < 8; i++) {
      const services = Array.from({ length: 10 * (i - 1) }, (_, k) =>
        service(`ns/s${k}:p`, [{ chain: `KUBE-SEP-N${k}`, packets: i * k }]),
      );
      stats.add({ takenAt: T0 + i * 1000, topology: topology(...services) });
    }
    expect(stats.tracked().endpoints).toBe(60);
    expect(plainStats(early)).toEqual(before);
    expect(early.services.get(WEB)?.endpoints.get("KUBE-SEP-A")?.series).toEqual([null, 4]);
    const last = stats.snapshot();
    expect(last.services.get("ns/s5:p")?.series).toEqual([5, 5]);
    expect(last.services.get("ns/s59:p")?.series).toEqual([null]);
  });
});
