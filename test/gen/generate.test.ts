// Generator behaviour beyond the fixtures: names, probabilities, large-cluster mode, IPv6, expectations.

import { describe, expect, it } from "vitest";
import { generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { endpointChainName, serviceChainName } from "../../src/model/chain-names.ts";
import { tables } from "./rule-text.ts";

const ep = (ip: string, local = false) => ({ ip, port: 8080, local, ready: true });

function cascade(n: number): ServiceSpec {
  const endpoints = Array.from({ length: n }, (_, i) => ep(`10.244.0.${i + 1}`));
  return {
    namespace: "ns",
    name: `n${n}`,
    ports: [{ name: "http", protocol: "tcp", port: 80 }],
    clusterIP: `172.30.0.${n}`,
    endpoints,
  };
}

/** Effective shares of the written cascade, read back from the text the way the model must. */
function writtenShares(text: string, chain: string): number[] {
  const rules = tables(text)
    .get("nat")!
    .chains.get(chain)!
    .filter((r) => r.includes("-j KUBE-SEP-"));
  let rest = 1;
  return rules.map((r) => {
    const p = Number(/--probability (\S+)/.exec(r)?.[1] ?? "1");
    const share = rest * p;
    rest -= share;
    return share;
  });
}

describe("generateRuleSet", () => {
  it("names chains like kube-proxy: ns1/svc1:p80 tcp is KUBE-SVC-XPGD46QRK7WJZT7O", () => {
    const set = generateRuleSet([
      { ...cascade(1), namespace: "ns1", name: "svc1", ports: [{ name: "p80", protocol: "tcp", port: 80 }] },
    ]);
    expect(set.services[0]!.chains.svc).toBe("KUBE-SVC-XPGD46QRK7WJZT7O");
    expect(set.text).toContain(":KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]");
    expect(set.services[0]!.endpoints[0]!.chain).toBe(endpointChainName("ns1/svc1:p80", "tcp", "10.244.0.1:8080"));
  });

  it("names unnamed ports ns/name and hashes the protocol", () => {
    const svc: ServiceSpec = {
      ...cascade(1),
      namespace: "ns1",
      name: "svc1",
      ports: [{ name: "", protocol: "udp", port: 53 }],
    };
    const set = generateRuleSet([svc]);
    expect(set.services[0]!.name).toBe("ns1/svc1");
    expect(set.services[0]!.chains.svc).toBe(serviceChainName("KUBE-SVC", "ns1/svc1", "udp"));
    expect(set.text).toContain('--comment "ns1/svc1 cluster IP" -m udp -p udp -d 172.30.0.1 --dport 53');
  });

  for (const n of [1, 2, 3, 4, 5, 7, 10]) {
    it(`writes a cascade of ${n} endpoints whose shares are 1/${n} each and sum to 1`, () => {
      const set = generateRuleSet([cascade(n)]);
      const shares = writtenShares(set.text, set.services[0]!.chains.svc!);
      expect(shares).toHaveLength(n);
      for (const s of shares) expect(s).toBeCloseTo(1 / n, 9);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      const expected = set.services[0]!.endpoints;
      expect(expected.reduce((a, e) => a + e.probability, 0)).toBeCloseTo(1, 12);
      expect(expected.at(-1)!.rawProbability).toBeNull();
      if (n > 1) expect(set.text).toContain(`--probability ${(1 / n).toFixed(10)} -j`);
    });
  }

  it("writes 5-decimal probabilities when asked (old kube-proxy)", () => {
    expect(generateRuleSet([cascade(3)], { probabilityDecimals: 5 }).text).toContain("--probability 0.33333 -j");
  });

  it("drops per-endpoint comments in large-cluster mode but keeps the service ones", () => {
    const text = generateRuleSet([cascade(3)], { comments: false }).text;
    const nat = tables(text).get("nat")!;
    const endpointRules = [...nat.chains.entries()]
      .filter(([chain]) => chain.startsWith("KUBE-SEP-"))
      .flatMap(([, rules]) => rules);
    expect(endpointRules).toHaveLength(6);
    for (const r of endpointRules) expect(r).not.toContain("-m comment");
    const jumps = nat.chains
      .get(serviceChainName("KUBE-SVC", "ns/n3:http", "tcp"))!
      .filter((r) => r.includes("KUBE-SEP-"));
    for (const r of jumps) expect(r).not.toContain("-m comment");
    expect(text).toContain('--comment "ns/n3:http cluster IP"');
  });

  it("keeps not-ready endpoints out of the rules", () => {
    const svc: ServiceSpec = { ...cascade(2), endpoints: [ep("10.244.0.1"), { ...ep("10.244.0.2"), ready: false }] };
    const set = generateRuleSet([svc]);
    expect(set.text).not.toContain("10.244.0.2");
    expect(set.services[0]!.endpoints.map((e) => e.address)).toEqual(["10.244.0.1:8080"]);
  });

  it("writes IPv6 with [ip]:port targets, hashed in that form, and no IPv4-only chains", () => {
    const svc: ServiceSpec = {
      namespace: "ns",
      name: "v6",
      ports: [{ name: "http", protocol: "tcp", port: 80, nodePort: 30080 }],
      clusterIP: "FD00:10:96:0::1",
      endpoints: [{ ip: "fd00:10:244:0:0::5", port: 8080, local: true, ready: true }],
    };
    const set = generateRuleSet([svc], { family: 6 });
    const sep = endpointChainName("ns/v6:http", "tcp", "[fd00:10:244::5]:8080");
    expect(set.services[0]!.endpoints[0]).toMatchObject({ address: "[fd00:10:244::5]:8080", chain: sep });
    expect(set.text).toContain(`-A ${sep} -m comment --comment ns/v6:http -s fd00:10:244::5 -j KUBE-MARK-MASQ`);
    expect(set.text).toContain("-j DNAT --to-destination [fd00:10:244::5]:8080");
    expect(set.text).toContain("-d fd00:10:96::1 --dport 80");
    expect(set.text).toContain("-m addrtype --dst-type LOCAL ! -d ::1/128 -j KUBE-NODEPORTS");
    expect(set.text).toContain("! -s fd00:10:244::/56");
    expect(set.text).not.toContain("KUBE-FIREWALL");
  });

  it("adds hook jumps from built-in chains and kubelet's KUBE-MARK-DROP on request", () => {
    const text = generateRuleSet([cascade(1)], { era: "v1.23", hooks: true, declareKubeletChains: true }).text;
    expect(text).toContain(":PREROUTING ACCEPT [0:0]");
    expect(text).toContain('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
    expect(text).toContain('-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING');
    expect(text).toContain(":KUBE-MARK-DROP - [0:0]\n");
    expect(text).not.toContain("KUBE-PROXY-FIREWALL");
  });

  it("writes v1.23 XLB balancing comments when asked", () => {
    const svc: ServiceSpec = {
      ...cascade(3),
      ports: [{ name: "http", protocol: "tcp", port: 80, nodePort: 30001 }],
      externalTrafficPolicy: "Local",
      endpoints: [ep("10.244.0.1", true), ep("10.244.0.2", true), ep("10.244.0.3")],
    };
    const text = generateRuleSet([svc], { era: "v1.23", xlbBalancingComments: true }).text;
    expect(text).toMatch(
      /-A KUBE-XLB-\w+ -m comment --comment "Balancing rule 0 for ns\/n3:http" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-/,
    );
    expect(text).toMatch(/-A KUBE-XLB-\w+ -m comment --comment "Balancing rule 1 for ns\/n3:http" -j KUBE-SEP-/);
  });
});

describe("expected topology", () => {
  const local = (ip: string) => ep(ip, true);
  const base = {
    ports: [{ name: "http", protocol: "tcp" as const, port: 80, nodePort: 30080 }],
    clusterIP: "172.30.0.9",
  };

  it("marks local endpoints and their share through KUBE-SVL (v1.28+)", () => {
    const svc: ServiceSpec = {
      ...base,
      namespace: "ns",
      name: "etp",
      externalTrafficPolicy: "Local",
      endpoints: [local("10.244.0.1"), ep("10.244.0.2"), local("10.244.0.3")],
    };
    const [s] = generateRuleSet([svc], { era: "v1.28" }).services;
    expect(s!.chains).toMatchObject({
      svc: expect.stringMatching(/^KUBE-SVC-/),
      svl: expect.stringMatching(/^KUBE-SVL-/),
      ext: expect.stringMatching(/^KUBE-EXT-/),
      xlb: null,
    });
    expect(s!.endpoints.map((e) => [e.local, e.localProbability])).toEqual([
      [true, 0.5],
      [false, null],
      [true, 0.5],
    ]);
    expect(s!.findingCodes).toEqual([]);
  });

  it("uses KUBE-XLB for the same service in v1.23", () => {
    const svc: ServiceSpec = {
      ...base,
      namespace: "ns",
      name: "etp",
      externalTrafficPolicy: "Local",
      endpoints: [local("10.244.0.1"), ep("10.244.0.2")],
    };
    const [s] = generateRuleSet([svc], { era: "v1.23" }).services;
    expect(s!.chains).toMatchObject({ svl: null, ext: null, xlb: expect.stringMatching(/^KUBE-XLB-/) });
    expect(s!.endpoints.map((e) => e.local)).toEqual([true, false]);
  });

  it("lists only local endpoints for internalTrafficPolicy=Local without external access", () => {
    const svc: ServiceSpec = {
      namespace: "ns",
      name: "itp",
      ports: [{ name: "", protocol: "tcp", port: 80 }],
      clusterIP: "172.30.0.8",
      internalTrafficPolicy: "Local",
      endpoints: [ep("10.244.0.1"), local("10.244.0.2")],
    };
    const [s] = generateRuleSet([svc]).services;
    expect(s!.chains.svc).toBeNull();
    expect(s!.endpoints).toEqual([
      expect.objectContaining({ address: "10.244.0.2:8080", probability: 1, local: true, localProbability: 1 }),
    ]);
  });

  it("reports no-local-endpoints and drops in filter when a Local policy has nowhere to go", () => {
    const svc: ServiceSpec = {
      ...base,
      namespace: "ns",
      name: "etp",
      externalTrafficPolicy: "Local",
      endpoints: [ep("10.244.0.2")],
    };
    const set = generateRuleSet([svc]);
    expect(set.services[0]!.findingCodes).toEqual(["no-local-endpoints"]);
    expect(set.services[0]!.endpoints[0]!.local).toBeNull();
    expect(set.text).toContain(
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns/etp:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
    );
  });

  it("reports no-endpoints, rejects in filter and flags LB/external IPs as ambiguous", () => {
    const svc: ServiceSpec = {
      ...base,
      namespace: "ns",
      name: "lb",
      loadBalancerIPs: ["1.2.3.4"],
      sourceRanges: ["10.0.0.0/8"],
      affinitySeconds: 60,
      endpoints: [],
    };
    const [s] = generateRuleSet([svc]).services;
    expect(s).toMatchObject({
      endpoints: [],
      findingCodes: ["no-endpoints"],
      sourceRanges: [],
      affinitySeconds: null,
      ambiguous: ["externalIPs", "loadBalancerIPs", "type"],
    });
    expect(Object.values(s!.chains).every((c) => c === null)).toBe(true);
  });

  it("declares every expected chain and no chain it does not expect", () => {
    const services: ServiceSpec[] = [
      {
        ...base,
        namespace: "a",
        name: "lb",
        loadBalancerIPs: ["1.2.3.4"],
        sourceRanges: ["10.0.0.0/8"],
        endpoints: [ep("10.244.0.1")],
      },
      {
        ...base,
        namespace: "b",
        name: "np",
        externalTrafficPolicy: "Local",
        endpoints: [local("10.244.0.2"), ep("10.244.0.3")],
      },
      {
        namespace: "c",
        name: "itp",
        ports: [{ name: "", protocol: "tcp", port: 80 }],
        clusterIP: "172.30.0.7",
        internalTrafficPolicy: "Local",
        endpoints: [local("10.244.0.4")],
      },
    ];
    for (const era of ["v1.23", "v1.28", "v1.32"] as const) {
      const set = generateRuleSet(services, { era });
      const declared = tables(set.text)
        .get("nat")!
        .declared.filter((c) => /^KUBE-(SVC|SVL|EXT|FW|XLB|SEP)-/.test(c));
      const expected = set.services
        .flatMap((s) => [...Object.values(s.chains), ...s.endpoints.map((e) => e.chain)])
        .filter((c): c is string => c !== null);
      expect(new Set(declared)).toEqual(new Set(expected));
    }
  });
});
