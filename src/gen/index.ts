// Generator of kube-proxy-shaped iptables-restore text plus the topology it encodes. Pure: no I/O, no clock.

import { declareBaseChains, writeBaseRules, writeHooks, writeKubeletChains } from "./base-rules.ts";
import type { RuleContext } from "./context.ts";
import { expectService } from "./expected.ts";
import { planPort } from "./plan.ts";
import { writeModernPort } from "./rules-modern.ts";
import { writeV123Port } from "./rules-v1-23.ts";
import type { ExpectedService, GeneratedRuleSet, GenOptions, ServiceSpec } from "./types.ts";
import { TableWriter } from "./writer.ts";

export { type CanonicalOptions, canonicalDump, canonicalRule, kernelProbability } from "./canonical.ts";
export { servicePortName } from "./plan.ts";
export { createRandom, randomServices } from "./random.ts";
export type * from "./types.ts";

/** Writes the filter and nat tables kube-proxy of `options.era` would load for `services`, and what they mean. */
export function generateRuleSet(services: readonly ServiceSpec[], options: GenOptions = {}): GeneratedRuleSet {
  const era = options.era ?? "v1.32";
  const family = options.family ?? 4;
  const ctx: RuleContext = {
    nat: new TableWriter("nat"),
    filter: new TableWriter("filter"),
    family,
    clusterCIDR:
      options.clusterCIDR === undefined ? (family === 6 ? "fd00:10:244::/56" : "10.0.0.0/8") : options.clusterCIDR,
    comments: options.comments ?? true,
    nodeIP: options.nodeIP ?? null,
    nfacct: options.nfacct ?? false,
    decimals: options.probabilityDecimals ?? 10,
    xlbBalancingComments: options.xlbBalancingComments ?? false,
  };
  if (options.hooks) writeHooks(ctx, era);
  declareBaseChains(ctx, era);
  if (options.declareKubeletChains) writeKubeletChains(ctx);
  const expected: ExpectedService[] = [];
  for (const service of services) {
    for (const port of service.ports) {
      const plan = planPort(service, port, era);
      if (era === "v1.23") writeV123Port(ctx, plan);
      else writeModernPort(ctx, plan);
      expected.push(expectService(plan));
    }
  }
  writeBaseRules(ctx, era);
  const layout =
    era === "v1.23"
      ? ("write-order" as const)
      : { first: ["KUBE-NODEPORTS", "KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FIREWALL", "KUBE-FORWARD"] };
  const text = `${ctx.filter.render(layout)}\n${ctx.nat.render(layout)}\n`;
  expected.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { text, services: expected };
}
