// Text and JSON forms of a trace: the path rule by rule, branches with their chances, endpoints and the verdict.

import { clean } from "./clean.ts";
import type { TraceBranch, TraceResult, TraceStep } from "./types.ts";

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function stepLine(s: TraceStep): string {
  const where = `${s.table} ${s.chain}:${s.line}`;
  const chance =
    s.probability === null
      ? ""
      : s.matched
        ? ` [p ${s.probability.toFixed(4)} taken]`
        : ` [p ${s.probability.toFixed(4)} not taken]`;
  const skipped = !s.matched && s.probability === null ? " [passed]" : "";
  const pkts = s.counters ? `${s.counters.packets} pkts` : "— pkts";
  const note = s.note ? `\n      ↳ ${clean(s.note)}` : "";
  return `  ${where}${chance}${skipped}  (${pkts})\n      ${clean(s.raw)}${note}`;
}

function commonPrefix(branches: readonly TraceBranch[]): number {
  const first = branches[0]?.nat ?? [];
  let n = first.length;
  for (const b of branches.slice(1)) {
    let i = 0;
    while (i < n && i < b.nat.length && b.nat[i] === first[i]) i++;
    n = i;
  }
  return n;
}

function outcome(b: TraceBranch): string {
  if (b.verdict === "dnat") return `DNAT to ${b.destination}${b.masquerade ? ", masqueraded" : ""}`;
  if (b.verdict === "no-match") return "no match";
  if (b.verdict === "dangling") return `dangling jump to ${b.missingChain}`;
  if (b.verdict === "redirect") return `REDIRECT to ${b.destination}`;
  return b.verdict.toUpperCase();
}

/** The trace as text for a terminal. */
export function formatTraceText(r: TraceResult): string {
  const p = r.packet;
  const from = p.fromLocal ? `the node${p.src ? ` (${p.src})` : ""}` : (p.src ?? "an outside client");
  const out: string[] = [];
  out.push(`trace ${p.proto} ${from} → ${p.dst.includes(":") ? `[${p.dst}]` : p.dst}:${p.dport} (nat ${r.start})`);
  if (r.service) out.push(`service: ${clean(r.service)}`);
  const shared = r.branches.length > 1 ? commonPrefix(r.branches) : 0;
  if (shared > 0) {
    out.push("", "path (every branch):");
    for (const s of r.branches[0]!.nat.slice(0, shared)) out.push(stepLine(s));
  }
  r.branches.forEach((b, i) => {
    const head = r.branches.length > 1 ? `branch ${i + 1} of ${r.branches.length} — ${pct(b.share)} — ` : "path — ";
    out.push("", `${head}${outcome(b)}`);
    const steps = [...b.nat.slice(shared), ...b.filter];
    if (steps.length === 0) out.push("  (no rule matched)");
    for (const s of steps) out.push(stepLine(s));
  });
  out.push("", "endpoints:");
  if (r.endpoints.length === 0) out.push("  none reachable");
  for (const e of r.endpoints) {
    out.push(
      `  ${e.address.padEnd(24)} ${pct(e.share).padStart(6)}  ${e.chain ?? "—"}${e.masquerade ? "  masqueraded" : ""}`,
    );
  }
  out.push(`masquerade: ${r.masquerade}`);
  out.push(`verdict: ${clean(r.verdict.sentence)}`);
  if (r.notes.length > 0) {
    out.push("notes:");
    for (const n of r.notes) out.push(`  - ${clean(n)}`);
  }
  return `${out.join("\n")}\n`;
}

function stepJson(s: TraceStep) {
  return {
    table: s.table,
    chain: s.chain,
    line: s.line,
    rule: s.raw,
    matched: s.matched,
    probability: s.probability,
    packets: s.counters?.packets ?? null,
    bytes: s.counters?.bytes ?? null,
    target: s.target,
    comment: s.comment,
    note: s.note,
  };
}

/** The trace as a JSON-ready value (field names are part of the documented output). */
export function traceJson(r: TraceResult) {
  return {
    packet: {
      dst: r.packet.dst,
      dport: r.packet.dport,
      proto: r.packet.proto,
      src: r.packet.src ?? null,
      fromLocal: r.packet.fromLocal,
      nodeIPs: [...r.packet.nodeIPs],
    },
    start: r.start,
    service: r.service,
    verdict: r.verdict,
    masquerade: r.masquerade,
    endpoints: r.endpoints.map((e) => ({ ...e })),
    branches: r.branches.map((b) => ({
      share: b.share,
      verdict: b.verdict,
      destination: b.destination,
      endpointChain: b.endpointChain,
      masquerade: b.masquerade,
      missingChain: b.missingChain,
      nat: b.nat.map(stepJson),
      filter: b.filter.map(stepJson),
    })),
    notes: [...r.notes],
  };
}

/** The trace as a JSON document with a final newline. */
export function formatTraceJson(r: TraceResult): string {
  return `${JSON.stringify(traceJson(r), null, 2)}\n`;
}
