// The topology kube-proxy meant: services, their chains and endpoints, and findings. Plain data.
// Field names match the JSON output documented in README.md; keep them stable.

import type { Backend, Diagnostic, DumpFormat } from "../../grammar/types.ts";

export type Severity = "error" | "warning" | "info";

/** A stable code per kind of finding; see README.md for the list and meaning. */
export type FindingCode =
  | "no-endpoints"
  | "no-local-endpoints"
  | "unresolved-endpoint"
  | "orphan-chain"
  | "dangling-jump"
  | "probability-gap"
  | "truncated-input"
  | "ipvs-mode"
  | "nftables-mode"
  | "legacy-tables-present"
  | "name-hash-mismatch"
  | "unparsed-lines"
  | "no-kube-proxy-rules"
  | "lb-source-ranges"
  | "unreachable-endpoint"
  | "duplicate-frontend"
  | "name-recovered"
  | "name-unknown"
  | "partial-sync-payload"
  | "foreign-dnat"
  | "approximate-counters"
  | (string & {});

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  /** A sentence a user understands. */
  readonly message: string;
  /** `ns/name:port` when the finding is about one service port. */
  readonly service: string | null;
  readonly chain: string | null;
  /** 1-based input line the finding points at, when there is one. */
  readonly line: number | null;
}

/** The service-port chains kube-proxy made for one service port (null where absent). */
export interface ServiceChains {
  readonly svc: string | null;
  readonly svl: string | null;
  readonly ext: string | null;
  readonly fw: string | null;
  readonly xlb: string | null;
}

// Fields marked optional below were added after the first contract; buildTopology always sets them.

/** Rules whose counters make up an endpoint's packets/bytes: indices into the named table's `rules`. */
export interface CounterSource {
  readonly table: string;
  readonly rules: readonly number[];
}

export interface Endpoint {
  /** `10.244.1.2:8080`, `[fd00::1]:8080`; null when the target is missing, empty, `0.0.0.0:0` or garbled. */
  readonly address: string | null;
  /** The KUBE-SEP chain, or null when the endpoint is only known from a comment. */
  readonly chain: string | null;
  /** Effective share of new connections through the service chain: p_i × Π_{j<i}(1−p_j). */
  readonly probability: number;
  /** Raw `--probability` on the jump, null for an unconditional (last) jump. */
  readonly rawProbability: number | null;
  /** Effective share among local endpoints (through KUBE-SVL/KUBE-XLB), null when not reachable that way. */
  readonly localProbability: number | null;
  /** Packets (= new connections in nat) through this endpoint's jump; null without counters. */
  readonly packets: number | null;
  readonly bytes: number | null;
  /** Reachable from SVL/XLB (node-local); null when the dump cannot tell (no local chain at all). */
  readonly local: boolean | null;
  /** Input line of the jump to this endpoint. */
  readonly line: number | null;
  /** Where the address came from: the SEP's DNAT rule, or the jump's comment when the SEP chain is absent. */
  readonly addressSource?: "dnat" | "comment" | null;
  /** Raw `--probability` on the local chain's (SVL/XLB) jump, null when unconditional or not local. */
  readonly localRawProbability?: number | null;
  /** False for an endpoint reached only through the local chain (SVL/XLB), not the service chain. */
  readonly inServiceChain?: boolean;
  /** The rules packets/bytes were read from (the SEP's DNAT rule, else the jumps into it); null without counters. */
  readonly counterSource?: CounterSource | null;
}

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalIP";

export interface Service {
  /** servicePortName as written: `ns/name:port`, or `ns/name` for unnamed ports (old `ns/name:` is normalised). */
  readonly name: string;
  readonly namespace: string;
  readonly protocol: string | null;
  readonly clusterIP: string | null;
  readonly port: number | null;
  readonly nodePorts: readonly number[];
  readonly externalIPs: readonly string[];
  readonly loadBalancerIPs: readonly string[];
  /** LB source ranges allowed by KUBE-FW (empty when none). */
  readonly sourceRanges: readonly string[];
  readonly affinitySeconds: number | null;
  readonly type: ServiceType;
  readonly chains: ServiceChains;
  /** Endpoints in rule order of the service chain (or the local chain when there is no service chain). */
  readonly endpoints: readonly Endpoint[];
  readonly findings: readonly Finding[];
  /** Health-check node port (filter ACCEPT "… health check node port"), for eTP=Local load balancers. */
  readonly healthCheckNodePort?: number | null;
  /** How the name was found: a kube-proxy comment, the chain hash of a name seen elsewhere, or the chain itself. */
  readonly nameSource?: "comment" | "hash" | "chain";
  /** Some of its chains are jumped to but absent from the dump (partial-sync payload, cut paste): endpoints unknown. */
  readonly incomplete?: boolean;
}

export interface InputInfo {
  readonly format: DumpFormat;
  readonly tables: readonly string[];
  readonly backend: Backend | null;
  readonly lines: number;
  readonly rules: number;
}

/** The whole picture rebuilt from one dump. */
export interface Topology {
  readonly input: InputInfo;
  /** Sorted by name. */
  readonly services: readonly Service[];
  /** All findings, service ones included. */
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** A rough guess of the kube-proxy era from rule shapes, e.g. "≥1.24 (KUBE-EXT/SVL)". */
  readonly era: string | null;
}
