// Small dumps captured from the kernel (test/fixtures/dumps/canonical-*.txt) keep the canonical iptables-save
// shapes under test where no kernel is available; where one is, they are checked to still be what it prints.

import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { type GenOptions, generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { topologyMismatches } from "../support/expect-topology.ts";
import { describeKernel } from "../support/kernel.ts";
import { exec, restore, save, withNetns } from "../support/netns.ts";
import { dumpPath } from "../support/paths.ts";
import { addressing, kinds } from "../support/service-kinds.ts";

interface Capture {
  readonly file: string;
  readonly call: string;
  readonly services: ServiceSpec[];
  readonly options: GenOptions;
}

const captures: Capture[] = [
  {
    file: "canonical-v1.32-ipv4.txt",
    call: 'generateRuleSet(kinds(4), { era: "v1.32", nodeIP: "192.168.0.2" })',
    services: kinds(4),
    options: { era: "v1.32", nodeIP: addressing(4).nodeIP },
  },
  {
    file: "canonical-v1.23-ipv6.txt",
    call: 'generateRuleSet(kinds(6), { era: "v1.23", family: 6, nodeIP: "2001:db8:7::2", declareKubeletChains: true })',
    services: kinds(6),
    options: { era: "v1.23", family: 6, nodeIP: addressing(6).nodeIP, declareKubeletChains: true },
  },
  {
    file: "canonical-v1.28-large-cluster.txt",
    call: 'generateRuleSet(kinds(4), { era: "v1.28", comments: false })',
    services: kinds(4),
    options: { era: "v1.28", comments: false },
  },
];

const withoutComments = (text: string) => text.split("\n").filter((l) => !l.startsWith("#"));

describe("committed kernel dumps rebuild to what was generated", () => {
  for (const c of captures) {
    it(c.file, () => {
      const text = readFileSync(dumpPath(c.file), "utf8");
      const topology = buildTopology(parseDump(text));
      expect(topology.input.format).toBe("iptables-save");
      expect(topologyMismatches(generateRuleSet(c.services, c.options).services, topology, true)).toEqual([]);
    });
  }
});

describeKernel("committed kernel dumps are what this kernel prints", () => {
  const ns = withNetns();
  for (const c of captures) {
    it(c.file, async (ctx) => {
      const family = c.options.family ?? 4;
      const version = String(
        (await exec(ns.name, [family === 6 ? "ip6tables" : "iptables", "--version"])).stdout,
      ).trim();
      await restore(ns.name, generateRuleSet(c.services, c.options).text, { family });
      const dump = await save(ns.name, { family });
      const path = dumpPath(c.file);
      if (process.env.KNT_UPDATE_CANONICAL === "1") {
        const header = [
          `# kube-nat-top test fixture: ${family === 6 ? "ip6tables-save" : "iptables-save"} -c after ${family === 6 ? "ip6tables-restore" : "iptables-restore"} of`,
          `# ${c.call} (kinds: test/support/service-kinds.ts) in a fresh network namespace, ${version}.`,
          "# Regenerate: KNT_UPDATE_CANONICAL=1 npx vitest run test/kernel/canonical-dumps.test.ts",
        ];
        writeFileSync(path, `${header.join("\n")}\n${dump}`);
      }
      const committed = readFileSync(path, "utf8");
      if (!committed.includes(`, ${version}.`)) ctx.skip(`captured with another iptables than ${version}`);
      expect(withoutComments(dump)).toEqual(withoutComments(committed));
    });
  }
});
