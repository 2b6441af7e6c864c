import { describe, expect, it } from "vitest";
import { dumpVerdict, verdictOf, verdictsOf } from "../../src/verdict/index.ts";
import { finding, svc, topo } from "./make.ts";

const NAME = "ns1/web:http";

describe("verdictOf: from findings", () => {
  it("calls a service without findings healthy and counts its endpoints", () => {
    const v = verdictOf(svc(NAME, { packets: [null, null, null] }));
    expect(v).toMatchObject({ status: "ok", codes: [], skew: null });
    expect(v.sentence).toBe("healthy on this node: 3 endpoints");
  });

  it("says connections are refused when the service has no endpoints", () => {
    const v = verdictOf(
      svc(NAME, { packets: [], findings: [finding("no-endpoints", "error", NAME, "KUBE-SERVICES")] }),
    );
    expect(v.status).toBe("error");
    expect(v.sentence).toBe("connections are refused: the service has no ready endpoints");
    expect(v.codes).toEqual(["no-endpoints"]);
  });

  it("says traffic arriving at this node is dropped for externalTrafficPolicy Local without local endpoints", () => {
    const f = finding("no-local-endpoints", "error", NAME, "KUBE-EXTERNAL-SERVICES");
    const v = verdictOf(svc(NAME, { findings: [f], patch: { nodePorts: [30080] } }));
    expect(v.status).toBe("error");
    expect(v.sentence).toMatch(/^traffic arriving at this node is dropped: externalTrafficPolicy is Local/);
  });

  it("names internalTrafficPolicy when the DROP is on the cluster IP", () => {
    const f = finding("no-local-endpoints", "warning", NAME, "KUBE-SERVICES");
    const v = verdictOf(svc(NAME, { findings: [f] }));
    expect(v.status).toBe("warning");
    expect(v.sentence).toMatch(/^connections from pods on this node are dropped: internalTrafficPolicy is Local/);
  });

  it("falls back to the service's frontends when the finding names no chain", () => {
    const f = finding("no-local-endpoints", "error", NAME, null);
    expect(verdictOf(svc(NAME, { findings: [f], patch: { loadBalancerIPs: ["1.2.3.4"] } })).sentence).toMatch(
      /externalTrafficPolicy/,
    );
    expect(verdictOf(svc(NAME, { findings: [f] })).sentence).toMatch(/internalTrafficPolicy/);
  });

  it.each([
    ["unresolved-endpoint", /^stale rules: an endpoint has no usable DNAT target/],
    ["dangling-jump", /^stale rules: a jump points to a chain that is not in the dump/],
    ["orphan-chain", /^stale rules: chains are left over that nothing jumps to/],
  ])("explains %s as stale rules", (code, sentence) => {
    const v = verdictOf(svc(NAME, { findings: [finding(code, "warning", NAME)] }));
    expect(v.status).toBe("warning");
    expect(v.sentence).toMatch(sentence);
    expect(v.sentence).toContain("kube-proxy may have stopped syncing");
  });

  it("says how much traffic falls through a cascade with a gap", () => {
    const f = finding("probability-gap", "warning", NAME);
    const v = verdictOf(svc(NAME, { findings: [f], probabilities: [0.5, 0.25] }));
    expect(v.sentence).toBe(
      "about 25.0% of new connections find no endpoint: the endpoint cascade can fall through (its last jump is conditional)",
    );
  });

  it("names the allowed source ranges of a load balancer; as a note the service stays healthy", () => {
    const f = finding("lb-source-ranges", "info", NAME, "KUBE-FW-X");
    const s = svc(NAME, { packets: [null], findings: [f], patch: { sourceRanges: ["203.0.113.0/25"] } });
    const v = verdictOf(s);
    expect(v.status).toBe("ok");
    expect(v.sentence).toBe(
      "healthy on this node: 1 endpoint; load-balancer traffic from outside 203.0.113.0/25 is dropped (loadBalancerSourceRanges)",
    );
    expect(v.codes).toEqual(["lb-source-ranges"]);
  });

  it("lets the worst problem name the verdict and lists every code, most important first", () => {
    const findings = [
      finding("orphan-chain", "warning", NAME),
      finding("lb-source-ranges", "warning", NAME),
      finding("no-endpoints", "error", NAME),
      finding("orphan-chain", "warning", NAME),
    ];
    const v = verdictOf(svc(NAME, { packets: [], findings }));
    expect(v.status).toBe("error");
    expect(v.sentence).toBe("connections are refused: the service has no ready endpoints");
    expect(v.codes).toEqual(["no-endpoints", "orphan-chain", "lb-source-ranges"]);
    expect(v.reasons).toHaveLength(3);
  });

  it("uses the model's message for codes it does not know", () => {
    const v = verdictOf(svc(NAME, { findings: [finding("brand-new-code", "warning", NAME)] }));
    expect(v).toMatchObject({ status: "warning", sentence: "model says brand-new-code", codes: ["brand-new-code"] });
  });

  it("keeps the model's words for notes, as a clause", () => {
    const f = {
      ...finding("dangling-jump", "info", NAME),
      message: "KUBE-SERVICES jumps to KUBE-SVC-X, not in this payload.",
    };
    const v = verdictOf(svc(NAME, { packets: [], findings: [f] }));
    expect(v.status).toBe("ok");
    expect(v.sentence).toBe(
      "no problem found, though this dump shows no endpoints for it; KUBE-SERVICES jumps to KUBE-SVC-X, not in this payload",
    );
    const g = { ...finding("partial-sync-payload", "info", null), message: "This is restore input." };
    expect(dumpVerdict(topo([], [g])).sentence).toBe(
      "kube-proxy's rules read cleanly: 0 service ports; this is restore input",
    );
  });
});

describe("dumpVerdict", () => {
  it.each([
    ["legacy-tables-present", /^split brain: rules exist in both iptables-legacy and iptables-nft/],
    ["ipvs-mode", /^kube-proxy runs in IPVS mode here/],
    ["nftables-mode", /^kube-proxy runs in nftables mode here/],
    ["truncated-input", /^the dump looks cut off/],
  ])("explains %s at dump level", (code, sentence) => {
    const v = dumpVerdict(topo([svc(NAME)], [finding(code, "warning", null)]));
    expect(v.status).toBe("warning");
    expect(v.sentence).toMatch(sentence);
  });

  it("ignores service findings and reads cleanly without dump findings", () => {
    const v = dumpVerdict(topo([svc(NAME, { findings: [finding("no-endpoints", "error", NAME)] })]));
    expect(v).toMatchObject({ status: "ok", sentence: "kube-proxy's rules read cleanly: 1 service port", codes: [] });
  });
});

describe("verdictsOf", () => {
  it("gives every service a verdict and the worst status overall", () => {
    const t = topo(
      [svc("a/one:p"), svc("b/two:p", { findings: [finding("dangling-jump", "warning", "b/two:p")] })],
      [],
    );
    const vs = verdictsOf(t);
    expect(vs.status).toBe("warning");
    expect(vs.services.get("a/one:p")?.status).toBe("ok");
    expect(vs.services.get("b/two:p")?.codes).toEqual(["dangling-jump"]);
    expect(vs.dump.status).toBe("ok");
  });

  it("is an error overall when the dump itself is", () => {
    expect(verdictsOf(topo([svc(NAME)], [finding("ipvs-mode", "error", null)])).status).toBe("error");
  });
});
