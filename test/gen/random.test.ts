// randomServices: a deterministic, realistic mix that the generator turns into consistent rule sets.

import { describe, expect, it } from "vitest";
import { createRandom, generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { tables } from "./rule-text.ts";

describe("randomServices", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(randomServices(50, 7)).toEqual(randomServices(50, 7));
    expect(randomServices(50, 7)).not.toEqual(randomServices(50, 8));
    expect(createRandom(1).next()).toBe(createRandom(1).next());
  });

  it("mixes every kind of service a real cluster has", () => {
    const set = generateRuleSet(randomServices(600, 42));
    const count = (f: (s: (typeof set.services)[number]) => boolean) => set.services.filter(f).length;
    const total = set.services.length;
    expect(count((s) => s.type === "ClusterIP")).toBeGreaterThan(total / 2);
    expect(count((s) => s.type === "NodePort")).toBeGreaterThan(0);
    expect(count((s) => s.type === "LoadBalancer" && s.sourceRanges.length > 0)).toBeGreaterThan(0);
    expect(count((s) => s.type === "LoadBalancer" && s.sourceRanges.length === 0)).toBeGreaterThan(0);
    expect(count((s) => s.externalIPs.length > 0)).toBeGreaterThan(0);
    expect(count((s) => s.chains.svl !== null)).toBeGreaterThan(0);
    expect(count((s) => s.chains.svc === null && s.chains.svl !== null)).toBeGreaterThan(0);
    expect(count((s) => s.affinitySeconds !== null)).toBeGreaterThan(0);
    expect(count((s) => s.findingCodes.includes("no-endpoints"))).toBeGreaterThan(0);
    expect(count((s) => s.findingCodes.includes("no-local-endpoints"))).toBeGreaterThan(0);
    expect(count((s) => !s.name.split("/")[1]!.includes(":"))).toBeGreaterThan(0);
    expect(count((s) => s.protocol === "udp")).toBeGreaterThan(0);
    const endpoints = set.services.reduce((n, s) => n + s.endpoints.length, 0);
    expect(endpoints / total).toBeGreaterThan(2);
    expect(endpoints / total).toBeLessThan(4);
  });

  it("gives unique cluster IPs, node ports, pod IPs and chain names", () => {
    const services = randomServices(2000, 3);
    expect(new Set(services.map((s) => s.clusterIP)).size).toBe(services.length);
    const nodePorts = services
      .flatMap((s) => [...s.ports.map((p) => p.nodePort ?? null), s.healthCheckNodePort ?? null])
      .filter((p) => p !== null);
    expect(new Set(nodePorts).size).toBe(nodePorts.length);
    const pods = services.flatMap((s) => s.endpoints.map((e) => e.ip));
    expect(new Set(pods).size).toBe(pods.length);
    const names = services.map((s) => `${s.namespace}/${s.name}`);
    expect(new Set(names).size).toBe(names.length);
    const nat = tables(generateRuleSet(services).text).get("nat")!;
    expect(new Set(nat.declared).size).toBe(nat.declared.length);
  });

  it("makes IPv6 services on request", () => {
    const [first] = randomServices(5, 1, { family: 6 });
    expect(first!.clusterIP).toContain(":");
    expect(generateRuleSet(randomServices(20, 1, { family: 6 }), { family: 6 }).text).toMatch(
      /--to-destination \[fd00:10:244::[0-9a-f]+\]:\d+/,
    );
  });
});
