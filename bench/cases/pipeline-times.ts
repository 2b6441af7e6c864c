// In a fresh process: the floor (read + split lines), cold parse + model, and warm ticks through the Pipeline.

import { readFileSync } from "node:fs";
import { parseDump } from "../../grammar/index.ts";
import { Pipeline } from "../../src/app/pipeline.ts";
import { buildTopology } from "../../src/model/index.ts";
import { counterTemplate, withCounters } from "../counters.ts";
import { median, repeat, timed } from "../measure.ts";

/** Median milliseconds of each step for one dump file. */
export interface PipelineTimes {
  readonly floorMs: number;
  readonly parseMs: number;
  readonly modelMs: number;
  readonly coldMs: number;
  readonly coldCpuMs: number;
  readonly coldRuns: readonly number[];
  readonly warmMs: number;
  readonly warmCpuMs: number;
  readonly warmRuns: readonly number[];
  /** A tick where one service's rules changed (the rest only counters): the cache path, not the counters path. */
  readonly changedMs: number;
  readonly services: number;
  /** How the pipeline took the ticks: full rebuilds and counters-only refreshes. */
  readonly paths: { readonly full: number; readonly counters: number };
}

function read(text: string, tick: number) {
  return { takenAt: Date.UTC(2025, 0, 1) + tick * 2000, text, durationMs: 0, notes: [] };
}

/** Measures `file` (a dump with counters): `runs` cold runs, `ticks` warm ticks after a few to warm up. */
export function pipelineTimes(file: string, runs: number, ticks: number): PipelineTimes {
  const floor = repeat(runs, () => readFileSync(file, "utf8").split("\n"));
  const text = readFileSync(file, "utf8");
  const parse: number[] = [];
  const model: number[] = [];
  let services = 0;
  // each cold run starts from a collected heap, as a fresh process does: not on the last run's garbage
  const gc = (globalThis as { gc?: () => void }).gc;
  const cold = repeat(
    runs,
    () => {
      const p = timed(() => parseDump(text));
      const m = timed(() => buildTopology(p.value));
      parse.push(p.wallMs);
      model.push(m.wallMs);
      services = m.value.services.length;
    },
    () => gc?.(),
  );

  const template = counterTemplate(text);
  const pipeline = new Pipeline();
  const warmUp = 4;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let tick = 0; tick < warmUp + ticks; tick++) {
    const next = read(withCounters(template, tick), tick);
    const t = timed(() => pipeline.ingest(next));
    if (tick >= warmUp) {
      walls.push(t.wallMs);
      cpus.push(t.cpuMs);
    }
  }
  const changed: number[] = [];
  for (let tick = warmUp + ticks; tick < warmUp + ticks + 3; tick++) {
    const renamed = withCounters(template, tick).replace(
      /--comment "([^"]*) cluster IP"/,
      `--comment "$1 cluster IP ${tick}"`,
    );
    changed.push(timed(() => pipeline.ingest(read(renamed, tick))).wallMs);
  }
  return {
    floorMs: floor.wallMs,
    parseMs: median(parse),
    modelMs: median(model),
    coldMs: cold.wallMs,
    coldCpuMs: cold.cpuMs,
    coldRuns: cold.runs,
    warmMs: median(walls),
    warmCpuMs: median(cpus),
    warmRuns: walls,
    changedMs: median(changed),
    services,
    paths: { ...pipeline.counts },
  };
}
