// Names without comments: large-cluster mode, OpenShift SDN, recovery by hash, placeholders.

import { describe, expect, it } from "vitest";
import { chainOf, clusterIPRules, model, modelFile, save, service, withCode } from "./helpers.ts";

describe("names without comments", () => {
  it("large-cluster mode: uncommented endpoint jumps and SEPs still give endpoints and counters", () => {
    const t = modelFile("model-large-cluster.txt");
    const s = service(t, "shop/cart:http");
    expect(s.nameSource).toBe("comment");
    expect(s.endpoints.map((e) => [e.address, e.packets])).toEqual([
      ["10.244.1.5:8080", 11],
      ["10.244.2.7:8080", 9],
      ["10.244.3.9:8080", 10],
    ]);
    expect(s.endpoints.reduce((a, e) => a + e.probability, 0)).toBeCloseTo(1, 9);
    expect(t.era).toBe("large-cluster mode (no endpoint comments)");
    expect(t.findings).toEqual([]);
  });

  it("no comments at all: a port is named by its chain, with an info finding", () => {
    const t = modelFile("model-no-comments.txt");
    const anon = t.services.find((s) => s.nameSource === "chain")!;
    expect(anon.name).toMatch(/^KUBE-SVC-[A-Z2-7]{16}$/);
    expect(anon.name).toBe(anon.chains.svc);
    expect(anon).toMatchObject({ namespace: "", clusterIP: "172.30.0.11", port: 9090, protocol: "tcp" });
    expect(anon.endpoints.map((e) => e.address)).toEqual(["10.128.1.5:9090", "10.128.2.5:9090"]);
    expect(withCode(anon, "name-unknown").map((f) => f.severity)).toEqual(["info"]);
  });

  it("no comments: a name written elsewhere (a filter comment) is recovered by the chain hash", () => {
    const t = modelFile("model-no-comments.txt");
    const web = service(t, "shop/web:http");
    expect(web).toMatchObject({
      nameSource: "hash",
      namespace: "shop",
      clusterIP: "172.30.0.10",
      externalIPs: ["198.51.100.7"],
      nodePorts: [31080],
      chains: { svc: chainOf("shop/web:http"), xlb: chainOf("shop/web:http", "KUBE-XLB") },
    });
    expect(web.endpoints.map((e) => [e.address, e.local])).toEqual([["10.128.0.5:8080", false]]);
    expect(withCode(web, "name-recovered")).toHaveLength(1);
    expect(withCode(web, "no-local-endpoints")).toHaveLength(1);
    expect(t.era).toContain("no comments");
  });

  it("a second port with the same name keeps both, the second marked by its chain suffix", () => {
    const name = "prod/api:https";
    const other = chainOf("prod/other:https");
    const rules = clusterIPRules(name, "10.96.0.42", 443, ["10.244.1.2:8443"]).map((r) =>
      r.replaceAll(chainOf(name), other),
    );
    const t = model(save({ nat: [...clusterIPRules(name, "10.96.0.41", 443, ["10.244.1.1:8443"]), ...rules] }));
    expect(t.services.map((s) => s.name)).toEqual([name, `${name}@${other.slice(9)}`]);
    expect(withCode(t, "name-hash-mismatch").map((f) => f.chain)).toEqual([other]);
  });
});
