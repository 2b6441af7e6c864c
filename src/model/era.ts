// A rough guess of which kube-proxy wrote the rules, from shapes that changed between releases.

import { chainPresent, chainRules, type TableIndex } from "./chain-index.ts";
import { isSepChain } from "./chain-kinds.ts";
import { parseComment } from "./comments.ts";
import type { Group } from "./group.ts";
import { ruleFacts } from "./rule-facts.ts";

// How SVC→SEP jumps are commented: "ns/svc:port -> ip:port" (1.24+), bare "ns/svc:port", or not at all.
function endpointCommentStyle(nat: TableIndex, groups: readonly Group[]): "arrow" | "bare" | "none" | null {
  for (const g of groups) {
    const chain = g.chains.svc ?? g.chains.svl;
    if (chain === null) continue;
    for (const rule of chainRules(nat, chain)) {
      if (!isSepChain(rule.target)) continue;
      const c = parseComment(ruleFacts(rule).comment);
      return c === null ? "none" : c.kind === "endpoint" ? "arrow" : "bare";
    }
  }
  return null;
}

/** Guesses the kube-proxy era, e.g. "1.24+ (KUBE-EXT/SVL)"; null when there are no kube-proxy service rules. */
export function guessEra(nat: TableIndex, filter: TableIndex, groups: readonly Group[], ipvs: boolean): string | null {
  if (ipvs) return "IPVS mode (KUBE-SERVICES matches ipsets)";
  const has = (kind: "ext" | "svl" | "xlb" | "fw") => groups.some((g) => g.chains[kind] !== null);
  const style = endpointCommentStyle(nat, groups);
  const named = groups.some((g) => g.nameSource === "comment");
  let era: string | null = null;
  if (chainPresent(filter, "KUBE-PROXY-FIREWALL")) era = "1.25+ (KUBE-PROXY-FIREWALL)";
  else if (has("ext") || has("svl")) era = "1.24+ (KUBE-EXT/SVL)";
  else if (has("xlb")) era = "≤1.23 (KUBE-XLB)";
  else if (groups.some((g) => g.written?.endsWith(":"))) era = "≤1.20 (unnamed ports as ns/name:)";
  else if (style === "arrow") era = "1.24+ (endpoint comments name the address)";
  else if (style === "bare") era = "≤1.23 (bare endpoint comments)";
  if (groups.length > 0 && !named) return era === null ? "no comments (OpenShift SDN?)" : `${era}, no comments`;
  if (style === "none") {
    const large = "large-cluster mode (no endpoint comments)";
    return era === null ? large : `${era}, ${large}`;
  }
  return era;
}
