import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { parseFixture, table, valuesOf } from "./helpers.ts";

describe("iptables-restore input", () => {
  it("reads -N, -F, -I and -X inside a table and calls the format iptables-restore", () => {
    const dump = parseFixture("restore-payload.txt");
    expect(dump.diagnostics).toEqual([]);
    expect(dump.format).toBe("iptables-restore");
    const nat = table(dump, "nat");
    expect(nat.chains.get("KUBE-SEP-NEW")).toMatchObject({ policy: null, counters: null, line: 5 });
    expect(nat.flushedChains).toEqual(["KUBE-SVC-X27LE4BHSL4DOUIK"]);
    expect(nat.deletedChains).toEqual(["KUBE-SEP-BSWRHOQ77KEXZLNL"]);
    expect(nat.rules[0]).toMatchObject({ verb: "insert", position: 1, chain: "KUBE-SERVICES" });
    expect(nat.committed).toBe(true);
  });

  it("accepts bare -X and -F (all chains) without naming a chain", () => {
    const dump = parseDump("*nat\n-F\n-X\nCOMMIT\n");
    expect(dump.diagnostics).toEqual([]);
    expect(dump.format).toBe("iptables-restore");
    expect(dump.tables[0]).toMatchObject({ deletedChains: [], flushedChains: [] });
  });

  it("reports commands it does not read, such as -D", () => {
    const dump = parseDump("*nat\n-D KUBE-SERVICES -j X\nCOMMIT\n");
    expect(dump.diagnostics).toEqual([{ line: 2, column: 1, message: expect.stringMatching(/-D is not read/) }]);
  });

  it("reads -c counters in a restore rule into counters, not options", () => {
    const rule = parseDump("*nat\n-A X -c 4 240 -j Y\nCOMMIT\n").tables[0]!.rules[0]!;
    expect(rule.counters).toEqual({ packets: 4, bytes: 240 });
    expect(rule.options.map((o) => o.name)).toEqual(["-j"]);
  });
});

describe("iptables -S", () => {
  it("reads -P policies, -N chains and -A rules without a table header", () => {
    const dump = parseFixture("iptables-S.txt");
    expect(dump.diagnostics).toEqual([]);
    expect(dump.format).toBe("iptables-S");
    const nat = table(dump, "nat");
    expect(nat.implicit).toBe(true);
    expect(nat.committed).toBe(false);
    expect(nat.chains.get("PREROUTING")).toMatchObject({ policy: "ACCEPT", counters: null, line: 1 });
    expect(nat.chains.get("KUBE-SVC-ERIFXISQEP7F7OF4")).toMatchObject({ policy: null, line: 7 });
    expect(nat.rules.map((r) => r.target)).toEqual(["KUBE-SERVICES", "MARK", "KUBE-SVC-ERIFXISQEP7F7OF4"]);
    expect(valuesOf(nat.rules[1]!, "--set-xmark")).toEqual(["0x4000/0x4000"]);
  });

  it("puts a header-less REJECT in KUBE-SERVICES into an implicit filter table", () => {
    const filter = table(parseFixture("iptables-S.txt"), "filter");
    expect(filter.implicit).toBe(true);
    expect(filter.rules.map((r) => [r.line, r.target])).toEqual([[11, "REJECT"]]);
  });

  it("takes -S -v counters out of the options into counters", () => {
    const dump = parseFixture("iptables-S-v.txt");
    expect(dump.diagnostics).toEqual([]);
    expect(dump.format).toBe("iptables-S");
    const nat = table(dump, "nat");
    expect(nat.chains.get("PREROUTING")!.counters).toEqual({ packets: 1024, bytes: 61440 });
    expect(nat.rules.map((r) => r.counters)).toEqual([
      { packets: 1024, bytes: 61440 },
      { packets: 37, bytes: 2220 },
      { packets: 20, bytes: 1200 },
    ]);
    expect(nat.rules.flatMap((r) => r.options).some((o) => o.name === "-c")).toBe(false);
    expect(nat.rules[2]!.raw).toContain("-c 20 1200");
  });

  it("counts -S -v rules that differ only in counters as duplicates", () => {
    const dump = parseDump("-A X -m tcp -c 1 60 -j Y\n-A X -m tcp -c 5 300 -j Y\n");
    expect(dump.duplicateRules).toBe(1);
    expect(dump.tables[0]!.rules[0]!.counters).toEqual({ packets: 1, bytes: 60 });
  });

  it("reports -c without two numbers", () => {
    expect(parseDump("-A X -c 1 -j Y\n").diagnostics[0]).toMatchObject({
      line: 1,
      column: 6,
      message: "-c needs two numbers",
    });
  });
});

describe("lines outside any table header go to an implicit table", () => {
  const place = (line: string) => parseDump(`${line}\n`).tables.map((t) => t.name);

  it("puts kube-proxy filter rules in filter", () => {
    expect(place('-A KUBE-SERVICES -d 10.0.0.1/32 -m comment --comment "a/b:c has no endpoints" -j REJECT')).toEqual([
      "filter",
    ]);
    expect(place("-A KUBE-EXTERNAL-SERVICES -d 1.2.3.4/32 -j DROP")).toEqual(["filter"]);
    expect(place('-A KUBE-NODEPORTS -m comment --comment "a/b:c health check node port" -j ACCEPT')).toEqual([
      "filter",
    ]);
    expect(place("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP")).toEqual(["filter"]);
    expect(place("-A KUBE-PROXY-FIREWALL -d 5.6.7.8 -j DROP")).toEqual(["filter"]);
    expect(place("-A INPUT -j KUBE-FIREWALL")).toEqual(["filter"]);
  });

  it("puts everything else in nat", () => {
    expect(place("-A KUBE-SERVICES -d 10.0.0.1/32 -j KUBE-SVC-A")).toEqual(["nat"]);
    expect(place("-A KUBE-SEP-A -p tcp -j DNAT --to-destination 10.244.0.1:80")).toEqual(["nat"]);
    expect(place("-A KUBE-NODEPORTS -p tcp --dport 30001 -j KUBE-EXT-A")).toEqual(["nat"]);
    expect(place(":KUBE-SVC-A - [0:0]")).toEqual(["nat"]);
  });

  it("merges header-less rules into a table of the same name seen with a header", () => {
    const dump = parseDump("*nat\n-A A -j B\nCOMMIT\n-A C -j D\n");
    expect(dump.tables).toHaveLength(1);
    expect(dump.tables[0]!.rules.map((r) => r.chain)).toEqual(["A", "C"]);
    expect(dump.tables[0]!.implicit).toBeUndefined();
  });
});
