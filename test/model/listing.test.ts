// The model from pasted `iptables -L` listings: the same services and endpoints as from iptables-save of the same
// tables (listing-cluster-save.txt is iptables-save -c of the namespace the real listing fixtures came from).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { serviceDifferences } from "../support/listing-compare.ts";
import { dumpPath } from "../support/paths.ts";
import { clusterIPRules, model, modelFile, save, service, withCode } from "./helpers.ts";

const saveText = readFileSync(dumpPath("listing-cluster-save.txt"), "utf8");
const fromSave = model(saveText);

describe("a listing gives the topology iptables-save gives", () => {
  it("-L -n -v -x of nat and filter: every service, endpoint, share and counter", () => {
    const t = modelFile("listing-nvx.txt");
    expect(t.input.format).toBe("iptables-L");
    expect(t.services.map((s) => s.name)).toEqual(fromSave.services.map((s) => s.name));
    expect(serviceDifferences(fromSave, t, "exact")).toEqual([]);
    expect(service(t, "default/sticky").affinitySeconds).toBe(10800);
    expect(service(t, "default/web:http").nodePorts).toEqual([30080]);
    expect(withCode(service(t, "default/empty:http"), "no-endpoints")).toHaveLength(1);
  });

  it("-L -n -v without -x: counters rounded as iptables printed them, and said to be approximate", () => {
    const t = modelFile("listing-nv.txt");
    expect(serviceDifferences(fromSave, t, "rounded")).toEqual([]);
    expect(withCode(t, "approximate-counters").map((f) => f.severity)).toEqual(["info"]);
    expect(withCode(fromSave, "approximate-counters")).toEqual([]);
    expect(withCode(modelFile("listing-nvx.txt"), "approximate-counters")).toEqual([]);
  });

  it("-L -n: no counters at all (null, never zero)", () => {
    const t = modelFile("listing-n.txt");
    expect(serviceDifferences(fromSave, t, "none")).toEqual([]);
    expect(t.services.flatMap((s) => s.endpoints).every((e) => e.packets === null && e.bytes === null)).toBe(true);
    expect(withCode(t, "approximate-counters")).toEqual([]);
  });

  it("-L -v without -n: names back to ports and addresses", () => {
    expect(serviceDifferences(fromSave, modelFile("listing-no-n.txt"), "rounded")).toEqual([]);
  });

  it("column -t output of the nat listing: the nat table's services", () => {
    const dump = parseDump(saveText);
    const natOnly = buildTopology({ ...dump, tables: dump.tables.filter((t) => t.name === "nat") });
    expect(serviceDifferences(natOnly, modelFile("listing-column-t.txt"), "exact")).toEqual([]);
  });
});

describe("partial and handwritten listings", () => {
  it("a bug-report paste of single chains: the service it follows is whole, the others are cut short", () => {
    const t = modelFile("listing-prompts.txt");
    const web = service(t, "default/web:http");
    const want = service(fromSave, "default/web:http");
    expect(web.endpoints.map((e) => [e.address, e.chain, e.probability])).toEqual(
      want.endpoints.map((e) => [e.address, e.chain, e.probability]),
    );
    expect(web.clusterIP).toBe("10.96.112.45");
    expect(withCode(service(t, "default/empty:http"), "no-endpoints")).toHaveLength(1);
    const dns = service(t, "kube-system/kube-dns:dns");
    expect(dns.endpoints).toEqual([]);
    expect(dns.findings.map((f) => [f.code, f.severity])).toEqual([["dangling-jump", "info"]]);
  });

  it("a --line-numbers paste with a rule cut out: the cut is a note, the rest reads", () => {
    const t = modelFile("listing-line-numbers.txt");
    expect(service(t, "default/web:http").endpoints.map((e) => e.address)).toEqual([
      "10.244.1.5:8080",
      "10.244.1.6:8080",
      "10.244.2.7:8080",
    ]);
    expect(withCode(t, "unparsed-lines")[0]?.message).toContain("rule 3 of chain KUBE-SERVICES missing");
    expect(t.services.map((s) => s.name)).not.toContain("kube-system/kube-dns:dns-tcp");
  });

  it("K, M, G, T counters: endpoint counts from the rounded DNAT counters", () => {
    const t = modelFile("listing-suffixes.txt");
    const web = service(t, "default/web:http");
    expect(web.endpoints.map((e) => [e.address, e.packets, e.bytes])).toEqual([
      ["10.244.1.5:8080", 1007e3, 60e6],
      ["10.244.1.6:8080", 4321e6, 259e9],
      ["10.244.2.7:8080", 12e9, 1e12],
    ]);
    expect(web.endpoints.every((e) => Math.abs(e.probability - 1 / 3) < 1e-6)).toBe(true);
    expect(withCode(t, "approximate-counters")).toHaveLength(1);
  });

  it("an old ip6tables listing (empty opt column, protocol names)", () => {
    const t = modelFile("listing-ip6-legacy.txt");
    const k = service(t, "default/kubernetes:https");
    expect([k.clusterIP, k.port, k.protocol]).toEqual(["fd00:10:96::1", 443, "tcp"]);
    expect(k.endpoints.map((e) => [e.address, e.probability, e.packets])).toEqual([
      ["[fd00:10:244::2]:6443", 0.5, 160],
      ["[fd00:10:244::3]:6443", 0.5, 151],
    ]);
    expect(t.diagnostics).toEqual([]);
  });

  it("match text it cannot read still makes a jump conditional, as the same rule in iptables-save does", () => {
    const rules = clusterIPRules("ns/app:http", "10.96.9.9", 80, ["10.244.0.1:80", "10.244.0.2:80"]);
    const last = rules.findLastIndex((r) => r.includes("-j KUBE-SEP-"));
    rules[last] = rules[last]!.replace(" -j KUBE-SEP-", " -m owner --uid-owner 0 -j KUBE-SEP-");
    const fromRules = model(save({ nat: rules }));
    const svc = rules[1]!.split(" ")[1]!;
    const sep = (i: number) => rules.filter((r) => r.startsWith(`-A ${svc} `))[i]!.split("-j ")[1];
    const listing = [
      "Chain KUBE-SERVICES (2 references)",
      "target     prot opt source               destination",
      `${svc}  6    --  0.0.0.0/0            10.96.9.9            /* ns/app:http cluster IP */ tcp dpt:80`,
      "",
      `Chain ${svc} (1 references)`,
      "target     prot opt source               destination",
      `${sep(0)}  0    --  0.0.0.0/0            0.0.0.0/0            /* ns/app:http -> 10.244.0.1:80 */ statistic mode random probability 0.50000000000`,
      `${sep(1)}  0    --  0.0.0.0/0            0.0.0.0/0            /* ns/app:http -> 10.244.0.2:80 */ owner UID match 0`,
      ...[0, 1].flatMap((i) => [
        "",
        `Chain ${sep(i)} (1 references)`,
        "target     prot opt source               destination",
        `KUBE-MARK-MASQ  0    --  10.244.0.${i + 1}           0.0.0.0/0            /* ns/app:http */`,
        `DNAT       6    --  0.0.0.0/0            0.0.0.0/0            /* ns/app:http */ tcp to:10.244.0.${i + 1}:80`,
      ]),
      "",
      "Chain KUBE-MARK-MASQ (2 references)",
      "target     prot opt source               destination",
    ].join("\n");
    const fromListing = model(listing);
    expect(fromListing.diagnostics).toEqual([]);
    const codes = (t: typeof fromRules) => service(t, "ns/app:http").findings.map((f) => f.code);
    expect(codes(fromRules)).toContain("probability-gap");
    expect(codes(fromListing)).toEqual(codes(fromRules));
  });
});
