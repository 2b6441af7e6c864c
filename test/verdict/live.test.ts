import { describe, expect, it } from "vitest";
import type { Service } from "../../src/model/types.ts";
import { createStats } from "../../src/stats/index.ts";
import type { ServiceStats } from "../../src/stats/types.ts";
import { verdictOf, verdictsOf } from "../../src/verdict/index.ts";
import { svc, topo } from "./make.ts";

const NAME = "ns1/web:http";

// Runs two samples a second apart through the real stats engine: before and after the given new connections.
function liveOf(before: Service, after: Service): ServiceStats {
  const stats = createStats();
  stats.add({ takenAt: 1_000, topology: topo([before]) });
  const snap = stats.add({ takenAt: 2_000, topology: topo([after]) });
  return snap.services.get(NAME)!;
}

function window(deltas: number[], patch: Partial<Service> = {}): { service: Service; live: ServiceStats } {
  const base = deltas.map(() => 1000);
  const before = svc(NAME, { packets: base, patch });
  const after = svc(NAME, { packets: base.map((b, i) => b + deltas[i]!), patch });
  return { service: after, live: liveOf(before, after) };
}

describe("verdictOf: live checks", () => {
  it("keeps an even spread healthy and reports the test", () => {
    const { service, live } = window([98, 103, 99]);
    const v = verdictOf(service, live);
    expect(v.status).toBe("ok");
    expect(v.skew).toMatchObject({ insufficient: false, skewed: false, total: 300 });
  });

  it("warns when all recent connections went to one endpoint", () => {
    const { service, live } = window([0, 60, 0]);
    const v = verdictOf(service, live);
    expect(v.status).toBe("warning");
    expect(v.codes).toEqual(["live-one-endpoint"]);
    expect(v.sentence).toBe(
      "all 60 recent connections went to one endpoint (10.244.0.2:8080) of 3 (iptables balances connections, not requests; long-lived clients pin load)",
    );
  });

  it("warns about an endpoint with zero hits while its siblings have many", () => {
    const { service, live } = window([150, 0, 160]);
    const v = verdictOf(service, live);
    expect(v.codes).toEqual(["live-idle-endpoint"]);
    expect(v.sentence).toMatch(/^endpoint 10\.244\.0\.2:8080 got no new connections while the others got 310/);
  });

  it("warns on a skew that is beyond chance but spares every endpoint some traffic", () => {
    const { service, live } = window([400, 50, 50]);
    const v = verdictOf(service, live);
    expect(v.codes).toEqual(["live-skew"]);
    expect(v.sentence).toMatch(/^load is uneven: .*skewed \(p = /);
  });

  it("never flags a quiet service", () => {
    const { service, live } = window([4, 0, 0]);
    const v = verdictOf(service, live);
    expect(v.status).toBe("ok");
    expect(v.skew).toEqual({ insufficient: true, needed: 15, total: 4 });
  });

  it("does not call a pinned client a problem when session affinity is on", () => {
    const { service, live } = window([0, 60, 0], { affinitySeconds: 10800 });
    const v = verdictOf(service, live);
    expect(v.status).toBe("ok");
    expect(v.codes).toEqual(["live-one-endpoint"]);
    expect(v.sentence).toContain("session affinity is on");
  });

  it("makes no live claim when the dump has no counters", () => {
    const before = svc(NAME, { packets: [null, null] });
    const v = verdictOf(before, liveOf(before, before));
    expect(v).toMatchObject({ status: "ok", skew: null, codes: [] });
  });

  it("lets a rule problem outrank a live one", () => {
    const { service, live } = window([0, 60, 0]);
    const broken: Service = {
      ...service,
      findings: [{ code: "dangling-jump", severity: "error", message: "x", service: NAME, chain: null, line: null }],
    };
    const v = verdictOf(broken, live);
    expect(v.status).toBe("error");
    expect(v.codes).toEqual(["dangling-jump", "live-one-endpoint"]);
  });

  it("applies live checks through verdictsOf with a stats snapshot", () => {
    const stats = createStats();
    stats.add({ takenAt: 0, topology: topo([svc(NAME, { packets: [0, 0] })]) });
    const t = topo([svc(NAME, { packets: [500, 0] })]);
    const vs = verdictsOf(t, stats.add({ takenAt: 1000, topology: t }));
    expect(vs.services.get(NAME)?.codes).toEqual(["live-one-endpoint"]);
    expect(vs.status).toBe("warning");
  });
});
