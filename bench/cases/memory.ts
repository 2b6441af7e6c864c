// In a fresh process (run with --expose-gc): peak RSS of a cold ingest, and RSS after many warm ticks. The process
// polls its dumps as the live view does, through the product's exec source: a separate process (tick-dump.ts) prints
// each tick's dump, so this one holds no more than kube-nat-top would (no 25 MB template of the bench's own).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pipeline } from "../../src/app/pipeline.ts";
import { createExecSource } from "../../src/source/exec.ts";
import type { DumpRead, Source } from "../../src/source/types.ts";
import { counterTemplate, saveTemplate } from "../counters.ts";
import { median } from "../measure.ts";

// this case runs bundled (spawn.ts), next to the bundled tick-dump.ts
const TICK_DUMP = fileURLToPath(new URL("tick-dump.mjs", import.meta.url));

/** Resident set sizes in MB. */
export interface MemoryResult {
  /** Peak RSS over the cold ingest (parse, model, stats) of the tick-0 text, which is in memory already. */
  readonly peakColdMB: number;
  /** Median RSS after a GC over the 5 samples (one per 10 ticks) from tick `warmUp` on. */
  readonly warmedMB: number;
  /** Median RSS after a GC over the last 5 samples (the last 50 ticks). */
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
/** RSS is sampled (after a GC) every this many ticks, in windows of this many samples. */
const SAMPLE_EVERY = 10;
const WINDOW = 5;

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

/** Polls tick 0 and ingests it cold, then `ticks` - 1 warm ticks with new counters. */
export async function memoryRun(file: string, ticks: number, warmUp: number): Promise<MemoryResult> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "knt-bench-ticks-"));
  try {
    saveTemplate(counterTemplate(readFileSync(file, "utf8")), dir);
    writeFileSync(join(dir, "tick"), "0");
    return await polled(createExecSource({ command: `${process.execPath} ${TICK_DUMP} ${dir}` }), ticks, warmUp, t0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Ingests the first read from a settled heap with the peak reset; the read is not kept once this returns.
function ingestFirst(pipeline: Pipeline, first: DumpRead): boolean {
  settle();
  const reset = resetPeak();
  pipeline.ingest(first);
  return reset;
}

async function polled(source: Source, ticks: number, warmUp: number, t0: number): Promise<MemoryResult> {
  const pipeline = new Pipeline();
  const read = () => source.read(new AbortController().signal);
  // the peak of the cold ingest alone, not of reading the dump
  const reset = ingestFirst(pipeline, await read());
  const peakColdMB = peakMB();
  // RSS after a GC swings by tens of MB from one tick to the next (V8 keeps or returns pages as it likes):
  // compare medians over windows, not two single points
  const early: { rss: number; heap: number }[] = [];
  const late: { rss: number; heap: number }[] = [];
  for (let tick = 1; tick < ticks; tick++) {
    pipeline.ingest(await read());
    if (tick % SAMPLE_EVERY !== 0) continue;
    if (tick >= warmUp && tick < warmUp + WINDOW * SAMPLE_EVERY) early.push(settle());
    if (tick >= ticks - WINDOW * SAMPLE_EVERY) late.push(settle());
  }
  if (early.length === 0) early.push(settle());
  if (late.length === 0) late.push(settle());
  const warmed = { rss: median(early.map((x) => x.rss)), heap: median(early.map((x) => x.heap)) };
  const final = { rss: median(late.map((x) => x.rss)), heap: median(late.map((x) => x.heap)) };
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
