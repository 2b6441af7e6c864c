// What is gathered about one service port while reading the dump, before it becomes a Service.

import type { ChainEntry } from "./chain-index.ts";
import type { ChainKind } from "./chain-kinds.ts";
import type { Finding } from "./types.ts";

/** A filter-table (or nat KUBE-MARK-DROP) rule saying a service port has no (local) endpoints. */
export interface DropMark {
  readonly chain: string;
  readonly line: number;
  /** What the rule drops: traffic to the cluster IP, or external traffic (node ports, external/LB IPs). */
  readonly traffic: "internal" | "external";
}

/** The mutable record of one service port while the dump is read. */
export interface Group {
  /** The chains' shared hash suffix, or `name:<servicePortName>` for a port with no nat chains. */
  readonly key: string;
  readonly suffix: string | null;
  readonly chains: Record<ChainKind, string | null>;
  /** The nat index entries of those chains, where known when the chain was set (else looked up by name). */
  readonly entries: Record<ChainKind, ChainEntry | undefined>;
  /** servicePortName as written in the first comment naming it (null until named). */
  written: string | null;
  nameSource: "comment" | "hash" | "chain";
  protocol: string | null;
  clusterIP: string | null;
  port: number | null;
  /** Line of the rule the cluster IP came from. */
  clusterLine: number | null;
  nodePorts: number[];
  externalIPs: string[];
  loadBalancerIPs: string[];
  healthCheckNodePort: number | null;
  /** Reached from KUBE-SERVICES or KUBE-NODEPORTS (false: only its chains exist). */
  hasFrontend: boolean;
  /** Some frontend had no kube-proxy comment, so its kind was guessed from the chain. */
  guessedFrontends: boolean;
  noEndpoints: DropMark[];
  noLocalEndpoints: DropMark[];
  /** First input line about this service port. */
  firstLine: number;
  /** The final service name, set once every group is named. */
  name: string | null;
  /** Findings about this port found outside its own chains (name hash, dangling jumps, conflicts). */
  notes: Finding[];
}

/** A fresh group for a chain suffix or a name. */
export function newGroup(key: string, suffix: string | null, line: number): Group {
  return {
    key,
    suffix,
    chains: { svc: null, svl: null, ext: null, fw: null, xlb: null },
    entries: { svc: undefined, svl: undefined, ext: undefined, fw: undefined, xlb: undefined },
    written: null,
    nameSource: "comment",
    protocol: null,
    clusterIP: null,
    port: null,
    clusterLine: null,
    nodePorts: [],
    externalIPs: [],
    loadBalancerIPs: [],
    healthCheckNodePort: null,
    hasFrontend: false,
    guessedFrontends: false,
    noEndpoints: [],
    noLocalEndpoints: [],
    firstLine: line,
    name: null,
    notes: [],
  };
}

/** Appends a value once. */
export function addUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** Sets a chain of the group unless it has one of that kind already (a kind and hash suffix make one name). */
export function setChain(g: Group, kind: ChainKind, chain: string, entry: ChainEntry | undefined): void {
  if (g.chains[kind] === null) {
    g.chains[kind] = chain;
    g.entries[kind] = entry;
    if (entry !== undefined) entry.group = g;
  }
}
