// kube-proxy's comments: which service port a rule is about, and what for.

import { describe, expect, it } from "vitest";
import { namespaceOf, parseComment } from "../../src/model/comments.ts";

describe("kube-proxy comments", () => {
  it.each([
    ["ns1/svc1:p80 cluster IP", "cluster-ip", "ns1/svc1:p80", null],
    ["ns1/svc1:p80 external IP", "external-ip", "ns1/svc1:p80", null],
    ["ns1/svc1:p80 loadbalancer IP", "loadbalancer-ip", "ns1/svc1:p80", null],
    ["ns6/svc6:p80 has no endpoints", "no-endpoints", "ns6/svc6:p80", null],
    ["ns2/svc2:p80 has no local endpoints", "no-local-endpoints", "ns2/svc2:p80", null],
    ["ns2/svc2:p80 health check node port", "health-check", "ns2/svc2:p80", null],
    ["ns4/svc4:p80 -> 10.180.0.4:80", "endpoint", "ns4/svc4:p80", "10.180.0.4:80"],
    ["ns1/svc1 -> [fd00::5]:80", "endpoint", "ns1/svc1", "[fd00::5]:80"],
    ["ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C", "firewall-drop", "ns5/svc5:p80", null],
    ["ns1/svc1:p80", "name", "ns1/svc1:p80", null],
    ["masquerade traffic for ns3/svc3:p80 external destinations", "mention", "ns3/svc3:p80", null],
    ["Balancing rule 0 for ns1/svc1:p80", "mention", "ns1/svc1:p80", null],
  ])("%j is %s of %s", (comment, kind, name, address) => {
    expect(parseComment(comment)).toMatchObject({ kind, name, address });
  });

  it("the old unnamed form keeps what was written and normalises the name", () => {
    expect(parseComment("default/web: cluster IP")).toEqual({
      kind: "cluster-ip",
      name: "default/web",
      written: "default/web:",
      address: null,
    });
  });

  it("comments that name no service port are not read", () => {
    for (const c of [null, "", "kubernetes service traffic requiring SNAT", "block incoming localnet connections"]) {
      expect(parseComment(c)).toBeNull();
    }
    expect(parseComment(`ns/svc:p ${"x".repeat(600)}`)).toBeNull();
  });

  it("the namespace is the part before the slash; placeholders have none", () => {
    expect(namespaceOf("kube-system/kube-dns:dns")).toBe("kube-system");
    expect(namespaceOf("KUBE-SVC-ABCDEFGHIJKLMNOP")).toBe("");
  });
});
