// The model on kube-proxy's own test dumps (../shared/fixtures): each .expected.md topology, and no false alarms.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Service, Topology } from "../../src/model/types.ts";
import { sharedFixtures } from "../support/paths.ts";
import { model, service, withCode } from "./helpers.ts";
import { ERA1_OVERALL, modernOverall, type Svc } from "./overall-expected.ts";

const root = sharedFixtures === null ? null : join(sharedFixtures, "kube-proxy-tests");
const load = (path: string): Topology => model(readFileSync(join(root!, path), "utf8"));

function expectService(s: Service, want: Svc): void {
  const { endpoints, findings, ...fields } = want;
  expect({
    name: s.name,
    type: s.type,
    protocol: s.protocol,
    clusterIP: s.clusterIP,
    port: s.port,
    nodePorts: s.nodePorts,
    externalIPs: s.externalIPs,
    loadBalancerIPs: s.loadBalancerIPs,
    sourceRanges: s.sourceRanges,
    affinitySeconds: s.affinitySeconds,
    chains: s.chains,
  }).toEqual(fields);
  expect(
    s.endpoints.map((e) => ({ address: e.address, chain: e.chain, rawProbability: e.rawProbability, local: e.local })),
  ).toEqual(
    endpoints.map((e) => ({ address: e.address, chain: e.chain, rawProbability: e.rawProbability, local: e.local })),
  );
  for (const [i, e] of endpoints.entries()) expect(s.endpoints[i]!.probability).toBeCloseTo(e.probability, 9);
  const loud = s.findings.filter((f) => f.severity !== "info").map((f) => f.code);
  expect(loud.sort()).toEqual([...findings].sort());
}

function expectTopology(t: Topology, want: readonly Svc[]): void {
  expect(t.services.map((s) => s.name)).toEqual(want.map((s) => s.name));
  for (const [i, w] of want.entries()) expectService(t.services[i]!, w);
}

// Error findings each fixture must show; every other fixture must show none.
const EXPECTED_ERRORS: Record<string, readonly string[]> = {
  "era1-v1.24-dev/TestClusterIPReject.txt": ["no-endpoints"],
  "era1-v1.24-dev/TestExternalIPsReject.txt": ["no-endpoints"],
  "era1-v1.24-dev/TestHealthCheckNodePort.txt": ["no-endpoints"],
  "era2-v1.28-dev/TestOverallIPTablesRulesWithMultipleServices.txt": ["no-endpoints"],
  "era3-2025-newest/TestOverallIPTablesRules.txt": ["no-endpoints"],
  "era3-2025-newest/TestTracePacket.txt": ["no-endpoints"],
};

if (root === null || !existsSync(root)) {
  describe("the model on kube-proxy's test fixtures", () => {
    it.skip("skipped: ../shared/fixtures does not exist beside the project", () => {});
  });
} else {
  const eras = readdirSync(root).filter((d) => d.startsWith("era"));
  const files = eras.flatMap((era) =>
    readdirSync(join(root, era))
      .filter((f) => f.endsWith(".txt"))
      .map((f) => `${era}/${f}`),
  );

  describe("the .expected.md topologies", () => {
    it("era1 TestOverallIPTablesRulesWithMultipleServices: shared cluster IP and node port, XLB, KUBE-FW", () => {
      expectTopology(load("era1-v1.24-dev/TestOverallIPTablesRulesWithMultipleServices.txt"), ERA1_OVERALL);
    });

    it("era2 TestOverallIPTablesRulesWithMultipleServices: KUBE-EXT, source ranges, a service without endpoints", () => {
      expectTopology(load("era2-v1.28-dev/TestOverallIPTablesRulesWithMultipleServices.txt"), modernOverall(null));
    });

    it("era3 TestOverallIPTablesRules: nfacct node-port duplicates counted once, ClientIP affinity on svc5", () => {
      expectTopology(load("era3-2025-newest/TestOverallIPTablesRules.txt"), modernOverall(10800));
    });

    it("era3 TestTracePacket: the same topology without affinity, despite its unquoted hook comments", () => {
      const t = load("era3-2025-newest/TestTracePacket.txt");
      expectTopology(t, modernOverall(null));
      expect(withCode(t, "unparsed-lines").map((f) => f.severity)).toEqual(["warning"]);
    });

    it("the era is guessed from the rule shapes", () => {
      expect(load("era1-v1.24-dev/TestOverallIPTablesRulesWithMultipleServices.txt").era).toBe("≤1.23 (KUBE-XLB)");
      expect(load("era2-v1.28-dev/TestOverallIPTablesRulesWithMultipleServices.txt").era).toBe(
        "1.25+ (KUBE-PROXY-FIREWALL)",
      );
    });

    it("a health-check node port is read from the filter table", () => {
      const t = load("era3-2025-newest/TestOverallIPTablesRules.txt");
      expect(service(t, "ns2/svc2:p80").healthCheckNodePort).toBe(30000);
      expect(service(t, "ns1/svc1:p80").healthCheckNodePort).toBeNull();
    });
  });

  describe("every iptables fixture", () => {
    it("is found", () => {
      expect(files.length).toBeGreaterThanOrEqual(25);
    });

    it.each(files)("%s has no error findings except the expected ones", (file) => {
      const errors = load(file)
        .findings.filter((f) => f.severity === "error")
        .map((f) => f.code);
      expect(errors).toEqual(EXPECTED_ERRORS[file] ?? []);
    });
  });

  describe("other fixtures' topologies", () => {
    it("iTP=Local (era2) jumps straight to KUBE-SVL: endpoints come from it and are all local", () => {
      const s = service(load("era2-v1.28-dev/TestInternalTrafficPolicyE2E-2.txt"), "ns1/svc1");
      expect(s.chains).toEqual({ svc: null, svl: "KUBE-SVL-AQI2S6QIMU7PVVRP", ext: null, fw: null, xlb: null });
      expect(s.endpoints).toMatchObject([
        {
          address: "10.0.1.1:80",
          chain: "KUBE-SEP-3JOIVZTXZZRGORX4",
          probability: 1,
          local: true,
          localProbability: 1,
        },
      ]);
    });

    it("endpoints only in KUBE-SVL follow the service chain's, with no cluster share", () => {
      const s = service(
        load("era2-v1.28-dev/TestEndpointSliceWithTerminatingEndpointsTrafficPolicyLocal-3.txt"),
        "ns1/svc1",
      );
      expect(s.affinitySeconds).toBe(10800);
      expect(s.endpoints).toMatchObject([
        { address: "10.0.1.5:80", probability: 1, local: false, localProbability: null, inServiceChain: true },
        { address: "10.0.1.2:80", probability: 0, local: true, localProbability: 0.5, localRawProbability: 0.5 },
        { address: "10.0.1.3:80", probability: 0, local: true, localProbability: 0.5, localRawProbability: null },
      ]);
      expect(s.endpoints.filter((e) => e.inServiceChain === false)).toHaveLength(2);
    });

    it("KUBE-XLB shares split the local endpoints; affinity rcheck jumps are not endpoints", () => {
      const s = service(load("era1-v1.24-dev/Test_EndpointSliceWithTerminatingEndpoints-1.txt"), "ns1/svc1");
      expect(s.affinitySeconds).toBe(10800);
      expect(s.endpoints.map((e) => [e.address, e.local, e.localProbability])).toEqual([
        ["10.0.1.1:80", true, 0.5],
        ["10.0.1.2:80", true, 0.5],
        ["10.0.1.5:80", false, null],
      ]);
      expect(s.endpoints.map((e) => e.rawProbability)).toEqual([0.3333333333, 0.5, null]);
      for (const e of s.endpoints) expect(e.probability).toBeCloseTo(1 / 3, 9);
    });

    it("a port known only from filter REJECTs gets its cluster IP, node port, health check and empty KUBE-XLB", () => {
      const s = service(load("era1-v1.24-dev/TestHealthCheckNodePort.txt"), "ns1/svc1:p80");
      expect(s).toMatchObject({
        clusterIP: "10.20.30.42",
        port: 80,
        nodePorts: [3001],
        healthCheckNodePort: 30000,
        type: "NodePort",
        endpoints: [],
      });
      expect(s.chains.xlb).toBe("KUBE-XLB-XPGD46QRK7WJZT7O");
      expect(withCode(s, "no-endpoints")).toHaveLength(1);
    });

    it("an external IP known only from KUBE-EXTERNAL-SERVICES REJECT is listed", () => {
      const s = service(load("era1-v1.24-dev/TestExternalIPsReject.txt"), "ns1/svc1:p80");
      expect(s).toMatchObject({ clusterIP: "10.20.30.41", externalIPs: ["50.60.70.81"], type: "ExternalIP" });
    });

    it("SCTP and unnamed ports with --dport 0 are read as written", () => {
      expect(service(load("era2-v1.28-dev/TestClusterIPEndpointsMore.txt"), "ns1/svc1:p80").protocol).toBe("sctp");
      const e2e = service(load("era1-v1.24-dev/TestEndpointSliceE2E.txt"), "ns1/svc1");
      expect(e2e.port).toBe(0);
      expect(e2e.endpoints.map((e) => e.address)).toEqual(["10.0.1.1:80", "10.0.1.2:80", "10.0.1.3:80"]);
    });

    it("two LB ingress IPs and the implicit `-s <LB IP>` allows: only the configured ranges are source ranges", () => {
      const s = service(load("era2-v1.28-dev/TestLoadBalancer.txt"), "ns1/svc1:p80");
      expect(s.loadBalancerIPs).toEqual(["1.2.3.4", "5.6.7.8"]);
      expect(s.sourceRanges).toEqual(["192.168.0.0/24", "203.0.113.0/25"]);
      expect(withCode(s, "lb-source-ranges").map((f) => f.severity)).toEqual(["info"]);
    });

    it("a partial-sync payload: the rewritten service resolves, the others are incomplete with info findings", () => {
      const t = load("era2-v1.28-dev/TestSyncProxyRulesRepeated-6.txt");
      expect(service(t, "ns3/svc3:p80").endpoints.map((e) => e.address)).toEqual(["10.0.3.2:80"]);
      expect(service(t, "ns3/svc3:p80").incomplete).toBe(false);
      for (const name of ["ns1/svc1:p80", "ns4/svc4:p80"]) {
        const s = service(t, name);
        expect(s.incomplete).toBe(true);
        expect(s.endpoints).toEqual([]);
        expect(s.findings.map((f) => [f.code, f.severity])).toEqual([["dangling-jump", "info"]]);
      }
      expect(t.findings.some((f) => f.severity !== "info")).toBe(false);
      expect(withCode(t, "partial-sync-payload")).toHaveLength(1);
    });

    it("a payload deleting a service's chains with -X does not report them as orphans", () => {
      const t = load("era3-2025-newest/TestSyncProxyRulesRepeated-3.txt");
      expect(t.services.map((s) => s.name)).toEqual(["ns1/svc1:p80", "ns3/svc3:p80"]);
      expect(withCode(t, "orphan-chain")).toEqual([]);
    });

    it("large-cluster mode's uncommented SEP rules still give addresses", () => {
      const t = load("era3-2025-newest/fragments/TestSyncProxyRulesLargeClusterMode.lines.txt");
      const orphans = withCode(t, "orphan-chain").map((f) => f.message);
      expect(orphans.some((m) => m.includes("KUBE-SEP-RUVVH7YV3PHQBDOS (→ 203.0.113.4:8081)"))).toBe(true);
    });
  });
}
