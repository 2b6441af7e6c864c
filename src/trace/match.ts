// Does one rule match the packet? Like kube-proxy's test tracer: addresses, protocol, ports, addrtype, mark,
// conntrack state, statistic branches and affinity, with unknown matches assumed to match (and said so).

import type { Rule, RuleOption } from "../../grammar/types.ts";
import { inRange, inSpan } from "./address.ts";
import type { Protocol } from "./types.ts";

/** The packet as a rule sees it at one point of the walk. */
export interface PacketView {
  readonly dst: string;
  readonly dport: number;
  readonly proto: Protocol;
  /** null: an outside client that matches no `-s` range. */
  readonly src: string | null;
  readonly srcLocal: boolean;
  readonly dstLocal: boolean;
  readonly mark: number;
  /** Conntrack states of the connection: NEW, plus DNAT once nat rewrote the destination. */
  readonly ctstates: ReadonlySet<string>;
}

export type MatchResult =
  /** No match; notes still say what was assumed on the way (an unknown interface). */
  | { readonly kind: "no"; readonly notes: readonly string[] }
  | { readonly kind: "yes"; readonly notes: readonly string[] }
  /** A statistic rule: matches with this probability; the walk follows both ways. */
  | { readonly kind: "branch"; readonly probability: number; readonly notes: readonly string[] }
  /** A `recent --rcheck` affinity rule: matches only for a returning client; a new client passes it. */
  | { readonly kind: "affinity"; readonly note: string };

const PROTO_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "132": "sctp" };
const CORE = new Set(["-s", "--source", "--src", "-d", "--destination", "--dst", "-p", "--protocol"]);
const INTERFACE = new Set(["-i", "--in-interface", "-o", "--out-interface"]);
const KNOWN_MODULES = new Set([
  "comment",
  "tcp",
  "udp",
  "sctp",
  "udplite",
  "multiport",
  "addrtype",
  "statistic",
  "recent",
  "mark",
  "connmark",
  "conntrack",
  "state",
  "nfacct",
  "iprange",
]);

function portIn(port: number, spec: string): boolean {
  return spec.split(",").some((part) => {
    const [lo, hi] = part.split(":");
    const l = lo === "" || lo === undefined ? 0 : Number(lo);
    const h = hi === undefined ? l : hi === "" ? 65535 : Number(hi);
    return port >= l && port <= h;
  });
}

function protoMatches(value: string, proto: Protocol): boolean {
  const v = PROTO_NUMBERS[value] ?? value.toLowerCase();
  return v === "all" || v === "0" || v === proto;
}

function addressMatches(address: string | null, spec: string): boolean {
  if (address === null) return false;
  return spec.split(",").some((part) => inRange(address, part) === true);
}

function markMatches(mark: number, spec: string): boolean {
  const [v, m] = spec.split("/");
  const value = Number(v);
  const mask = m === undefined ? 0xffffffff : Number(m);
  if (!Number.isFinite(value) || !Number.isFinite(mask)) return false;
  return (mark & mask) >>> 0 === (value & mask) >>> 0;
}

function typeMatches(spec: string, local: boolean): boolean | null {
  let known = true;
  const hit = spec.split(",").some((t) => {
    const type = t.toUpperCase();
    if (type === "LOCAL") return local;
    if (type === "UNICAST") return !local;
    known = false;
    return false;
  });
  return hit || known ? hit : null;
}

const ALL_FLAGS = ["SYN", "ACK", "FIN", "RST", "URG", "PSH"];

function flagList(spec: string): string[] {
  return spec.split(",").flatMap((f) => (f === "ALL" ? ALL_FLAGS : f === "NONE" ? [] : [f]));
}

// `--tcp-flags MASK SET`: the first packet of a connection carries SYN alone.
function tcpFlagsMatch(values: readonly string[]): boolean {
  const set = flagList(values[1] ?? "");
  return flagList(values[0] ?? "").every((f) => (f === "SYN") === set.includes(f));
}

// One option's verdict: true/false, or null when it does not decide anything (a modifier or a label).
function optionMatches(o: RuleOption, module: string | null, p: PacketView, notes: string[]): boolean | null {
  const v = o.values[0] ?? "";
  switch (o.name) {
    case "-s":
    case "--source":
    case "--src":
      return addressMatches(p.src, v);
    case "-d":
    case "--destination":
    case "--dst":
      return addressMatches(p.dst, v);
    case "-p":
    case "--protocol":
      return protoMatches(v, p.proto);
    case "-f":
    case "--fragment":
      return false;
    case "--dport":
    case "--destination-port":
    case "--dports":
    case "--destination-ports":
    case "--ports":
      return portIn(p.dport, v);
    case "--sport":
    case "--source-port":
    case "--sports":
    case "--source-ports":
      notes.push(`source port unknown: assumed to match ${o.negated ? "! " : ""}${o.name} ${v}`);
      return !o.negated;
    case "--syn":
      return true;
    case "--tcp-flags":
      return tcpFlagsMatch(o.values);
    case "--dst-type":
    case "--src-type": {
      const r = typeMatches(v, o.name === "--dst-type" ? p.dstLocal : p.srcLocal);
      if (r === null) notes.push(`address type ${v} unknown: assumed to match`);
      return r === null ? !o.negated : r;
    }
    case "--mark":
      return module === "connmark" ? markMatches(0, v) : markMatches(p.mark, v);
    case "--ctstate":
    case "--state":
      return v.split(",").some((s) => p.ctstates.has(s.toUpperCase()));
    case "--src-range":
      return p.src === null ? false : inSpan(p.src, v) === true;
    case "--dst-range":
      return inSpan(p.dst, v) === true;
    default:
      return null;
  }
}

/** Matches the options before the target (`-j`/`-g`) against the packet. */
export function matchRule(rule: Rule, p: PacketView): MatchResult {
  const notes: string[] = [];
  let module: string | null = null;
  let probability = 1;
  let branch = false;
  let affinity: string | null = null;
  for (const o of rule.options) {
    if (o.name === "-j" || o.name === "--jump" || o.name === "-g" || o.name === "--goto") break;
    if (o.name === "-m" || o.name === "--match") {
      module = o.values[0] ?? null;
      if (module !== null && !KNOWN_MODULES.has(module)) notes.push(`-m ${module} is not modelled: assumed to match`);
      continue;
    }
    if (INTERFACE.has(o.name)) {
      const name = o.values[0] ?? "";
      if (name === "+") continue;
      notes.push(`interface unknown: assumed not ${name}`);
      if (!o.negated) return { kind: "no", notes };
      continue;
    }
    if (module !== null && !KNOWN_MODULES.has(module) && !CORE.has(o.name)) continue;
    if (module === "statistic") {
      if (o.name === "--probability") {
        const q = Number(o.values[0]);
        probability *= o.negated ? 1 - q : q;
        branch = true;
      } else if (o.name === "--every") {
        const n = Number(o.values[0]);
        probability *= o.negated ? 1 - 1 / n : 1 / n;
        branch = true;
      }
      continue;
    }
    if (module === "recent") {
      if (o.name === "--rcheck" || o.name === "--update") {
        const name = optionValue(rule, "--name") ?? "DEFAULT";
        const seconds = optionValue(rule, "--seconds");
        affinity = `session affinity: a client seen in the last ${seconds ?? "?"} s goes back to its endpoint (${name}); a new client passes`;
      }
      continue;
    }
    const r = optionMatches(o, module, p, notes);
    if (r === null) continue;
    if (r === o.negated) return { kind: "no", notes: [] };
  }
  if (affinity !== null) return { kind: "affinity", note: affinity };
  if (branch) return { kind: "branch", probability: Math.min(1, Math.max(0, probability)), notes };
  return { kind: "yes", notes };
}

/** The first value of an option of the rule (matches or target), or null. */
export function optionValue(rule: Rule, name: string): string | null {
  return rule.options.find((o) => o.name === name)?.values[0] ?? null;
}

/** The options after `-j`/`-g`: the target's own. */
export function targetOptions(rule: Rule): readonly RuleOption[] {
  const i = rule.options.findIndex(
    (o) => o.name === "-j" || o.name === "--jump" || o.name === "-g" || o.name === "--goto",
  );
  return i === -1 ? [] : rule.options.slice(i + 1);
}
