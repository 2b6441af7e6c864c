// The sentence for each finding code, written for someone who just got "connection refused".

import type { Finding, Service } from "../model/types.ts";

/** Codes in order of importance: the first one present names the verdict. Unknown codes come after these. */
export const CODE_ORDER: readonly string[] = [
  "no-endpoints",
  "no-local-endpoints",
  "legacy-tables-present",
  "ipvs-mode",
  "nftables-mode",
  "no-kube-proxy-rules",
  "unresolved-endpoint",
  "dangling-jump",
  "probability-gap",
  "orphan-chain",
  "truncated-input",
  "name-hash-mismatch",
  "live-one-endpoint",
  "live-idle-endpoint",
  "live-skew",
  "lb-source-ranges",
  "unparsed-lines",
];

/** Rank of a code for sorting (unknown codes last, in their own order). */
export function codeRank(code: string): number {
  const i = CODE_ORDER.indexOf(code);
  return i === -1 ? CODE_ORDER.length : i;
}

const STALE = "kube-proxy may have stopped syncing this node, or the dump is partial";

function isExternalChain(chain: string | null): boolean | null {
  if (chain === null) return null;
  if (chain === "KUBE-EXTERNAL-SERVICES" || /^KUBE-(XLB|EXT|FW|NODEPORTS)/.test(chain)) return true;
  if (chain === "KUBE-SERVICES" || /^KUBE-(SVL|SVC)-/.test(chain)) return false;
  return null;
}

function hasExternalFrontends(service: Service): boolean {
  return service.nodePorts.length + service.externalIPs.length + service.loadBalancerIPs.length > 0;
}

function noLocal(service: Service | null, finding: Finding): string {
  const external =
    isExternalChain(finding.chain) ??
    (/internal/i.test(finding.message) ? false : service ? hasExternalFrontends(service) : true);
  return external
    ? "traffic arriving at this node is dropped: externalTrafficPolicy is Local and no ready endpoint runs on this node"
    : "connections from pods on this node are dropped: internalTrafficPolicy is Local and no ready endpoint runs on this node";
}

function fallThrough(service: Service | null): string {
  if (service && service.endpoints.length > 0) {
    const covered = service.endpoints.reduce((s, e) => s + e.probability, 0);
    const rest = 1 - covered;
    if (rest > 1e-6 && rest <= 1) {
      return `about ${(rest * 100).toFixed(1)}% of new connections find no endpoint: the endpoint cascade can fall through (its last jump is conditional)`;
    }
  }
  return "some new connections find no endpoint: the endpoint cascade can fall through (its last jump is conditional)";
}

/** A model message as a clause: no final period, lower-case start unless it starts with a name. */
export function asClause(message: string): string {
  const m = message.trim().replace(/\.$/, "");
  return /^[A-Z][a-z]/.test(m) ? m[0]!.toLowerCase() + m.slice(1) : m;
}

/** Codes whose own sentence also fits a note; other notes (info findings) keep the model's more specific words. */
const OWN_NOTES = new Set(["lb-source-ranges", "probability-gap"]);

/** The sentence for one finding of a service (or of the dump when service is null). */
export function findingSentence(finding: Finding, service: Service | null): string {
  if (finding.severity === "info" && !OWN_NOTES.has(finding.code)) return asClause(finding.message);
  switch (finding.code) {
    case "no-endpoints":
      return "connections are refused: the service has no ready endpoints";
    case "no-local-endpoints":
      return noLocal(service, finding);
    case "unresolved-endpoint":
      return `stale rules: an endpoint has no usable DNAT target, so connections sent to it fail (${STALE})`;
    case "dangling-jump":
      return `stale rules: a jump points to a chain that is not in the dump (${STALE})`;
    case "orphan-chain":
      return `stale rules: chains are left over that nothing jumps to (${STALE})`;
    case "probability-gap":
      return fallThrough(service);
    case "name-hash-mismatch":
      return "chain names do not match the service name: these rules were edited, or not written by kube-proxy";
    case "lb-source-ranges": {
      const ranges = service?.sourceRanges ?? [];
      const from = ranges.length > 0 ? `outside ${ranges.join(", ")}` : "outside the allowed source ranges";
      return `load-balancer traffic from ${from} is dropped (loadBalancerSourceRanges)`;
    }
    case "legacy-tables-present":
      return "split brain: rules exist in both iptables-legacy and iptables-nft; kube-proxy uses one, so this view may show the wrong set";
    case "ipvs-mode":
      return "kube-proxy runs in IPVS mode here: services live in IPVS (ipvsadm -Ln), not in iptables NAT chains";
    case "nftables-mode":
      return "kube-proxy runs in nftables mode here: services live in `nft list table ip kube-proxy`, not in iptables";
    case "no-kube-proxy-rules":
      return "no kube-proxy rules in this dump: kube-proxy is not in iptables mode here, or it uses the other iptables backend";
    case "truncated-input":
      return "the dump looks cut off: services after the cut are missing";
    case "unparsed-lines":
      return "some lines could not be read as rules";
    default:
      return asClause(finding.message);
  }
}
