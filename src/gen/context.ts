// Settings and writers shared by the per-era rule writers.

import { comment, probabilityText } from "./format.ts";
import type { EndpointPlan, PortPlan } from "./plan.ts";
import type { TableWriter } from "./writer.ts";

export interface RuleContext {
  readonly nat: TableWriter;
  readonly filter: TableWriter;
  readonly family: 4 | 6;
  readonly clusterCIDR: string | null;
  readonly comments: boolean;
  readonly nodeIP: string | null;
  readonly nfacct: boolean;
  readonly decimals: number;
  readonly xlbBalancingComments: boolean;
}

/** `-m tcp -p tcp` (kube-proxy loads the protocol match before `-p`). */
export function protoMatch(plan: PortPlan): string {
  return `-m ${plan.protocol} -p ${plan.protocol}`;
}

/** A per-endpoint comment, or nothing in large-cluster mode. */
export function endpointComment(ctx: RuleContext, text: string): string {
  return ctx.comments ? comment(text) : "";
}

/** Affinity `--rcheck` jumps, then the statistic cascade, from `chain` to `endpoints`. */
export function writeEndpointJumps(
  ctx: RuleContext,
  plan: PortPlan,
  chain: string,
  endpoints: readonly EndpointPlan[],
  label: (ep: EndpointPlan, index: number, affinity: boolean) => string,
): void {
  if (plan.affinitySeconds !== null) {
    for (const [i, ep] of endpoints.entries()) {
      const recent = `-m recent --name ${ep.chain} --rcheck --seconds ${plan.affinitySeconds} --reap`;
      ctx.nat.rule(chain, label(ep, i, true), recent, `-j ${ep.chain}`);
    }
  }
  const n = endpoints.length;
  for (const [i, ep] of endpoints.entries()) {
    const stat = i < n - 1 ? `-m statistic --mode random --probability ${probabilityText(n - i, ctx.decimals)}` : "";
    ctx.nat.rule(chain, label(ep, i, false), stat, `-j ${ep.chain}`);
  }
}

/** The KUBE-SEP chains: hairpin masquerade, then DNAT (with the affinity `--set` when sticky). */
export function writeEndpointChains(ctx: RuleContext, plan: PortPlan, endpoints: readonly EndpointPlan[]): void {
  const c = endpointComment(ctx, plan.portName);
  for (const ep of endpoints) {
    ctx.nat.declare(ep.chain);
    ctx.nat.rule(ep.chain, c, `-s ${ep.ip}`, "-j KUBE-MARK-MASQ");
    const recent = plan.affinitySeconds !== null ? `-m recent --name ${ep.chain} --set` : "";
    ctx.nat.rule(ep.chain, c, recent, protoMatch(plan), `-j DNAT --to-destination ${ep.address}`);
  }
}
