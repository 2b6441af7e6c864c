// In a fresh process (run with --expose-gc): peak RSS of a cold ingest, and RSS after many warm ticks.

import { readFileSync, writeFileSync } from "node:fs";
import { Pipeline } from "../../src/app/pipeline.ts";
import { counterTemplate, withCounters } from "../counters.ts";

/** Resident set sizes in MB. */
export interface MemoryResult {
  /** Peak RSS over the cold ingest (parse, model, stats) of the tick-0 text, which is in memory already. */
  readonly peakColdMB: number;
  /** RSS after a GC once warmed up (tick `warmUp`). */
  readonly warmedMB: number;
  /** RSS after a GC at the last tick. */
  readonly finalMB: number;
  readonly heapWarmedMB: number;
  readonly heapFinalMB: number;
  /** Peak RSS over the whole run (the tick texts are made in this process too). */
  readonly peakMB: number;
  /** peakColdMB counts from just before the cold ingest (false: from process start). */
  readonly peakReset: boolean;
  readonly ticks: number;
  readonly warmUp: number;
  readonly seconds: number;
}

const MB = 1024 * 1024;

function settle(): { rss: number; heap: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heap: m.heapUsed / MB };
}

/** Resets the process's peak RSS (Linux clear_refs); false where that is not possible. */
function resetPeak(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** The peak RSS since the last reset, in MB (VmHWM), or the process's maxRSS where /proc is missing. */
function peakMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

/** Ingests tick 0 cold, then `ticks` - 1 warm ticks with new counters. */
export function memoryRun(file: string, ticks: number, warmUp: number): MemoryResult {
  const t0 = performance.now();
  const template = counterTemplate(readFileSync(file, "utf8"));
  const pipeline = new Pipeline();
  const read = (tick: number) => ({
    takenAt: Date.UTC(2025, 0, 1) + tick * 2000,
    text: withCounters(template, tick),
    durationMs: 0,
    notes: [],
  });
  // the peak of the cold ingest alone, not of making the bench's tick texts
  const first = read(0);
  settle();
  const reset = resetPeak();
  pipeline.ingest(first);
  const peakColdMB = peakMB();
  let warmed = settle();
  for (let tick = 1; tick < ticks; tick++) {
    pipeline.ingest(read(tick));
    if (tick === warmUp) warmed = settle();
  }
  const final = settle();
  return {
    peakColdMB,
    warmedMB: warmed.rss,
    finalMB: final.rss,
    heapWarmedMB: warmed.heap,
    heapFinalMB: final.heap,
    peakMB: process.resourceUsage().maxRSS / 1024,
    peakReset: reset,
    ticks,
    warmUp,
    seconds: (performance.now() - t0) / 1000,
  };
}
