// What a packet trace takes and gives: the packet, the rules it meets branch by branch, and the verdict.

import type { Counters } from "../../grammar/types.ts";

export type Protocol = "tcp" | "udp" | "sctp";

/** The first packet of a new connection, as the node sees it. */
export interface Packet {
  readonly dst: string;
  readonly dport: number;
  readonly proto: Protocol;
  /** Source address; null or absent: an outside client that matches no `-s` range. */
  readonly src?: string | null;
  /** The node itself opens the connection (nat OUTPUT instead of PREROUTING). */
  readonly fromLocal: boolean;
  /** The node's own addresses: `addrtype LOCAL` matches these and 127.0.0.0/8, ::1. */
  readonly nodeIPs: readonly string[];
}

/** One rule the packet met. */
export interface TraceStep {
  readonly table: string;
  readonly chain: string;
  readonly line: number;
  readonly raw: string;
  /** True when the rule matched and its target ran; false for a branch not taken (statistic, affinity). */
  readonly matched: boolean;
  /** The chance of this branch at this rule: p when a statistic rule is taken, 1 − p when not; else null. */
  readonly probability: number | null;
  readonly counters: Counters | null;
  readonly target: string | null;
  /** The rule's comment, when it has one. */
  readonly comment: string | null;
  /** What this rule meant for the packet, when worth saying (masquerade mark, affinity, an assumption). */
  readonly note: string | null;
}

/** How one branch of the walk ended. */
export type VerdictKind = "dnat" | "redirect" | "reject" | "drop" | "accept" | "no-match" | "dangling" | "loop";

/** One way the packet can go (statistic rules split the walk), with its chance. */
export interface TraceBranch {
  readonly share: number;
  /** nat rules met, in order. */
  readonly nat: readonly TraceStep[];
  /** kube-proxy filter rules met after nat (with the destination nat left). */
  readonly filter: readonly TraceStep[];
  readonly verdict: VerdictKind;
  /** `ip:port` of the DNAT (or REDIRECT port), null without one. */
  readonly destination: string | null;
  /** The SEP chain holding the DNAT, when there is one. */
  readonly endpointChain: string | null;
  /** The packet was marked for masquerade (a KUBE-MARK-MASQ jump): the pod sees the node's address. */
  readonly masquerade: boolean;
  /** For `dangling`, the missing chain; for `loop`, the chain seen twice. */
  readonly missingChain: string | null;
}

/** An endpoint the packet can reach, with its share of new connections. */
export interface TraceEndpoint {
  readonly address: string;
  readonly chain: string | null;
  readonly share: number;
  readonly masquerade: boolean;
}

export interface TraceResult {
  readonly packet: Packet;
  /** Where the nat walk began: `PREROUTING`, `OUTPUT`, or `KUBE-SERVICES` for dumps without built-in chains. */
  readonly start: string;
  /** The service port named by the rules on the way (from comments), or null. */
  readonly service: string | null;
  readonly branches: readonly TraceBranch[];
  readonly endpoints: readonly TraceEndpoint[];
  /** Masqueraded on every branch (yes), none (no), or only some. */
  readonly masquerade: "yes" | "no" | "some";
  readonly verdict: { readonly kind: VerdictKind | "mixed"; readonly sentence: string };
  /** Assumptions and remarks: affinity, unknown matches, where the walk started. */
  readonly notes: readonly string[];
}
