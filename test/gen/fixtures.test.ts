// The generator writes what kube-proxy wrote: for the setups of kube-proxy's own unit tests, the same rules
// (chain by chain, order within a chain kept) as the shared fixtures.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type GenOptions, generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { sharedFixtures } from "../support/paths.ts";
import { normalized } from "./rule-text.ts";

const ep = (ip: string, local = false, ready = true, port = 80) => ({ ip, port, local, ready });
const p80 = { name: "p80", protocol: "tcp" as const, port: 80 };

// kube-proxy's TestOverallIPTablesRules setup (era2; era3 adds ClientIP affinity on svc5).
function overall(affinity: number | null): ServiceSpec[] {
  return [
    { namespace: "ns1", name: "svc1", ports: [p80], clusterIP: "172.30.0.41", endpoints: [ep("10.180.0.1")] },
    {
      namespace: "ns2",
      name: "svc2",
      ports: [{ ...p80, nodePort: 3001 }],
      clusterIP: "172.30.0.42",
      externalIPs: ["192.168.99.22"],
      loadBalancerIPs: ["1.2.3.4"],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 30000,
      endpoints: [ep("10.180.0.2")],
    },
    {
      namespace: "ns3",
      name: "svc3",
      ports: [{ ...p80, nodePort: 3003 }],
      clusterIP: "172.30.0.43",
      endpoints: [ep("10.180.0.3")],
    },
    {
      namespace: "ns4",
      name: "svc4",
      ports: [p80],
      clusterIP: "172.30.0.44",
      externalIPs: ["192.168.99.33"],
      endpoints: [ep("10.180.0.4"), ep("10.180.0.5", true)],
    },
    {
      namespace: "ns5",
      name: "svc5",
      ports: [{ ...p80, nodePort: 3002 }],
      clusterIP: "172.30.0.45",
      loadBalancerIPs: ["5.6.7.8"],
      sourceRanges: ["203.0.113.0/25"],
      affinitySeconds: affinity,
      endpoints: [ep("10.180.0.3")],
    },
    { namespace: "ns6", name: "svc6", ports: [p80], clusterIP: "172.30.0.46", endpoints: [] },
  ];
}

const cases: { file: string; services: ServiceSpec[]; options: GenOptions; only?: "nat" }[] = [
  {
    file: "era3-2025-newest/TestOverallIPTablesRules.txt",
    services: overall(10800),
    options: { era: "v1.32", nfacct: true },
  },
  {
    file: "era2-v1.28-dev/TestOverallIPTablesRulesWithMultipleServices.txt",
    services: overall(null),
    options: { era: "v1.28" },
  },
  {
    file: "era2-v1.28-dev/TestLoadBalancer.txt",
    services: [
      {
        namespace: "ns1",
        name: "svc1",
        ports: [{ ...p80, nodePort: 3001 }],
        clusterIP: "172.30.0.41",
        loadBalancerIPs: ["1.2.3.4", "5.6.7.8"],
        sourceRanges: ["192.168.0.0/24", "203.0.113.0/25"],
        endpoints: [ep("10.180.0.1")],
      },
    ],
    options: { era: "v1.28", nodeIP: "192.168.0.2" },
  },
  {
    file: "era2-v1.28-dev/TestInternalTrafficPolicyE2E-2.txt",
    services: [
      {
        namespace: "ns1",
        name: "svc1",
        ports: [{ name: "", protocol: "tcp", port: 80 }],
        clusterIP: "172.30.1.1",
        internalTrafficPolicy: "Local",
        endpoints: [ep("10.0.1.1", true), ep("10.0.1.2"), ep("10.0.1.3")],
      },
    ],
    options: { era: "v1.28" },
    only: "nat",
  },
  {
    file: "era2-v1.28-dev/TestClusterIPEndpointsMore.txt",
    services: [
      {
        namespace: "ns1",
        name: "svc1",
        ports: [{ name: "p80", protocol: "sctp", port: 80 }],
        clusterIP: "172.30.0.41",
        endpoints: [ep("10.180.0.1")],
      },
    ],
    options: { era: "v1.28" },
  },
  {
    file: "era1-v1.24-dev/TestOnlyLocalLoadBalancing.txt",
    services: [
      {
        namespace: "ns1",
        name: "svc1",
        ports: [{ ...p80, nodePort: 3001 }],
        clusterIP: "10.20.30.41",
        loadBalancerIPs: ["1.2.3.4"],
        externalTrafficPolicy: "Local",
        affinitySeconds: 10800,
        endpoints: [ep("10.180.0.1"), ep("10.180.2.1", true)],
      },
    ],
    options: { era: "v1.23", clusterCIDR: "10.0.0.0/24" },
  },
  {
    file: "era1-v1.24-dev/TestLoadBalancer.txt",
    services: [
      {
        namespace: "ns1",
        name: "svc1",
        ports: [{ ...p80, nodePort: 3001 }],
        clusterIP: "10.20.30.41",
        externalIPs: ["1.2.3.4"],
        loadBalancerIPs: ["1.2.3.4"],
        sourceRanges: ["1.2.3.4/28"],
        endpoints: [ep("10.180.0.1")],
      },
    ],
    options: { era: "v1.23", clusterCIDR: "10.0.0.0/24" },
  },
  {
    file: "era1-v1.24-dev/TestEndpointSliceE2E.txt",
    services: [
      {
        namespace: "ns1",
        name: "svc1",
        ports: [{ name: "", protocol: "tcp", port: 0 }],
        clusterIP: "172.20.1.1",
        endpoints: [ep("10.0.1.1", true), ep("10.0.1.2"), ep("10.0.1.3"), ep("10.0.1.4", false, false)],
      },
    ],
    options: { era: "v1.23", clusterCIDR: "10.0.0.0/24" },
  },
  {
    file: "era1-v1.24-dev/TestHealthCheckNodePortE2E.txt",
    services: [
      {
        namespace: "ns1",
        name: "svc1",
        ports: [{ name: "", protocol: "tcp", port: 0, nodePort: 30010 }],
        clusterIP: "172.20.1.1",
        externalTrafficPolicy: "Local",
        healthCheckNodePort: 30000,
        endpoints: [ep("10.0.1.1", true), ep("10.0.1.2"), ep("10.0.1.3"), ep("10.0.1.4", false, false)],
      },
    ],
    options: { era: "v1.23", clusterCIDR: "10.0.0.0/24" },
  },
];

describe.skipIf(sharedFixtures === null)("generated rules match kube-proxy's own test dumps", () => {
  for (const c of cases) {
    it(`writes the rules of ${c.file}`, () => {
      const want = normalized(readFileSync(join(sharedFixtures!, "kube-proxy-tests", c.file), "utf8"));
      const got = normalized(generateRuleSet(c.services, c.options).text);
      if (c.only) expect(got[c.only]).toEqual(want[c.only]);
      else expect(got).toEqual(want);
    });
  }

  it("writes the era3 Overall fixture byte for byte, in its order", () => {
    const want = readFileSync(
      join(sharedFixtures!, "kube-proxy-tests/era3-2025-newest/TestOverallIPTablesRules.txt"),
      "utf8",
    );
    expect(generateRuleSet(overall(10800), { era: "v1.32", nfacct: true }).text).toBe(want);
  });
});
