// A service port's endpoints: the service chain's cascade, with local flags and shares from SVL/XLB.

import { type Cascade, type CascadeJump, readCascade } from "./cascade.ts";
import { type ChainEntry, chainRules } from "./chain-index.ts";
import { absenceSeverity, type ModelContext } from "./context.ts";
import { blankTarget, type EndpointTarget, resolveEndpoint } from "./endpoint-target.ts";
import { finding, percent } from "./findings.ts";
import type { GroupChains } from "./group-chains.ts";
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

const NO_SHARES: ReadonlyMap<string, LocalShare> = new Map();

function localShares(cascade: Cascade | null): ReadonlyMap<string, LocalShare> {
  if (cascade === null) return NO_SHARES;
  const out = new Map<string, LocalShare>();
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

// What building one port's endpoint list carries along.
interface Assembly {
  readonly ctx: ModelContext;
  readonly name: string;
  readonly local: Cascade | null;
  readonly shares: ReadonlyMap<string, LocalShare>;
  readonly endpoints: Endpoint[];
  readonly findings: Finding[];
  /** Endpoint chains listed so far, kept only when a separate local chain adds its own. */
  readonly seen: Set<string> | null;
  /** Each endpoint's target, resolved in turn into this one record. */
  readonly target: EndpointTarget;
}

const TARGET = blankTarget();
// Endpoints are listed here, then copied out at their exact length: a list grown by push keeps room for 17.
const ENDPOINTS: Endpoint[] = [];

function problemFinding(a: Assembly, jump: CascadeJump, t: EndpointTarget): Finding {
  const { ctx, name } = a;
  const cut = ctx.cutLine !== null && chainRules(ctx.nat, jump.target).some((r) => r.line === ctx.cutLine);
  const severity: Severity = cut ? "warning" : t.chainPresent ? "error" : absenceSeverity(ctx);
  const why = cut ? `${t.problem} (the dump is cut off inside ${jump.target})` : t.problem;
  return finding("unresolved-endpoint", severity, `An endpoint of ${name} has no address: ${why}.`, {
    service: name,
    chain: jump.target,
    line: jump.rule.line,
  });
}

function addEndpoint(a: Assembly, jump: CascadeJump, inServiceChain: boolean): void {
  const t = a.target;
  resolveEndpoint(a.ctx.nat, jump.entry, jump.target, jump.rule, t);
  const ls = a.local === null ? undefined : a.shares.get(jump.target);
  a.seen?.add(jump.target);
  a.endpoints.push({
    address: t.address,
    chain: jump.target,
    probability: inServiceChain ? jump.share : 0,
    rawProbability: inServiceChain ? jump.rawProbability : null,
    localProbability: ls?.share ?? null,
    packets: t.packets,
    bytes: t.bytes,
    local: a.local !== null ? ls !== undefined : null,
    line: jump.rule.line,
    addressSource: t.addressSource,
    localRawProbability: ls?.raw ?? null,
    inServiceChain,
    counterSource: t.counterSource,
  });
  if (t.problem !== null) a.findings.push(problemFinding(a, jump, t));
  if (jump.unreachable) {
    a.findings.push(
      finding(
        "unreachable-endpoint",
        "warning",
        `The jump to ${jump.target} in ${jump.rule.chain} comes after an unconditional jump, so it never gets a connection.`,
        { service: a.name, chain: jump.target, line: jump.rule.line },
      ),
    );
  }
}

function present(e: ChainEntry | undefined): ChainEntry | null {
  return e?.present === true ? e : null;
}

/** Reads the endpoints of a named group from its SVC (or SVL) chain and its local chain. */
export function buildEndpoints(ctx: ModelContext, chains: GroupChains, name: string): EndpointsResult {
  const nat = ctx.nat;
  const svl = present(chains.svl);
  const primaryChain = present(chains.svc) ?? svl;
  const localChain = svl ?? present(chains.xlb);
  const primary = primaryChain !== null ? readCascade(nat, primaryChain) : null;
  const local = localChain === null ? null : localChain === primaryChain ? primary : readCascade(nat, localChain);
  const a: Assembly = {
    ctx,
    name,
    local,
    shares: localShares(local),
    endpoints: ENDPOINTS,
    findings: [],
    seen: local !== null && local !== primary ? new Set<string>() : null,
    target: TARGET,
  };
  if (primary !== null) {
    const jumps = primary.jumps;
    for (let i = 0; i < jumps.length; i++) addEndpoint(a, jumps[i]!, true);
  }
  if (a.seen !== null) {
    const jumps = local!.jumps;
    for (let i = 0; i < jumps.length; i++) if (!a.seen.has(jumps[i]!.target)) addEndpoint(a, jumps[i]!, false);
  }
  const gap = primary === null ? null : gapFinding(name, primary);
  if (gap !== null) a.findings.push(gap);
  const localGap = local === null || local === primary ? null : gapFinding(name, local);
  if (localGap !== null) a.findings.push(localGap);
  const endpoints = a.endpoints.slice();
  a.endpoints.length = 0;
  return {
    endpoints,
    findings: a.findings,
    affinitySeconds: primary?.affinitySeconds ?? local?.affinitySeconds ?? null,
    chain: primary?.chain ?? null,
    localChain: local?.chain ?? null,
  };
}
