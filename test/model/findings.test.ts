// Each finding code on a small dump made for it (test/fixtures/dumps/model-*.txt).

import { describe, expect, it } from "vitest";
import type { ParsedDump } from "../../grammar/types.ts";
import { buildTopology } from "../../src/model/index.ts";
import { chainOf, model, modelFile, save, sepOf, service, withCode } from "./helpers.ts";

const CART = "shop/cart:http";

describe("unresolved endpoints are listed with a null address, never an invented one", () => {
  it.each([
    ["model-dnat-empty-target.txt", "the DNAT target is empty"],
    ["model-dnat-zero-target.txt", "unspecified address"],
    ["model-dnat-garbled-target.txt", "is not an address"],
    ["model-dnat-missing.txt", "has no DNAT rule"],
  ])("%s: an error naming the problem", (file, problem) => {
    const t = modelFile(file);
    const s = service(t, CART);
    expect(s.endpoints.map((e) => e.address)).toEqual(["10.244.1.5:8080", null]);
    expect(s.endpoints[1]!.chain).toMatch(/^KUBE-SEP-/);
    expect(s.endpoints[1]!.probability).toBeCloseTo(0.5, 9);
    const [f, ...rest] = withCode(s, "unresolved-endpoint");
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: "error", service: CART, chain: s.endpoints[1]!.chain, line: 14 });
    expect(f!.message).toContain(problem);
    // the jump comment names 10.244.2.7:8080, but the chain exists: its DNAT rule is what counts
    expect(JSON.stringify(s)).not.toContain('10.244.2.7:8080"');
  });

  it("an absent SEP chain takes its address from the jump comment, and its counters from the jumps", () => {
    const s = service(modelFile("model-sep-absent.txt"), CART);
    expect(s.endpoints).toMatchObject([
      { address: "10.244.1.5:8080", addressSource: "comment", packets: 7, bytes: 420, rawProbability: 0.5 },
      { address: null, addressSource: null, packets: 5, bytes: 300 },
    ]);
    expect(s.affinitySeconds).toBe(600);
    expect(withCode(s, "unresolved-endpoint").map((f) => f.severity)).toEqual(["warning"]);
    expect(withCode(s, "dangling-jump")).toHaveLength(2);
  });
});

describe("findings", () => {
  it("probability-gap: a conditional last jump lets about a quarter of connections fall through", () => {
    const s = service(modelFile("model-probability-gap.txt"), CART);
    expect(s.endpoints.map((e) => e.probability)).toEqual([0.5, 0.25]);
    const [gap] = withCode(s, "probability-gap");
    expect(gap).toMatchObject({ severity: "warning", chain: s.chains.svc });
    expect(gap!.message).toContain("25%");
  });

  it("orphan-chain: a SEP and a service chain nothing jumps to", () => {
    const t = modelFile("model-orphan-chains.txt");
    const orphans = withCode(t, "orphan-chain");
    expect(orphans.map((f) => [f.severity, f.service])).toEqual([
      ["warning", CART],
      ["warning", "shop/old:http"],
    ]);
    expect(orphans[0]!.message).toContain("10.244.9.9:8080");
    // the stale service chain is still shown, without frontends, so its rules are not hidden
    expect(service(t, "shop/old:http")).toMatchObject({ clusterIP: null, endpoints: [{ address: "10.244.8.8:80" }] });
    expect(service(t, CART).endpoints.map((e) => e.address)).toEqual(["10.244.1.5:8080"]);
  });

  it("dangling-jump: a jump to an absent chain warns; kubelet's KUBE-MARK-DROP does not", () => {
    const t = modelFile("model-dangling-jump.txt");
    const dangling = withCode(t, "dangling-jump");
    expect(dangling.map((f) => [f.severity, f.service, f.line])).toEqual([["warning", "shop/missing:http", 14]]);
    expect(service(t, "shop/missing:http")).toMatchObject({ incomplete: true, endpoints: [], clusterIP: "10.96.0.30" });
    expect(withCode(service(t, "shop/missing:http"), "no-endpoints")).toEqual([]);
  });

  it("truncated-input: no COMMIT; the cut DNAT rule is a warning, not an error", () => {
    const t = modelFile("model-truncated.txt");
    expect(withCode(t, "truncated-input").map((f) => f.severity)).toEqual(["warning"]);
    const [f] = withCode(t, "unresolved-endpoint");
    expect(f!.severity).toBe("warning");
    expect(f!.message).toContain("cut off");
    expect(t.findings.filter((x) => x.severity === "error")).toEqual([]);
  });

  it("truncated-input: a paste whose last line breaks off inside a rule", () => {
    const t = modelFile("model-cut-last-line.txt");
    expect(withCode(t, "truncated-input")).toMatchObject([{ severity: "warning", line: 4 }]);
    expect(service(t, CART).endpoints.map((e) => e.address)).toEqual(["10.244.1.5:8080"]);
    // prose after the rules is not a cut
    expect(withCode(modelFile("model-messy-paste.txt"), "truncated-input")).toEqual([]);
  });

  it("ipvs-mode: KUBE-SERVICES matching KUBE-CLUSTER-IP ipsets", () => {
    const t = modelFile("model-ipvs.txt");
    expect(withCode(t, "ipvs-mode")).toMatchObject([{ severity: "warning", chain: "KUBE-SERVICES", line: 9 }]);
    expect(t.services).toEqual([]);
    expect(t.era).toMatch(/IPVS/);
    expect(withCode(t, "no-kube-proxy-rules")).toEqual([]);
  });

  it("legacy-tables-present and no-kube-proxy-rules: an nft dump with only Docker's rules", () => {
    const t = modelFile("model-legacy-tables.txt");
    expect(t.findings.map((f) => [f.code, f.severity])).toEqual([
      ["legacy-tables-present", "warning"],
      ["no-kube-proxy-rules", "warning"],
    ]);
  });

  it("no-kube-proxy-rules: empty input says there is no nat table", () => {
    const t = model("");
    expect(withCode(t, "no-kube-proxy-rules")[0]!.message).toContain("no nat table");
    expect(t.era).toBeNull();
  });

  it("name-hash-mismatch: the chain suffix is not the hash of the commented name", () => {
    const t = modelFile("model-name-hash-mismatch.txt");
    expect(withCode(service(t, CART), "name-hash-mismatch")).toMatchObject([{ severity: "warning" }]);
  });

  it("unparsed-lines: one summary finding with the count, the topology still read", () => {
    const t = modelFile("model-messy-paste.txt");
    expect(withCode(t, "unparsed-lines")).toMatchObject([{ severity: "warning", line: 1 }]);
    expect(withCode(t, "unparsed-lines")[0]!.message).toMatch(/^2 input lines/);
    expect(service(t, CART).endpoints.map((e) => e.address)).toEqual(["10.244.1.5:8080"]);
    // a grep'd paste declares no chains: nothing is reported missing
    expect(withCode(t, "dangling-jump")).toEqual([]);
  });

  it("foreign-dnat: Docker and CNI host-port DNATs are not endpoints (info)", () => {
    const t = modelFile("model-foreign-dnat.txt");
    expect(t.services.map((s) => s.name)).toEqual([CART]);
    expect(service(t, CART).endpoints.map((e) => e.address)).toEqual(["10.244.1.5:8080"]);
    const [f] = withCode(t, "foreign-dnat");
    expect(f!.severity).toBe("info");
    expect(f!.message).toContain("DOCKER_OUTPUT");
    expect(f!.message).toContain("CNI-DN-");
  });

  it("nftables-mode: a grammar diagnostic about nftables syntax", () => {
    const dump: ParsedDump = {
      format: "unknown",
      tables: [],
      backend: null,
      generatorVersion: null,
      legacyTablesWarning: false,
      comments: [],
      diagnostics: [{ line: 1, column: 1, message: "nftables syntax (nft list ruleset), not iptables rule text" }],
      duplicateRules: 0,
      lineCount: 1,
    };
    const t = buildTopology(dump);
    expect(t.findings.map((f) => f.code)).toEqual(["unparsed-lines", "nftables-mode"]);
  });

  it("unreachable-endpoint: a jump after an unconditional one never gets a connection", () => {
    const svc = chainOf(CART);
    const [a, b] = [sepOf(CART, "10.244.1.5:8080"), sepOf(CART, "10.244.2.7:8080")];
    const t = model(
      save({
        nat: [
          `-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment "${CART} cluster IP" -m tcp --dport 80 -j ${svc}`,
          `-A ${svc} -j ${a}`,
          `-A ${svc} -j ${b}`,
          `-A ${a} -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:8080`,
          `-A ${b} -p tcp -m tcp -j DNAT --to-destination 10.244.2.7:8080`,
        ],
      }),
    );
    const s = service(t, CART);
    expect(s.endpoints.map((e) => e.probability)).toEqual([1, 0]);
    expect(withCode(s, "unreachable-endpoint")).toMatchObject([{ severity: "warning", chain: b }]);
  });

  it("no-endpoints: a service chain with no endpoint jump forwards nothing", () => {
    const svc = chainOf(CART);
    const t = model(
      save({
        nat: [
          `-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment "${CART} cluster IP" -m tcp --dport 80 -j ${svc}`,
          `-A ${svc} ! -s 10.244.0.0/16 -d 10.96.0.20/32 -p tcp -m comment --comment "${CART} cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
        ],
      }),
    );
    expect(withCode(service(t, CART), "no-endpoints")).toMatchObject([{ severity: "error", chain: svc }]);
    expect(withCode(t, "probability-gap")).toEqual([]);
  });

  it("service findings are also in the topology's list, with their service", () => {
    const t = modelFile("model-dnat-missing.txt");
    const s = service(t, CART);
    for (const f of s.findings) expect(t.findings).toContainEqual(f);
    expect(s.findings.every((f) => f.service === CART)).toBe(true);
  });
});
