// trace against the real kernel: on dumps iptables-save printed back, and against where real connections went.

import { afterAll, describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { trace } from "../../src/trace/index.ts";
import type { Packet, TraceResult } from "../../src/trace/types.ts";
import { readDnatCounters, startListeners, startTraffic, stopHelpers } from "../support/e2e-cluster.ts";
import { describeKernel } from "../support/kernel.ts";
import { restore, save, withNetns } from "../support/netns.ts";

const ep = (ip: string, port = 8080, local = false) => ({ ip, port, local, ready: true });
const NODE_IP = "192.168.0.2";

const SERVICES: ServiceSpec[] = [
  {
    namespace: "ns1",
    name: "web",
    ports: [{ name: "http", protocol: "tcp", port: 80, nodePort: 30080 }],
    clusterIP: "172.30.0.41",
    affinitySeconds: 10800,
    endpoints: [ep("10.180.0.1"), ep("10.180.0.2"), ep("10.180.0.3")],
  },
  {
    namespace: "ns2",
    name: "lb",
    ports: [{ name: "https", protocol: "tcp", port: 443, nodePort: 30443 }],
    clusterIP: "172.30.0.42",
    loadBalancerIPs: ["1.2.3.4"],
    sourceRanges: ["203.0.113.0/25"],
    endpoints: [ep("10.180.1.1", 8443), ep("10.180.1.2", 8443)],
  },
  {
    namespace: "ns3",
    name: "local",
    ports: [{ name: "http", protocol: "tcp", port: 80, nodePort: 30081 }],
    clusterIP: "172.30.0.43",
    externalIPs: ["192.0.2.43"],
    externalTrafficPolicy: "Local",
    endpoints: [ep("10.180.2.1")],
  },
  {
    namespace: "ns4",
    name: "gone",
    ports: [{ name: "http", protocol: "tcp", port: 80 }],
    clusterIP: "172.30.0.44",
    endpoints: [],
  },
];

const PACKETS: [string, Omit<Packet, "nodeIPs">][] = [
  ["cluster IP, three endpoints", { dst: "172.30.0.41", dport: 80, proto: "tcp", src: "10.9.0.1", fromLocal: false }],
  ["node port from outside", { dst: NODE_IP, dport: 30080, proto: "tcp", src: "198.51.100.1", fromLocal: false }],
  ["LB from an allowed source", { dst: "1.2.3.4", dport: 443, proto: "tcp", src: "203.0.113.9", fromLocal: false }],
  ["LB from a denied source", { dst: "1.2.3.4", dport: 443, proto: "tcp", src: "198.51.100.1", fromLocal: false }],
  [
    "ETP=Local without local endpoints",
    { dst: "192.0.2.43", dport: 80, proto: "tcp", src: "198.51.100.1", fromLocal: false },
  ],
  ["ETP=Local from the node", { dst: "192.0.2.43", dport: 80, proto: "tcp", src: null, fromLocal: true }],
  ["no endpoints", { dst: "172.30.0.44", dport: 80, proto: "tcp", src: "10.9.0.1", fromLocal: false }],
  ["no match", { dst: "172.30.0.99", dport: 80, proto: "tcp", src: "10.9.0.1", fromLocal: false }],
];

function essence(r: TraceResult) {
  return {
    verdict: r.verdict.kind,
    masquerade: r.masquerade,
    endpoints: r.endpoints.map((e) => [e.address, Math.round(e.share * 1e6) / 1e6, e.masquerade]),
  };
}

describeKernel("kernel: trace on dumps iptables-save printed back", () => {
  for (const era of ["v1.32", "v1.23"] as const) {
    describe(era, () => {
      const ns = withNetns("knt-trace-");
      const generated = generateRuleSet(SERVICES, { era, hooks: true, declareKubeletChains: era === "v1.23" });
      let canonical = "";

      it("loads the generated rules and reads them back canonicalised, with counters", async () => {
        await restore(ns.name, generated.text);
        canonical = await save(ns.name);
        expect(canonical).toMatch(/^\[\d+:\d+\] -A KUBE-SERVICES -d 172\.30\.0\.41\/32 -p tcp/m);
      });

      it.each(PACKETS)("traces '%s' the same on the kernel's dump as on what was loaded", (_name, packet) => {
        const p = { ...packet, nodeIPs: [NODE_IP] };
        const fromKernel = trace(parseDump(canonical), p);
        expect(essence(fromKernel)).toEqual(essence(trace(parseDump(generated.text), p)));
        expect(fromKernel.branches.flatMap((b) => b.nat).every((s) => s.counters !== null)).toBe(true);
      });

      it("gives exact thirds through the kernel's 11-decimal probabilities", () => {
        const r = trace(parseDump(canonical), { ...PACKETS[0]![1], nodeIPs: [NODE_IP] });
        expect(r.endpoints.map((e) => e.share)).toEqual([
          expect.closeTo(1 / 3, 9),
          expect.closeTo(1 / 3, 9),
          expect.closeTo(1 / 3, 9),
        ]);
      });

      it("gets the verdicts right", () => {
        const kinds = PACKETS.map(([, p]) => trace(parseDump(canonical), { ...p, nodeIPs: [NODE_IP] }).verdict.kind);
        expect(kinds).toEqual(["dnat", "dnat", "dnat", "drop", "drop", "dnat", "reject", "no-match"]);
      });
    });
  }
});

// Loopback only: cluster IPs and endpoints are 127.x, clients in the namespace (nat OUTPUT).
const LOOP: ServiceSpec[] = [
  {
    namespace: "live",
    name: "web",
    ports: [{ name: "http", protocol: "tcp", port: 80 }],
    clusterIP: "127.0.100.10",
    endpoints: [ep("127.0.1.1"), ep("127.0.1.2"), ep("127.0.1.3")],
  },
  {
    namespace: "live",
    name: "gone",
    ports: [{ name: "http", protocol: "tcp", port: 80 }],
    clusterIP: "127.0.100.20",
    endpoints: [],
  },
];

describeKernel("kernel: trace agrees with where real connections went", () => {
  const ns = withNetns("knt-trlive-");
  afterAll(() => stopHelpers());

  it("DNATs to exactly the endpoints the kernel used, and the traced rules counted every connection", async () => {
    await restore(ns.name, generateRuleSet(LOOP, { era: "v1.32", hooks: true, clusterCIDR: "127.0.0.0/8" }).text);
    const endpoints = ["127.0.1.1:8080", "127.0.1.2:8080", "127.0.1.3:8080"];
    const listeners = await startListeners(ns.name, endpoints, 30);
    const result = await startTraffic(ns.name, "127.0.100.10", 80, 40, 1.5).result;
    expect(result.failed).toBe(0);
    expect(result.ok).toBeGreaterThan(20);
    const dump = await save(ns.name);
    const r = trace(parseDump(dump), {
      dst: "127.0.100.10",
      dport: 80,
      proto: "tcp",
      src: "127.0.0.1",
      fromLocal: true,
      nodeIPs: [],
    });
    expect(r.start).toBe("OUTPUT");
    expect(r.verdict.kind).toBe("dnat");
    expect(r.endpoints.map((e) => e.address)).toEqual(endpoints);
    const reached = [...listeners.accepts().keys()];
    for (const address of reached) expect(endpoints).toContain(address);
    const counters = await readDnatCounters(ns.name);
    const traced = r.branches.map((b) => b.nat.at(-1)!);
    expect(traced.map((s) => s.target)).toEqual(["DNAT", "DNAT", "DNAT"]);
    expect(traced.reduce((sum, s) => sum + (s.counters?.packets ?? 0), 0)).toBe(result.ok);
    for (const b of r.branches) expect(b.nat.at(-1)!.counters?.packets).toBe(counters.get(b.destination!)?.packets);
  });

  it("predicts REJECT for a service without endpoints, and the kernel refuses the connections there", async () => {
    const result = await startTraffic(ns.name, "127.0.100.20", 80, 20, 0.5).result;
    expect(result.ok).toBe(0);
    expect(result.failed).toBeGreaterThan(0);
    const dump = await save(ns.name);
    const r = trace(parseDump(dump), {
      dst: "127.0.100.20",
      dport: 80,
      proto: "tcp",
      src: "127.0.0.1",
      fromLocal: true,
      nodeIPs: [],
    });
    expect(r.verdict.kind).toBe("reject");
    const rule = r.branches[0]!.filter.at(-1)!;
    expect(rule).toMatchObject({ table: "filter", chain: "KUBE-SERVICES", target: "REJECT" });
    expect(rule.counters?.packets).toBeGreaterThanOrEqual(result.failed);
  });
});
