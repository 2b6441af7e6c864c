import { describe, expect, it } from "vitest";
import { era3, fixture, SKIP_NOTE, shares, tr } from "./support.ts";

const packetDump = era3("TestTracePacket.txt");
const overall = era3("TestOverallIPTablesRules.txt");

describe.skipIf(!packetDump)(`trace on kube-proxy's TestTracePacket input${SKIP_NOTE}`, () => {
  const d = packetDump!;

  it("finds no match for an address no service has", () => {
    const r = tr(d, "10.0.0.2", "10.0.0.3:80");
    expect(r.verdict.kind).toBe("no-match");
    expect(r.endpoints).toEqual([]);
    expect(r.masquerade).toBe("no");
    expect(r.start).toBe("PREROUTING");
  });

  it("DNATs a cluster IP with one endpoint, rule by rule", () => {
    const r = tr(d, "10.0.0.2", "172.30.0.41:80");
    expect(r.verdict).toEqual({ kind: "dnat", sentence: "DNAT to 10.180.0.1:80 (100.0%)" });
    expect(r.service).toBe("ns1/svc1:p80");
    expect(r.branches).toHaveLength(1);
    expect(r.branches[0]!.nat.map((s) => s.chain)).toEqual([
      "PREROUTING",
      "KUBE-SERVICES",
      "KUBE-SVC-XPGD46QRK7WJZT7O",
      "KUBE-SEP-SXIVWICOYRO3J4NJ",
    ]);
    expect(r.branches[0]!.nat.every((s) => s.matched && s.line > 0 && s.raw.startsWith("-A "))).toBe(true);
    expect(r.masquerade).toBe("no");
  });

  it("follows every statistic branch to enumerate several endpoints with their shares", () => {
    const r = tr(d, "10.0.0.2", "172.30.0.44:80");
    expect(shares(r)).toEqual({ "10.180.0.4:80": 0.5, "10.180.0.5:80": 0.5 });
    const [first, second] = r.branches;
    const taken = first!.nat.find((s) => s.probability !== null)!;
    expect(taken).toMatchObject({ chain: "KUBE-SVC-4SW47YFZTEDKD3PK", matched: true, probability: 0.5 });
    const passed = second!.nat.find((s) => s.probability !== null)!;
    expect(passed).toMatchObject({ matched: false, probability: 0.5 });
    expect(r.verdict.sentence).toBe("DNAT to 10.180.0.4:80 (50.0%), 10.180.0.5:80 (50.0%)");
  });

  it("masquerades a connection the node opens to an external IP of an ETP=Local service", () => {
    const r = tr(d, "192.168.0.2", "192.168.99.22:80");
    expect(r.start).toBe("OUTPUT");
    expect(r.verdict.kind).toBe("dnat");
    expect(shares(r)).toEqual({ "10.180.0.2:80": 1 });
    expect(r.masquerade).toBe("yes");
    expect(r.branches[0]!.nat.some((s) => s.target === "KUBE-MARK-MASQ")).toBe(true);
  });

  it("also treats --from-local without an address as the node", () => {
    const r = tr(d, null, "192.168.99.22:80", { fromLocal: true });
    expect(r.packet.src).toBe("192.168.0.2");
    expect(r.masquerade).toBe("yes");
  });

  it("DROPs outside traffic to an ETP=Local external IP with no local endpoints", () => {
    const r = tr(d, "203.0.113.9", "192.168.99.22:80");
    expect(r.verdict.kind).toBe("drop");
    expect(r.verdict.sentence).toContain("filter KUBE-EXTERNAL-SERVICES");
    expect(r.verdict.sentence).toContain("ns2/svc2:p80 has no local endpoints");
    expect(r.endpoints).toEqual([]);
    expect(r.branches[0]!.filter.at(-1)).toMatchObject({ table: "filter", target: "DROP", matched: true });
  });

  it("REJECTs a cluster IP without endpoints in the filter table", () => {
    const r = tr(d, "10.0.0.2", "172.30.0.46:80");
    expect(r.verdict.kind).toBe("reject");
    expect(r.verdict.sentence).toMatch(/^REJECT by filter KUBE-SERVICES line \d+ \(ns6\/svc6:p80 has no endpoints\)/);
    expect(r.service).toBe("ns6/svc6:p80");
  });

  it("DNATs a node port on a node address and masquerades it", () => {
    const r = tr(d, "203.0.113.9", "192.168.1.2:3003");
    expect(shares(r)).toEqual({ "10.180.0.3:80": 1 });
    expect(r.masquerade).toBe("yes");
    expect(r.branches[0]!.nat.map((s) => s.chain)).toContain("KUBE-NODEPORTS");
  });

  it("does not treat a node port on a foreign address as local", () => {
    expect(tr(d, "203.0.113.9", "192.168.7.7:3003").verdict.kind).toBe("no-match");
  });

  it("lets an allowed source reach a load balancer with source ranges", () => {
    const r = tr(d, "203.0.113.9", "5.6.7.8:80");
    expect(r.verdict.kind).toBe("dnat");
    expect(shares(r)).toEqual({ "10.180.0.3:80": 1 });
    expect(r.branches[0]!.nat.map((s) => s.chain)).toContain("KUBE-FW-NUKIZ6OKUXPJNT4C");
  });

  it("DROPs a source outside the load balancer's source ranges in KUBE-PROXY-FIREWALL", () => {
    const r = tr(d, "198.51.100.7", "5.6.7.8:80");
    expect(r.verdict.kind).toBe("drop");
    expect(r.verdict.sentence).toContain("KUBE-PROXY-FIREWALL");
    expect(r.endpoints).toEqual([]);
  });

  it("ACCEPTs the health check node port from the node itself", () => {
    const r = tr(d, "192.168.0.2", "192.168.0.2:30000");
    expect(r.verdict.kind).toBe("accept");
    expect(r.verdict.sentence).toContain("health check node port");
  });
});

describe.skipIf(!overall)(`trace on kube-proxy's TestOverallIPTablesRules output${SKIP_NOTE}`, () => {
  const d = overall!;

  it("starts at KUBE-SERVICES when the dump has no built-in chains, and says so", () => {
    const r = tr(d, "10.0.0.2", "172.30.0.41:80");
    expect(r.start).toBe("KUBE-SERVICES");
    expect(r.notes).toContain("the dump has no nat PREROUTING rules: the walk starts at KUBE-SERVICES");
    expect(shares(r)).toEqual({ "10.180.0.1:80": 1 });
  });

  it("notes session affinity without counting the --rcheck rule as an endpoint", () => {
    const r = tr(d, "10.0.0.2", "172.30.0.45:80");
    expect(shares(r)).toEqual({ "10.180.0.3:80": 1 });
    expect(r.branches).toHaveLength(1);
    const check = r.branches[0]!.nat.find((s) => s.raw.includes("--rcheck"))!;
    expect(check).toMatchObject({ matched: false, probability: null });
    expect(check.note).toMatch(/^session affinity: a client seen in the last 10800 s goes back to its endpoint/);
    expect(r.notes.some((n) => n.startsWith("session affinity"))).toBe(true);
  });

  it("reaches a node port on localhost through the nfacct rule", () => {
    const r = tr(d, null, "127.0.0.1:3001", { fromLocal: true });
    expect(shares(r)).toEqual({ "10.180.0.2:80": 1 });
    expect(r.branches[0]!.nat.some((s) => s.raw.includes("127.0.0.0/8") && s.matched)).toBe(true);
  });

  it("masquerades outside traffic to an external IP of an ETP=Cluster service", () => {
    const r = tr(d, "203.0.113.9", "192.168.99.33:80");
    expect(shares(r)).toEqual({ "10.180.0.4:80": 0.5, "10.180.0.5:80": 0.5 });
    expect(r.masquerade).toBe("yes");
  });

  it("masquerades hairpin traffic only on the branch back to the sending pod", () => {
    const r = tr(d, "10.180.0.4", "172.30.0.44:80");
    expect(r.masquerade).toBe("some");
    expect(r.endpoints.find((e) => e.address === "10.180.0.4:80")?.masquerade).toBe(true);
    expect(r.endpoints.find((e) => e.address === "10.180.0.5:80")?.masquerade).toBe(false);
  });

  it("does not match a UDP packet against TCP rules", () => {
    expect(tr(d, "10.0.0.2", "172.30.0.41:80", { proto: "udp" }).verdict.kind).toBe("no-match");
  });
});

describe.skipIf(!packetDump)(`trace on partial and era1 dumps${SKIP_NOTE}`, () => {
  it("reports a dangling jump in a partial-sync payload", () => {
    const r = tr(era3("TestSyncProxyRulesRepeated-3.txt")!, "10.0.0.2", "172.30.0.41:80");
    expect(r.verdict.kind).toBe("dangling");
    expect(r.branches[0]!.missingChain).toBe("KUBE-SVC-XPGD46QRK7WJZT7O");
    expect(r.verdict.sentence).toContain("KUBE-SVC-XPGD46QRK7WJZT7O");
  });

  it("sends outside traffic for an ETP=Local external IP only to the local endpoint, unmasqueraded (era2 KUBE-SVL)", () => {
    const d = fixture("era2-v1.28-dev/TestOnlyLocalExternalIPs.txt")!;
    const outside = tr(d, "203.0.113.9", "192.168.99.11:80", { nodeIPs: [] });
    expect(shares(outside)).toEqual({ "10.180.2.1:80": 1 });
    expect(outside.masquerade).toBe("no");
    expect(outside.branches[0]!.nat.map((s) => s.chain)).toContain("KUBE-SVL-XPGD46QRK7WJZT7O");
    const pod = tr(d, "10.0.5.5", "192.168.99.11:80", { nodeIPs: [] });
    expect(shares(pod)).toEqual({ "10.180.0.1:80": 0.5, "10.180.2.1:80": 0.5 });
  });

  it("lets an external-IP rule listed before the load-balancer rule win, as the era1 kernel would", () => {
    // era1 TestLoadBalancer: 1.2.3.4 is both an external IP and the LB IP; KUBE-SERVICES matches the external IP first
    const d = fixture("era1-v1.24-dev/TestLoadBalancer.txt")!;
    const r = tr(d, "198.51.100.7", "1.2.3.4:80");
    expect(r.verdict.kind).toBe("dnat");
    expect(r.branches[0]!.nat[0]!.comment).toBe("ns1/svc1:p80 external IP");
    expect(r.branches[0]!.nat.map((s) => s.chain)).not.toContain("KUBE-FW-XPGD46QRK7WJZT7O");
  });
});
