// What is gathered about one service port while reading the dump, before it becomes a Service.

import { detach } from "../../grammar/detach.ts";
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
  /** Lists shared and empty until the first add (see withAdded): most ports have none. */
  noEndpoints: readonly DropMark[];
  noLocalEndpoints: readonly DropMark[];
  /** First input line about this service port. */
  firstLine: number;
  /** The final service name, set once every group is named. */
  name: string | null;
  /** Findings about this port found outside its own chains (name hash, dangling jumps, conflicts). */
  notes: readonly Finding[];
}

const NONE: readonly never[] = Object.freeze([]);

/** The list with a value added at its end: the shared empty list is replaced, never changed. */
export function withAdded<T>(list: readonly T[], value: T): readonly T[] {
  if (list.length === 0) return [value];
  (list as T[]).push(value);
  return list;
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
    noEndpoints: NONE,
    noLocalEndpoints: NONE,
    firstLine: line,
    name: null,
    notes: NONE,
  };
}

/** The list with the value appended once, as a new array of exact length (these lists end up in the Services). */
export function withUnique<T>(list: T[], value: T): T[] {
  if (list.includes(value)) return list;
  const out = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i]!;
  out[list.length] = value;
  return out;
}

/**
 * Sets a chain of the group unless it has one of that kind already (a kind and hash suffix make one name). The
 * Service keeps the name: the entry's copy, else a copy of `chain` (a slice of the dump text).
 */
export function setChain(g: Group, kind: ChainKind, chain: string, entry: ChainEntry | undefined): void {
  if (g.chains[kind] === null) {
    g.chains[kind] = entry !== undefined ? entry.name : detach(chain);
    g.entries[kind] = entry;
    if (entry !== undefined) entry.group = g;
  }
}
