// From the branches of a trace to what a user asks: which endpoints, masqueraded or not, and the verdict.

import type { Packet, TraceBranch, TraceEndpoint, TraceResult, TraceStep, VerdictKind } from "./types.ts";

const SERVICE_IN_COMMENT = /(?:^|\s)([a-z0-9][-a-z0-9.]*\/[a-z0-9][-a-z0-9.]*(?::[-a-z0-9]*)?)(?=\s|$)/i;

/** The `ns/name:port` a rule's comment names, or null. */
export function serviceInComment(comment: string | null): string | null {
  if (comment === null) return null;
  const m = SERVICE_IN_COMMENT.exec(comment);
  return m ? m[1]!.replace(/:$/, "") : null;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function deciding(b: TraceBranch): TraceStep | null {
  const inFilter = b.verdict === "reject" || b.verdict === "drop" || b.verdict === "accept";
  const steps = b.filter.length > 0 && inFilter ? b.filter : b.nat;
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.matched) return steps[i]!;
  return null;
}

function by(step: TraceStep | null): string {
  if (!step) return "";
  const why = step.comment ? ` (${step.comment})` : "";
  return ` by ${step.table} ${step.chain} line ${step.line}${why}`;
}

function kindSentence(kind: VerdictKind, group: readonly TraceBranch[], endpoints: readonly TraceEndpoint[]): string {
  const first = group[0]!;
  switch (kind) {
    case "dnat":
      return `DNAT to ${endpoints.map((e) => `${e.address} (${pct(e.share)})`).join(", ")}`;
    case "redirect":
      return `REDIRECT to the node's ${first.destination ?? "port"}`;
    case "reject":
      return `REJECT${by(deciding(first))}: the connection is refused`;
    case "drop":
      return `DROP${by(deciding(first))}: the connection times out`;
    case "accept":
      return `ACCEPT${by(deciding(first))}: accepted without NAT`;
    case "dangling":
      return `stops at a jump to ${first.missingChain}, a chain the dump does not have (partial or stale rules)`;
    case "loop":
      return `loops: chain ${first.missingChain} is entered again`;
    default:
      return "no match: no kube-proxy rule handles this packet; it goes on unchanged";
  }
}

/** Builds the result: endpoints with shares, masquerade, the service named on the way and the verdict. */
export function summarise(packet: Packet, start: string, branches: TraceBranch[], notes: string[]): TraceResult {
  const endpoints = new Map<string, { chain: string | null; share: number; masq: boolean }>();
  for (const b of branches) {
    if (b.verdict !== "dnat" || b.destination === null) continue;
    const e = endpoints.get(b.destination);
    if (e) {
      e.share += b.share;
      e.masq &&= b.masquerade;
    } else endpoints.set(b.destination, { chain: b.endpointChain, share: b.share, masq: b.masquerade });
  }
  const eps: TraceEndpoint[] = [...endpoints].map(([address, e]) => ({
    address,
    chain: e.chain,
    share: e.share,
    masquerade: e.masq,
  }));
  const masqueraded = branches.filter((b) => b.masquerade).length;
  const masquerade = masqueraded === 0 ? "no" : masqueraded === branches.length ? "yes" : "some";
  let service: string | null = null;
  for (const b of branches) {
    for (const s of [...b.nat, ...b.filter]) {
      service ??= s.matched ? serviceInComment(s.comment) : null;
    }
  }
  const kinds = new Map<VerdictKind, TraceBranch[]>();
  for (const b of branches) kinds.set(b.verdict, [...(kinds.get(b.verdict) ?? []), b]);
  let verdict: TraceResult["verdict"];
  if (kinds.size === 1) {
    const [kind, group] = [...kinds][0]!;
    verdict = { kind, sentence: kindSentence(kind, group, eps) };
  } else {
    const parts = [...kinds].map(([kind, group]) => {
      const share = group.reduce((s, b) => s + b.share, 0);
      return `${pct(share)}: ${kindSentence(kind, group, kind === "dnat" ? eps : [])}`;
    });
    verdict = { kind: "mixed", sentence: `it depends on the branch — ${parts.join("; ")}` };
  }
  return { packet, start, service, branches, endpoints: eps, masquerade, verdict, notes };
}
