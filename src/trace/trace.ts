// trace: where would this packet go? nat (PREROUTING or OUTPUT → KUBE-SERVICES → …) then kube-proxy's filter chains.

import type { ParsedDump } from "../../grammar/types.ts";
import { hostPort, isLocalAddress, splitDestination } from "./address.ts";
import type { PacketView } from "./match.ts";
import { summarise } from "./summary.ts";
import type { Packet, TraceBranch, TraceResult, TraceStep, VerdictKind } from "./types.ts";
import { indexDump, type TableIndex, type WalkEnd, Walker, type WalkState } from "./walk.ts";

// Where kube-proxy hooks its filter chains (proxier.go iptablesJumpChains), in the order they end up.
const FILTER_HOOKS = {
  OUTPUT: ["KUBE-PROXY-FIREWALL", "KUBE-SERVICES"],
  INPUT: ["KUBE-PROXY-FIREWALL", "KUBE-NODEPORTS", "KUBE-EXTERNAL-SERVICES"],
  FORWARD: ["KUBE-PROXY-FIREWALL", "KUBE-FORWARD", "KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES"],
} as const;

// Arriving packets take INPUT (for the node) or FORWARD; the node's own take OUTPUT, then INPUT when for itself.
function filterChains(fromLocal: boolean, toNode: boolean): readonly string[] {
  if (!fromLocal) return toNode ? FILTER_HOOKS.INPUT : FILTER_HOOKS.FORWARD;
  return toNode ? [...FILTER_HOOKS.OUTPUT, ...FILTER_HOOKS.INPUT] : FILTER_HOOKS.OUTPUT;
}

interface Source {
  readonly ip: string | null;
  readonly local: boolean;
}

function viewOf(packet: Packet, src: Source, dst: string, dport: number, state: WalkState): PacketView {
  return {
    dst,
    dport,
    proto: packet.proto,
    src: src.ip,
    srcLocal: src.local,
    dstLocal: isLocalAddress(dst, packet.nodeIPs),
    mark: state.mark,
    ctstates: new Set(state.dnat ? ["NEW", "DNAT"] : ["NEW"]),
  };
}

const INITIAL: WalkState = { mark: 0, masq: false, share: 1, steps: [], dnat: false };

// Chooses where the nat walk starts: the hook chain when the dump has it, else KUBE-SERVICES.
function natStart(nat: TableIndex | undefined, hook: string, notes: string[]): string | null {
  if (nat && (nat.rules.get(hook)?.length ?? 0) > 0) return hook;
  if (nat?.has("KUBE-SERVICES")) {
    notes.push(`the dump has no nat ${hook} rules: the walk starts at KUBE-SERVICES`);
    return "KUBE-SERVICES";
  }
  notes.push("the dump has no nat KUBE-SERVICES chain: no kube-proxy rule can match");
  return null;
}

interface FilterOutcome {
  readonly steps: readonly TraceStep[];
  readonly kind: "accept" | "drop" | "reject" | "none";
  readonly share: number;
}

// Runs kube-proxy's filter chains for the hook the (post-nat) packet takes; the first verdict wins.
function filterWalk(
  filter: TableIndex | undefined,
  chains: readonly string[],
  walker: (table: TableIndex) => Walker,
  state: WalkState,
): FilterOutcome[] {
  let pending: FilterOutcome[] = [{ steps: [], kind: "none", share: 1 }];
  if (!filter) return pending;
  const w = walker(filter);
  for (const chain of chains) {
    if (!filter.has(chain)) continue;
    const next: FilterOutcome[] = [];
    for (const p of pending) {
      if (p.kind !== "none") {
        next.push(p);
        continue;
      }
      for (const e of w.walk(chain, { ...state, steps: p.steps, share: p.share })) {
        const kind = e.kind === "accept" || e.kind === "drop" || e.kind === "reject" ? e.kind : "none";
        next.push({ steps: e.state.steps, kind, share: e.state.share });
      }
    }
    pending = next;
  }
  return pending;
}

function branchOf(end: WalkEnd, filter: FilterOutcome | null): TraceBranch {
  const share = end.state.share * (filter?.share ?? 1);
  const base = { share, nat: end.state.steps, filter: filter?.steps ?? [], masquerade: end.state.masq };
  const none = { destination: null, endpointChain: null, missingChain: null };
  if (filter && (filter.kind === "drop" || filter.kind === "reject")) return { ...base, ...none, verdict: filter.kind };
  if (filter?.kind === "accept" && end.kind !== "dnat" && end.kind !== "redirect") {
    return { ...base, ...none, verdict: "accept" };
  }
  switch (end.kind) {
    case "dnat":
      return { ...base, ...none, verdict: "dnat", destination: end.to, endpointChain: end.chain };
    case "redirect":
      return { ...base, ...none, verdict: "redirect", destination: end.to };
    case "dangling":
    case "loop":
      return { ...base, ...none, verdict: end.kind, missingChain: end.chain };
    case "drop":
    case "reject":
      return { ...base, ...none, verdict: end.kind };
    default:
      return { ...base, ...none, verdict: "no-match" as VerdictKind };
  }
}

/** Traces the first packet of a connection through the dump's nat and filter rules, following every branch. */
export function trace(dump: ParsedDump, packet: Packet): TraceResult {
  const notes: string[] = [];
  let fromLocal = packet.fromLocal;
  let srcIp = packet.src ?? null;
  if (srcIp !== null && !fromLocal && isLocalAddress(srcIp, packet.nodeIPs)) {
    fromLocal = true;
    notes.push(`source ${srcIp} is a node address: traced as a connection the node opens (nat OUTPUT)`);
  }
  if (fromLocal && srcIp === null) srcIp = packet.nodeIPs[0] ?? null;
  if (srcIp === null && !fromLocal) notes.push("no source given: traced as an outside client that matches no -s range");
  const src: Source = { ip: srcIp, local: fromLocal };
  const tables = indexDump(dump);
  const nat = tables.get("nat");
  const filter = tables.get("filter");
  const hook = fromLocal ? "OUTPUT" : "PREROUTING";
  const start = natStart(nat, hook, notes);
  const walkers: Walker[] = [];
  const walker = (table: TableIndex, dst: string, dport: number) => {
    // the view changes only with the mark and the DNAT state: build it once per combination
    const views = new Map<string, PacketView>();
    const view = (s: WalkState) => {
      const key = `${s.mark}|${s.dnat}`;
      const seen = views.get(key);
      if (seen) return seen;
      const v = viewOf(packet, src, dst, dport, s);
      views.set(key, v);
      return v;
    };
    const w = new Walker(table, view);
    walkers.push(w);
    return w;
  };
  const natEnds: WalkEnd[] =
    nat && start
      ? walker(nat, packet.dst, packet.dport).walk(start, INITIAL)
      : [{ kind: "return", state: INITIAL, rule: null }];
  const branches: TraceBranch[] = [];
  for (const end of natEnds) {
    if (end.kind === "dangling" || end.kind === "loop" || end.kind === "drop" || end.kind === "reject") {
      branches.push(branchOf(end, null));
      continue;
    }
    let dst = packet.dst;
    let dport = packet.dport;
    if (end.kind === "dnat") {
      const d = splitDestination(end.to);
      if (d) {
        dst = d.ip;
        dport = d.port ?? dport;
      }
    } else if (end.kind === "redirect") {
      dport = Number(end.to.split("-")[0]) || dport;
    }
    const chains = filterChains(fromLocal, isLocalAddress(dst, packet.nodeIPs));
    const outcomes = filterWalk(filter, chains, (t) => walker(t, dst, dport), { ...end.state, steps: [], share: 1 });
    for (const f of outcomes) {
      const b = branchOf(end, f);
      branches.push(end.kind === "redirect" ? { ...b, destination: hostPort(dst, dport) } : b);
    }
  }
  for (const w of walkers) for (const n of w.notes) if (!notes.includes(n)) notes.push(n);
  if (!filter)
    notes.push("the dump has no filter table: REJECT/DROP rules for services without endpoints are not seen");
  return summarise({ ...packet, src: srcIp, fromLocal }, start ?? hook, branches, notes);
}
