// Compares what an `iptables -L` listing gives with what iptables-save of the same tables gives: rules (as
// iptables-save text, with counters) and the model's services. Every difference comes back as a readable line.

import { formatRule } from "../../grammar/index.ts";
import type { Counters, ParsedDump } from "../../grammar/types.ts";
import type { Endpoint, Service, Topology } from "../../src/model/index.ts";

/** How the listing's counters relate to iptables-save's: equal (-x), rounded (-v without -x) or absent (no -v). */
export type CounterMode = "exact" | "rounded" | "none";

/** A counter as `iptables -L -v` prints it without -x (xtables_print_num: K/M/G/T, each step rounded). */
export function rounded(n: number): number {
  if (n <= 99999) return n;
  let value = n;
  let scale = 1;
  for (let step = 0; step < 4; step++) {
    value = Math.floor((value + 500) / 1000);
    scale *= 1000;
    if (value <= 9999 || step === 3) return value * scale;
  }
  return value * scale;
}

function expectedCounters(c: Counters | null, mode: CounterMode): Counters | null {
  if (c === null || mode === "none") return null;
  return mode === "exact" ? c : { packets: rounded(c.packets), bytes: rounded(c.bytes) };
}

const show = (c: Counters | null) => (c === null ? "none" : `${c.packets}/${c.bytes}`);

/** Rule by rule (as iptables-save text, per table and chain, in order), with counters per the mode. */
export function ruleDifferences(
  save: ParsedDump,
  listing: ParsedDump,
  mode: CounterMode,
  tables = ["nat", "filter"],
): string[] {
  const out: string[] = [];
  for (const name of tables) {
    const want = save.tables.find((t) => t.name === name)?.rules ?? [];
    const got = listing.tables.find((t) => t.name === name)?.rules ?? [];
    const byChain = (rules: typeof want) => {
      const m = new Map<string, typeof want>();
      for (const r of rules) m.set(r.chain, [...(m.get(r.chain) ?? []), r]);
      return m;
    };
    const w = byChain(want);
    const g = byChain(got);
    for (const chain of new Set([...w.keys(), ...g.keys()])) {
      const a = w.get(chain) ?? [];
      const b = g.get(chain) ?? [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const x = a[i];
        const y = b[i];
        const tx = x ? formatRule(x.chain, x.options) : "(none)";
        const ty = y ? formatRule(y.chain, y.options) : "(none)";
        if (tx !== ty) {
          out.push(`${name} ${chain} #${i + 1}: listing ${ty}, save ${tx}`);
          continue;
        }
        const c = expectedCounters(x!.counters, mode);
        if (show(c) !== show(y!.counters)) out.push(`${name} ${tx}: counters ${show(y!.counters)}, want ${show(c)}`);
      }
    }
  }
  return out;
}

function endpointLine(e: Endpoint, mode: CounterMode): string {
  const counted = expectedCounters(
    e.packets === null || e.bytes === null ? null : { packets: e.packets, bytes: e.bytes },
    mode,
  );
  return JSON.stringify([
    e.address,
    e.chain,
    e.probability,
    e.rawProbability,
    e.localProbability,
    e.local,
    e.inServiceChain ?? null,
    show(counted),
  ]);
}

function serviceLine(s: Service): string {
  const { endpoints: _e, findings, ...rest } = s;
  return JSON.stringify({ ...rest, findings: findings.map((f) => `${f.code} ${f.message}`) }, (k, v) =>
    k === "line" || k === "counterSource" ? undefined : v,
  );
}

/** Service by service: everything but input line numbers, endpoint counters per the mode. */
export function serviceDifferences(save: Topology, listing: Topology, mode: CounterMode): string[] {
  const out: string[] = [];
  const got = new Map(listing.services.map((s) => [s.name, s]));
  for (const w of save.services) {
    const g = got.get(w.name);
    if (!g) {
      out.push(`${w.name}: missing from the listing's model`);
      continue;
    }
    got.delete(w.name);
    if (serviceLine(w) !== serviceLine(g)) out.push(`${w.name}: ${serviceLine(g)}\n  want ${serviceLine(w)}`);
    const we = w.endpoints.map((e) => endpointLine(e, mode));
    const ge = g.endpoints.map((e) => endpointLine(e, "exact"));
    if (JSON.stringify(we) !== JSON.stringify(ge))
      out.push(`${w.name} endpoints: ${ge.join(" ")}\n  want ${we.join(" ")}`);
  }
  for (const name of got.keys()) out.push(`${name}: only in the listing's model`);
  const codes = (t: Topology) =>
    t.findings
      .filter((f) => f.service === null && f.code !== "approximate-counters")
      .map((f) => f.code)
      .sort();
  if (JSON.stringify(codes(save)) !== JSON.stringify(codes(listing))) {
    out.push(`findings ${codes(listing).join(",")}, want ${codes(save).join(",")}`);
  }
  return out;
}
