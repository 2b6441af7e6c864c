// `iptables -L` listings: which table each listing goes to, chain declarations, counters and what a listing
// cannot say (fixtures: test/fixtures/dumps/listing-*.txt, see listing.test.ts).

import { describe, expect, it } from "vitest";
import { formatRule, parseDump } from "../../grammar/index.ts";
import type { ParsedDump } from "../../grammar/types.ts";
import { dumpText, parseFixture, table } from "./helpers.ts";

const save = parseFixture("listing-cluster-save.txt");

/** The rules of one chain of one table as iptables-save lines. */
function lines(dump: ParsedDump, tableName: string, chain: string): string[] {
  return table(dump, tableName)
    .rules.filter((r) => r.chain === chain)
    .map((r) => formatRule(r.chain, r.options));
}

describe("tables, chains and counters of a listing", () => {
  it("puts each listing in the table its built-in chains show (nat then filter, no command lines)", () => {
    const dump = parseFixture("listing-n.txt");
    expect(dump.tables.map((t) => [t.name, t.implicit])).toEqual([
      ["nat", true],
      ["filter", true],
    ]);
    expect(lines(dump, "filter", "OUTPUT")).toEqual(lines(save, "filter", "OUTPUT"));
    expect(lines(dump, "nat", "OUTPUT")).toEqual(lines(save, "nat", "OUTPUT"));
    expect(table(dump, "nat").chains.get("PREROUTING")).toMatchObject({ policy: "ACCEPT", counters: null });
    expect(table(dump, "filter").chains.get("KUBE-PROXY-FIREWALL")).toMatchObject({ policy: null });
  });

  it("takes the table from the shell command before each listing (-t nat, -nvL, no -t = filter)", () => {
    const dump = parseFixture("listing-prompts.txt");
    expect(lines(dump, "nat", "KUBE-SERVICES")).toEqual(lines(save, "nat", "KUBE-SERVICES"));
    expect(lines(dump, "nat", "KUBE-SVC-CDGGSHYLG3RE2FKL")).toHaveLength(4);
    expect(lines(dump, "nat", "KUBE-SEP-2RIJ5GIYXEFH6G4D")).toEqual(lines(save, "nat", "KUBE-SEP-2RIJ5GIYXEFH6G4D"));
    expect(lines(dump, "filter", "KUBE-SERVICES")).toEqual(lines(save, "filter", "KUBE-SERVICES"));
    expect(dump.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, "not iptables -L output (no Chain header before it)"],
      [42, "not iptables -L output (no Chain header before it)"],
    ]);
  });

  it("reads counter suffixes K M G T (decimal, as iptables rounds them) and marks the dump approximate", () => {
    const dump = parseFixture("listing-suffixes.txt");
    expect(dump.approximateCounters).toBe(true);
    expect(table(dump, "nat").chains.get("PREROUTING")?.counters).toEqual({ packets: 12e6, bytes: 9876e6 });
    expect(
      table(dump, "nat")
        .rules.filter((r) => r.target === "DNAT")
        .map((r) => r.counters),
    ).toEqual([
      { packets: 1007e3, bytes: 60e6 },
      { packets: 4321e6, bytes: 259e9 },
      { packets: 12e9, bytes: 1e12 },
    ]);
    expect(table(dump, "nat").rules.find((r) => r.counters?.packets === 99999)?.counters?.bytes).toBe(5999e3);
  });

  it("notes rules missing between --line-numbers (a cut paste) and reads the rest", () => {
    const dump = parseFixture("listing-line-numbers.txt");
    expect(dump.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [5, "rule 3 of chain KUBE-SERVICES missing from the paste (numbers jump to 4)"],
    ]);
    expect(lines(dump, "nat", "KUBE-SVC-CDGGSHYLG3RE2FKL")).toEqual(lines(save, "nat", "KUBE-SVC-CDGGSHYLG3RE2FKL"));
    expect(lines(dump, "nat", "KUBE-SERVICES")).toHaveLength(6);
  });

  it("reads old ip6tables listings with an empty opt column", () => {
    const dump = parseFixture("listing-ip6-legacy.txt");
    expect(dump.diagnostics).toEqual([]);
    expect(lines(dump, "nat", "KUBE-SVC-NPX46M4PTMTKRN6Y")).toEqual([
      '-A KUBE-SVC-NPX46M4PTMTKRN6Y ! -s fd00:10:244::/56 -d fd00:10:96::1/128 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> [fd00:10:244::2]:6443" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-YPQ4SZJSX64JUF2Q',
      '-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> [fd00:10:244::3]:6443" -j KUBE-SEP-Y6U4MRDEBUGVJYYL',
    ]);
  });

  it("says what it could not read: grep output without headers, names it cannot resolve, prose", () => {
    const grep = parseDump(
      "$ iptables -t nat -L -n -v | grep web\n   12   996 KUBE-SVC-X  6    --  *      *       0.0.0.0/0            10.96.112.45\nChain X (1 references)\n",
    );
    expect(grep.format).toBe("iptables-L");
    expect(grep.diagnostics.map((d) => d.message)).toEqual(["not iptables -L output (no Chain header before it)"]);
    const names = parseDump(
      "Chain T (1 references)\ntarget prot opt source destination\nACCEPT tcp -- node-1.example anywhere tcp dpt:my-odd-svc\nhello\n",
    );
    expect(names.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [3, "host name node-1.example (the listing was made without -n): address not known (and 1 more)"],
      [4, "rule line ends early (fewer columns than the header)"],
    ]);
    expect(formatRule("T", names.tables[0]!.rules[0]!.options)).toBe(
      "-A T -s node-1.example -p tcp -m tcp --dport my-odd-svc -j ACCEPT",
    );
  });

  it("counts a chain pasted twice once, and starts a new listing where a chain name repeats", () => {
    const text = dumpText("listing-line-numbers.txt");
    const twice = parseDump(`${text}\n${text}`);
    expect(twice.duplicateRules).toBe(table(parseDump(text), "nat").rules.length);
    expect(table(twice, "nat").rules).toHaveLength(table(parseDump(text), "nat").rules.length);
  });

  it("counts lines like the save reader and keeps the legacy-tables warning", () => {
    const dump = parseDump(
      "# Warning: iptables-legacy tables present, use iptables-legacy to see them\r\nChain INPUT (policy ACCEPT)\r\ntarget     prot opt source               destination\r\n",
    );
    expect(dump.legacyTablesWarning).toBe(true);
    expect(dump.lineCount).toBe(3);
    expect(dump.diagnostics).toEqual([]);
  });
});
