// A service port's endpoints: the service chain's cascade, with local flags and shares from SVL/XLB.

import { type Cascade, readCascade } from "./cascade.ts";
import { chainPresent, chainRules } from "./chain-index.ts";
import { absenceSeverity, type ModelContext } from "./context.ts";
import { resolveEndpoint } from "./endpoint-target.ts";
import { finding, percent } from "./findings.ts";
import type { Group } from "./group.ts";
import type { Endpoint, Finding, Severity } from "./types.ts";

/** Endpoints of one service port and what is wrong with them. */
export interface EndpointsResult {
  readonly endpoints: Endpoint[];
  readonly findings: Finding[];
  readonly affinitySeconds: number | null;
  /** The chain the endpoints were read from (SVC, or SVL when there is no SVC), null when none is in the dump. */
  readonly chain: string | null;
  /** The local chain (SVL/XLB) read, null when there is none in the dump. */
  readonly localChain: string | null;
}

interface LocalShare {
  readonly share: number;
  readonly raw: number | null;
}

function localShares(cascade: Cascade | null): Map<string, LocalShare> {
  const out = new Map<string, LocalShare>();
  if (cascade === null) return out;
  for (const j of cascade.jumps) {
    if (!out.has(j.target)) out.set(j.target, { share: j.share, raw: j.rawProbability });
  }
  return out;
}

function gapFinding(name: string, cascade: Cascade): Finding | null {
  if (cascade.jumps.length === 0 || !cascade.lastConditional) return null;
  const last = cascade.jumps[cascade.jumps.length - 1]!;
  const how =
    cascade.fallThrough > 1e-9
      ? `about ${percent(cascade.fallThrough)} of new connections match no endpoint`
      : "connections that fail its conditions match no endpoint";
  return finding(
    "probability-gap",
    "warning",
    `The last endpoint jump in ${cascade.chain} is conditional, so ${how} and fall through without being forwarded.`,
    { service: name, chain: cascade.chain, line: last.rule.line },
  );
}

/** Reads the endpoints of a named group from its SVC (or SVL) chain and its local chain. */
export function buildEndpoints(ctx: ModelContext, g: Group, name: string): EndpointsResult {
  const nat = ctx.nat;
  const present = (c: string | null): c is string => c !== null && chainPresent(nat, c);
  const primaryChain = present(g.chains.svc) ? g.chains.svc : present(g.chains.svl) ? g.chains.svl : null;
  const localChain = present(g.chains.svl) ? g.chains.svl : present(g.chains.xlb) ? g.chains.xlb : null;
  const primary = primaryChain !== null ? readCascade(nat, primaryChain) : null;
  const local = localChain === null ? null : localChain === primaryChain ? primary : readCascade(nat, localChain);
  const shares = localShares(local);
  const findings: Finding[] = [];
  const endpoints: Endpoint[] = [];
  const seen = new Set<string>();
  const add = (cascadeJump: Cascade["jumps"][number], inServiceChain: boolean): void => {
    const t = resolveEndpoint(nat, cascadeJump.target, cascadeJump.rule);
    const ls = shares.get(cascadeJump.target);
    seen.add(cascadeJump.target);
    endpoints.push({
      address: t.address,
      chain: cascadeJump.target,
      probability: inServiceChain ? cascadeJump.share : 0,
      rawProbability: inServiceChain ? cascadeJump.rawProbability : null,
      localProbability: ls?.share ?? null,
      packets: t.packets,
      bytes: t.bytes,
      local: local !== null ? ls !== undefined : null,
      line: cascadeJump.rule.line,
      addressSource: t.addressSource,
      localRawProbability: ls?.raw ?? null,
      inServiceChain,
      counterSource: t.counterSource,
    });
    if (t.problem !== null) {
      const cut = ctx.cutLine !== null && chainRules(nat, cascadeJump.target).some((r) => r.line === ctx.cutLine);
      const severity: Severity = cut ? "warning" : t.chainPresent ? "error" : absenceSeverity(ctx);
      const why = cut ? `${t.problem} (the dump is cut off inside ${cascadeJump.target})` : t.problem;
      findings.push(
        finding("unresolved-endpoint", severity, `An endpoint of ${name} has no address: ${why}.`, {
          service: name,
          chain: cascadeJump.target,
          line: cascadeJump.rule.line,
        }),
      );
    }
    if (cascadeJump.unreachable) {
      findings.push(
        finding(
          "unreachable-endpoint",
          "warning",
          `The jump to ${cascadeJump.target} in ${cascadeJump.rule.chain} comes after an unconditional jump, so it never gets a connection.`,
          { service: name, chain: cascadeJump.target, line: cascadeJump.rule.line },
        ),
      );
    }
  };
  for (const j of primary?.jumps ?? []) add(j, true);
  if (local !== null && local !== primary) for (const j of local.jumps) if (!seen.has(j.target)) add(j, false);
  for (const c of [primary, local === primary ? null : local]) {
    const gap = c === null ? null : gapFinding(name, c);
    if (gap !== null) findings.push(gap);
  }
  return {
    endpoints,
    findings,
    affinitySeconds: primary?.affinitySeconds ?? local?.affinitySeconds ?? null,
    chain: primary?.chain ?? null,
    localChain: local?.chain ?? null,
  };
}
