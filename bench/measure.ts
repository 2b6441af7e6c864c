// Timing helpers for the benchmark: medians, CPU time of this process and of reaped children, machine facts.

import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall and CPU milliseconds of one call (CPU: this process, all threads). */
export interface Timed<T> {
  readonly value: T;
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Runs fn once and times it. */
export function timed<T>(fn: () => T): Timed<T> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Median wall and CPU ms over `runs` calls; `before` runs untimed ahead of each. */
export function repeat(
  runs: number,
  fn: () => unknown,
  before?: () => void,
): { wallMs: number; cpuMs: number; runs: number[] } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const t = timed(fn);
    walls.push(t.wallMs);
    cpus.push(t.cpuMs);
  }
  return { wallMs: median(walls), cpuMs: median(cpus), runs: walls };
}

/** CPU ms used by this process's reaped children so far (Linux /proc; 10 ms resolution), or null elsewhere. */
export function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17
    const ticks = Number(fields[13]) + Number(fields[14]);
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}

/** What the numbers were measured on. */
export function machine(): { cpus: number; model: string; memoryGB: number; node: string; loadavg: number[] } {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model ?? "unknown",
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
