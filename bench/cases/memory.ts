// In a fresh process (run with --expose-gc): peak RSS of a cold ingest, and RSS after many warm ticks.

import { readFileSync } from "node:fs";
import { Pipeline } from "../../src/app/pipeline.ts";
import { counterTemplate, withCounters } from "../counters.ts";

/** Resident set sizes in MB. */
export interface MemoryResult {
  /** Peak RSS over the cold ingest (text, parse, model, stats). */
  readonly peakColdMB: number;
  /** RSS after a GC once warmed up (tick `warmUp`). */
  readonly warmedMB: number;
  /** RSS after a GC at the last tick. */
  readonly finalMB: number;
  readonly heapWarmedMB: number;
  readonly heapFinalMB: number;
  /** Peak RSS over the whole run (the tick texts are made in this process too). */
  readonly peakMB: number;
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
  pipeline.ingest(read(0));
  const peakColdMB = process.resourceUsage().maxRSS / 1024;
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
    ticks,
    warmUp,
    seconds: (performance.now() - t0) / 1000,
  };
}
