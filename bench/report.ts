// The benchmark's table (markdown, one column per size) and the pass/fail of each target at 10k services.

import type { MemoryResult } from "./cases/memory.ts";
import type { PeakResult } from "./cases/peak.ts";
import type { PipelineTimes } from "./cases/pipeline-times.ts";
import type { UiResult } from "./cases/ui.tsx";
import type { SizedDump } from "./dumps.ts";

/** Everything measured for one size. */
export interface SizeResult {
  readonly dump: Omit<SizedDump, "text" | "restoreText">;
  readonly times: PipelineTimes;
  readonly cliMs: number;
  readonly cliRuns: readonly number[];
}

export interface Results {
  readonly sizes: readonly SizeResult[];
  /** A first poll's peak RSS, in a process of its own. */
  readonly peak: PeakResult | null;
  readonly memory: MemoryResult | null;
  readonly ui: UiResult | null;
  /** Where the dumps came from and what the yardstick is. */
  readonly source: string;
  readonly notes: readonly string[];
}

export interface Target {
  readonly name: string;
  readonly limit: string;
  readonly value: string;
  readonly met: boolean | null;
}

const TARGET_SIZE = 10_000;

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + " ms";
const ratio = (v: number, base: number | null): string => (base ? ` (${(v / base).toFixed(2)}×)` : "");

/** The targets of issue 4, judged on the 10k-service run. */
export function targets(r: Results): Target[] {
  const at = r.sizes.find((s) => s.dump.services === TARGET_SIZE);
  const base = at?.dump.saveMs ?? null;
  const out: Target[] = [];
  const rel = (name: string, value: number | undefined, limit: number): void => {
    if (value === undefined) return;
    const x = base ? value / base : null;
    out.push({
      name,
      limit: `≤ ${limit}× iptables-save`,
      value: x === null ? ms(value) : `${x.toFixed(2)}×`,
      met: x === null ? null : x <= limit,
    });
  };
  rel("cold parse + model", at?.times.coldMs, 0.3);
  rel("warm tick", at?.times.warmMs, 0.1);
  rel("CLI --output json", at?.cliMs, 1.0);
  if (r.peak)
    out.push({
      name: "peak RSS (first poll)",
      limit: "≤ 250 MB",
      value: `${r.peak.peakMB.toFixed(0)} MB`,
      met: r.peak.peakMB <= 250,
    });
  if (r.memory) {
    const m = r.memory;
    const growth = m.finalMB - m.warmedMB;
    out.push({
      name: `RSS after ${m.ticks} warm ticks`,
      limit: "≤ 250 MB, no growth",
      value: `${m.finalMB.toFixed(0)} MB, heap ${m.heapFinalMB.toFixed(0)} MB (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MB vs ticks ${m.warmUp}–${m.warmUp + 50}; medians)`,
      met: m.finalMB <= 250 && growth <= 5,
    });
  }
  if (r.ui)
    out.push({
      name: "key → next frame",
      limit: "≤ 50 ms",
      value: ms(r.ui.worstMedianMs),
      met: r.ui.worstMedianMs <= 50,
    });
  return out;
}

/** The markdown table: one column per size, then the targets at 10k. */
export function markdown(r: Results): string {
  const head = ["", ...r.sizes.map((s) => `${s.dump.services / 1000}k services`)];
  const row = (label: string, cell: (s: SizeResult) => string): string[] => [label, ...r.sizes.map(cell)];
  const save = (s: SizeResult) => s.dump.saveMs;
  const rows: string[][] = [
    row(
      "service ports / rules",
      (s) => `${s.dump.servicePorts.toLocaleString("en")} / ${s.dump.rules.toLocaleString("en")}`,
    ),
    row("dump size", (s) => `${(s.dump.bytes / 1e6).toFixed(1)} MB, ${s.dump.lines.toLocaleString("en")} lines`),
    row("iptables-save -c (yardstick)", (s) => (s.dump.saveMs === null ? "—" : ms(s.dump.saveMs))),
    row("read + split lines (floor)", (s) => ms(s.times.floorMs) + ratio(s.times.floorMs, save(s))),
    row("cold: parse + model", (s) => ms(s.times.coldMs) + ratio(s.times.coldMs, save(s))),
    row("  parse / model", (s) => `${ms(s.times.parseMs)} / ${ms(s.times.modelMs)}`),
    row("  per 10k rules", (s) => ms((s.times.coldMs * 10_000) / s.dump.rules)),
    row("warm tick: new counters → model + stats", (s) => ms(s.times.warmMs) + ratio(s.times.warmMs, save(s))),
    row("tick with one rule changed", (s) => ms(s.times.changedMs) + ratio(s.times.changedMs, save(s))),
    row("CLI `--file --output json`, start to exit", (s) => ms(s.cliMs) + ratio(s.cliMs, save(s))),
  ];
  const table = [head, head.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
  const t = targets(r);
  const verdict = (m: boolean | null): string => (m === null ? "n/a" : m ? "met" : "**missed**");
  const tt = [
    "| target at 10k services | limit | measured | |",
    "| --- | --- | --- | --- |",
    ...t.map((x) => `| ${x.name} | ${x.limit} | ${x.value} | ${verdict(x.met)} |`),
  ].join("\n");
  return `${table}\n\n${tt}\n`;
}
