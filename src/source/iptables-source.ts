// A source that reads iptables-save (one or both IP families) through a runner: locally, over ssh or minikube.

import { BackendReader, type IpFamily, type ToolRunner } from "./backend.ts";
import { checkDump } from "./dump-check.ts";
import type { DumpRead, Source } from "./types.ts";

/** Which families to read: `both` reads iptables-save and ip6tables-save. */
export type FamilyOption = 4 | 6 | "both";

export interface IptablesSourceOptions {
  readonly label: string;
  readonly run: ToolRunner;
  /** Default 4. */
  readonly family?: FamilyOption;
  /** Clock for takenAt and backend re-detection; default Date.now. */
  readonly now?: () => number;
  readonly close?: () => Promise<void>;
}

/** Parses a `--family` value ("4", "6", "both"). */
export function parseFamily(value: string | number | undefined): FamilyOption {
  if (value === undefined || value === 4 || value === "4") return 4;
  if (value === 6 || value === "6") return 6;
  if (value === "both") return "both";
  throw new RangeError(`--family must be 4, 6 or both (got ${String(value)})`);
}

/** A Source over iptables tools; `run` decides where they run. */
export function createIptablesSource(options: IptablesSourceOptions): Source {
  const now = options.now ?? Date.now;
  const family = options.family ?? 4;
  const families: IpFamily[] = family === "both" ? [4, 6] : [family];
  const readers = families.map((f) => new BackendReader(options.run, f, now));

  async function read(signal: AbortSignal): Promise<DumpRead> {
    const started = now();
    const notes: string[] = [];
    const texts: string[] = [];
    // one after the other: over ssh the first read sets up the shared connection the second reuses
    for (const reader of readers) {
      const out = await reader.read(signal);
      texts.push(checkDump(out.text, reader.tool));
      notes.push(...out.notes);
    }
    // The kernel hands iptables-save its counters right after the command starts; the end can be late by our own
    // event loop or a slow pipe, and rates computed from end times jitter by that much. So a sample is dated at
    // the start of its read.
    const takenAt = started;
    const base = { takenAt, durationMs: Math.max(0, now() - started), notes };
    if (family === "both") return { ...base, text: texts[0] ?? "", text6: texts[1] ?? "" };
    if (family === 6) return { ...base, text: texts[0] ?? "", family: 6 };
    return { ...base, text: texts[0] ?? "" };
  }

  return {
    label: options.label,
    read,
    ...(options.close ? { close: options.close } : {}),
  };
}
