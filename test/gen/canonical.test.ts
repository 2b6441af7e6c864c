// canonicalDump: restore text → what iptables-save -c prints after loading it, without a kernel. Checked here
// against rules and whole dumps captured from a real kernel (test/fixtures/dumps/canonical-*.txt).

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import {
  canonicalDump,
  canonicalRule,
  type Era,
  type GenOptions,
  generateRuleSet,
  kernelProbability,
  randomServices,
} from "../../src/gen/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { topologyMismatches } from "../support/expect-topology.ts";
import { dumpPath } from "../support/paths.ts";
import { addressing, kinds } from "../support/service-kinds.ts";

describe("canonicalRule", () => {
  it("moves -s/-d/-p first, adds /32 and always quotes comments", () => {
    expect(
      canonicalRule(
        '-A KUBE-SVC-X -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      ),
    ).toBe(
      '-A KUBE-SVC-X ! -s 10.0.0.0/8 -d 172.30.0.44/32 -p tcp -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
    );
    expect(canonicalRule("-A KUBE-SEP-X -m comment --comment ns4/svc4:p80 -s 10.180.0.5 -j KUBE-MARK-MASQ")).toBe(
      '-A KUBE-SEP-X -s 10.180.0.5/32 -m comment --comment "ns4/svc4:p80" -j KUBE-MARK-MASQ',
    );
  });

  it("rounds probabilities as the kernel stores them (p × 2^31) and prints 11 decimals", () => {
    expect(kernelProbability("0.3333333333")).toBe("0.33333333349");
    expect(kernelProbability("0.5000000000")).toBe("0.50000000000");
    expect(kernelProbability("0.2000000000")).toBe("0.20000000019");
    expect(kernelProbability("0.1428571429")).toBe("0.14285714272");
    expect(kernelProbability("0.0100000000")).toBe("0.00999999978");
  });

  it("spells out recent defaults, MARK and REJECT like iptables-save", () => {
    expect(canonicalRule("-A S -m recent --name KUBE-SEP-A --rcheck --seconds 10800 --reap -j KUBE-SEP-A")).toBe(
      "-A S -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-A --mask 255.255.255.255 --rsource -j KUBE-SEP-A",
    );
    expect(
      canonicalRule("-A S -m recent --name KUBE-SEP-A --set -m udp -p udp -j DNAT --to-destination [fd00::1]:53", 6),
    ).toBe(
      "-A S -p udp -m recent --set --name KUBE-SEP-A --mask ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff --rsource -m udp -j DNAT --to-destination [fd00::1]:53",
    );
    expect(canonicalRule("-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000")).toBe(
      "-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000",
    );
    expect(canonicalRule("-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000")).toBe(
      "-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0",
    );
    expect(canonicalRule("-A KUBE-SERVICES -m tcp -p tcp -d fd00::6 --dport 80 -j REJECT", 6)).toBe(
      "-A KUBE-SERVICES -d fd00::6/128 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp6-port-unreachable",
    );
  });
});

const captures: { file: string; options: GenOptions }[] = [
  { file: "canonical-v1.32-ipv4.txt", options: { era: "v1.32", nodeIP: addressing(4).nodeIP } },
  {
    file: "canonical-v1.23-ipv6.txt",
    options: { era: "v1.23", family: 6, nodeIP: addressing(6).nodeIP, declareKubeletChains: true },
  },
  { file: "canonical-v1.28-large-cluster.txt", options: { era: "v1.28", comments: false } },
];

describe("canonicalDump", () => {
  const strip = (dump: string) => dump.split("\n").filter((l) => !l.startsWith("#"));

  for (const c of captures) {
    it(`reproduces the kernel capture ${c.file} line for line`, () => {
      const family = c.options.family ?? 4;
      const text = generateRuleSet(kinds(family), c.options).text;
      expect(strip(canonicalDump(text, { family }))).toEqual(strip(readFileSync(dumpPath(c.file), "utf8")));
    });
  }

  for (const era of ["v1.23", "v1.28", "v1.32"] as const satisfies readonly Era[]) {
    it(`gives the model iptables-save text it rebuilds exactly (${era}, 300 random services)`, () => {
      const set = generateRuleSet(randomServices(300, 77), { era, declareKubeletChains: true });
      const topology = buildTopology(parseDump(canonicalDump(set.text)));
      expect(topology.input.format).toBe("iptables-save");
      expect(topologyMismatches(set.services, topology, true)).toEqual([]);
    });
  }

  it("writes the counters it is given, in output order", () => {
    const set = generateRuleSet(kinds(4));
    const dump = canonicalDump(set.text, { counters: (i) => [i + 1, (i + 1) * 60] });
    const prefixes = dump
      .split("\n")
      .filter((l) => l.startsWith("["))
      .map((l) => l.slice(0, l.indexOf(" -A ")));
    expect(prefixes.length).toBeGreaterThan(50);
    expect(prefixes).toEqual(prefixes.map((_, i) => `[${i + 1}:${(i + 1) * 60}]`));
    const endpoints = buildTopology(parseDump(dump)).services.flatMap((s) => s.endpoints);
    expect(endpoints.length).toBeGreaterThan(10);
    for (const e of endpoints) expect(e.packets).toBeGreaterThan(0);
  });
});
