// Round trip through a real kernel: generated kube-proxy rules → iptables-restore in a fresh namespace →
// iptables-save -c → parseDump → buildTopology, which must rebuild exactly what was generated.

import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { type Era, type GenOptions, generateRuleSet, randomServices, type ServiceSpec } from "../../src/gen/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { topologyMismatches } from "../support/expect-topology.ts";
import { describeKernel } from "../support/kernel.ts";
import { restore, save, withNetns } from "../support/netns.ts";
import { addressing, kinds } from "../support/service-kinds.ts";

interface Case {
  readonly title: string;
  readonly services: readonly ServiceSpec[];
  readonly options: GenOptions;
}

const eras: readonly Era[] = ["v1.23", "v1.28", "v1.32"];
const cases: Case[] = [];
for (const era of eras) {
  for (const family of [4, 6] as const) {
    const options = { era, family, nodeIP: addressing(family).nodeIP, declareKubeletChains: era === "v1.23" };
    cases.push({ title: `${era} IPv${family}: every service kind`, services: kinds(family), options });
  }
  cases.push({
    title: `${era}: every kind in large-cluster mode (no endpoint comments)`,
    services: kinds(4),
    options: { era, comments: false, declareKubeletChains: true },
  });
  cases.push({
    title: `${era}: every kind without a local detector (no pod CIDR)`,
    services: kinds(4),
    options: { era, clusterCIDR: null, declareKubeletChains: true },
  });
  cases.push({
    title: `${era}: 300 random services`,
    services: randomServices(300, 1234),
    options: { era, declareKubeletChains: true },
  });
}
cases.push({
  title: "v1.23 with Balancing-rule XLB comments",
  services: kinds(4),
  options: { era: "v1.23", xlbBalancingComments: true, declareKubeletChains: true },
});
cases.push({
  title: "v1.32 IPv6: 200 random services",
  services: randomServices(200, 99, { family: 6 }),
  options: { family: 6 },
});

describeKernel("kernel round trip: the model rebuilds generated rule sets from iptables-save -c", () => {
  const ns = withNetns();
  for (const c of cases) {
    it(c.title, async () => {
      const set = generateRuleSet(c.services, c.options);
      const family = c.options.family ?? 4;
      await restore(ns.name, set.text, { family });
      const dump = await save(ns.name, { family });
      const topology = buildTopology(parseDump(dump));
      expect(topology.input.format).toBe("iptables-save");
      expect(topologyMismatches(set.services, topology, true)).toEqual([]);
    });
  }
});

describe("the model also reads the generated restore text itself (no kernel)", () => {
  for (const c of cases) {
    it(c.title, () => {
      const set = generateRuleSet(c.services, c.options);
      expect(topologyMismatches(set.services, buildTopology(parseDump(set.text)), false)).toEqual([]);
    });
  }
});
