// In a fresh process: the peak RSS of a first poll at this size, as the live view takes it. The dump arrives as
// one string (as iptables-save's stdout does) and goes through the Pipeline (parse, model, stats) once.

import { readFileSync } from "node:fs";
import { Pipeline } from "../../src/app/pipeline.ts";

/** Resident set sizes of one cold ingest, in MB. */
export interface PeakResult {
  /** The process's peak RSS (VmHWM): Node itself, the dump text, and everything the ingest allocated. */
  readonly peakMB: number;
  /** RSS with the text read, before the ingest. */
  readonly beforeMB: number;
  /** RSS right after the ingest (no forced GC). */
  readonly afterMB: number;
  readonly services: number;
}

const MB = 1024 * 1024;

function vmHwmMB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** Reads `file` and ingests it once. */
export function peakRun(file: string): PeakResult {
  const text = readFileSync(file, "utf8");
  const beforeMB = process.memoryUsage().rss / MB;
  const processed = new Pipeline().ingest({ takenAt: Date.UTC(2025, 0, 1), text, durationMs: 0, notes: [] });
  return {
    peakMB: vmHwmMB(),
    beforeMB,
    afterMB: process.memoryUsage().rss / MB,
    services: processed.topology.services.length,
  };
}
