// Input and output shapes of the kube-proxy rule-set generator (tests, benchmark, demo). Plain data.

import type { Endpoint, Service } from "../model/types.ts";

export type Protocol = "tcp" | "udp" | "sctp";
export type TrafficPolicy = "Cluster" | "Local";

/** The kube-proxy release whose rule shapes to write. */
export type Era = "v1.23" | "v1.28" | "v1.32";

export interface PortSpec {
  /** Port name; "" for an unnamed port (servicePortName is then `ns/name`). */
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly nodePort?: number | null;
  /** DNAT port for this service port; default: each endpoint's own port. */
  readonly targetPort?: number | null;
}

export interface EndpointSpec {
  /** Pod IP (IPv4 or IPv6, no brackets). */
  readonly ip: string;
  /** Target port. */
  readonly port: number;
  /** The pod runs on this node. */
  readonly local: boolean;
  /** Not-ready endpoints are left out of the rules, as kube-proxy does. */
  readonly ready: boolean;
}

export interface ServiceSpec {
  readonly namespace: string;
  readonly name: string;
  readonly ports: readonly PortSpec[];
  readonly clusterIP: string;
  readonly externalIPs?: readonly string[];
  readonly loadBalancerIPs?: readonly string[];
  readonly sourceRanges?: readonly string[];
  readonly externalTrafficPolicy?: TrafficPolicy;
  readonly internalTrafficPolicy?: TrafficPolicy;
  /** ClientIP session affinity timeout, or null for none. */
  readonly affinitySeconds?: number | null;
  readonly healthCheckNodePort?: number | null;
  /** Every port of the service uses these endpoints (kept in this order). */
  readonly endpoints: readonly EndpointSpec[];
}

export interface GenOptions {
  /** Rule shapes: v1.23 (KUBE-XLB, KUBE-MARK-DROP), v1.28 and v1.32 (KUBE-EXT/SVL, KUBE-PROXY-FIREWALL). Default v1.32. */
  readonly era?: Era;
  /** Address family of every address in the spec. Default 4. */
  readonly family?: 4 | 6;
  /** Pod CIDR for masquerade rules; null writes no local-detector rules. Default 10.0.0.0/8 or fd00:10:244::/56. */
  readonly clusterCIDR?: string | null;
  /** false = large-cluster mode: no comments on SEP rules and on service → endpoint jumps. Default true. */
  readonly comments?: boolean;
  /** Node IP: when a source range contains it, KUBE-FW also lets the LB IPs themselves in (kube-proxy's allowFromNode). */
  readonly nodeIP?: string | null;
  /** v1.23: declare kubelet's KUBE-MARK-DROP (kube-proxy never does) so the text loads on its own. Default false. */
  readonly declareKubeletChains?: boolean;
  /** Declare the built-in chains and add kube-proxy's jumps from them (PREROUTING/OUTPUT → KUBE-SERVICES …). Default false. */
  readonly hooks?: boolean;
  /** v1.32 with nfacct counters (localhost node-port and INVALID-drop accounting); the kernel needs the nfacct objects. */
  readonly nfacct?: boolean;
  /** v1.23: KUBE-XLB jumps say "Balancing rule N for ns/name:port" (older v1.2x) instead of the bare name. */
  readonly xlbBalancingComments?: boolean;
  /** Decimals of `--probability`. Default 10 (kube-proxy ≥1.9); very old releases wrote 5. */
  readonly probabilityDecimals?: number;
}

/** One expected endpoint, as the model should rebuild it from the dump. */
export type ExpectedEndpoint = Pick<
  Endpoint,
  "address" | "chain" | "probability" | "rawProbability" | "localProbability" | "local"
> & {
  /** Raw `--probability` on the local chain's (SVL/XLB) jump; null when unconditional or not local. */
  readonly localRawProbability: number | null;
  /** Listed from the chain endpoints are read from (KUBE-SVC, or KUBE-SVL when there is none): always true here. */
  readonly inServiceChain: boolean;
};

/** Fields a dump cannot settle for this service (no endpoints: external and LB IPs look alike in filter rules). */
export type AmbiguousField = "externalIPs" | "loadBalancerIPs" | "type";

/** One expected service port, as the model should rebuild it from the dump. */
export type ExpectedService = Pick<
  Service,
  | "name"
  | "namespace"
  | "protocol"
  | "clusterIP"
  | "port"
  | "nodePorts"
  | "externalIPs"
  | "loadBalancerIPs"
  | "sourceRanges"
  | "affinitySeconds"
  | "type"
  | "chains"
> & {
  readonly endpoints: readonly ExpectedEndpoint[];
  /** From the filter ACCEPT "… health check node port" rule. */
  readonly healthCheckNodePort: number | null;
  /** Finding codes the model must report for this service (it may report more, e.g. info ones). */
  readonly findingCodes: readonly string[];
  readonly ambiguous: readonly AmbiguousField[];
};

/** The iptables-restore text and the topology it encodes. */
export interface GeneratedRuleSet {
  readonly text: string;
  /** Sorted by name, like Topology.services. */
  readonly services: readonly ExpectedService[];
}
