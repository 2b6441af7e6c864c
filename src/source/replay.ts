// `--replay FILE [--speed N]`: a recording played back as a source. Each sample keeps the time it was taken, so
// rates come out exactly as they did live; the gaps between samples are replayed divided by the speed (the poller
// follows nextDelayMs), and the source's clock runs in recorded time for ages shown in the header.

import { basename } from "node:path";
import { errorMessage, SourceError } from "./errors.ts";
import type { RecordedSample } from "./recording-format.ts";
import { RecordingReader } from "./recording-reader.ts";
import type { DumpRead, Source } from "./types.ts";

export interface ReplayOptions {
  readonly path: string;
  /** Playback speed: 2 plays a 2 s gap in 1 s. Default 1. */
  readonly speed?: number;
  /** Wall clock; default Date.now. */
  readonly wallNow?: () => number;
}

/** The shortest wait between two replayed samples, whatever their recorded gap (also for clocks that went back). */
export const MIN_DELAY_MS = 1;

/** A source that gives a recording's samples in order, paced by their recorded times. */
export function createReplaySource(options: ReplayOptions): Source {
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new SourceError("failed", "--speed must be a positive number");
  const wallNow = options.wallNow ?? Date.now;
  const { path } = options;
  const reader = new RecordingReader(path);
  let current: RecordedSample | null = null;
  let ahead: RecordedSample | null = null;
  let shown = 0;
  let shownAtWall = 0;
  let started = false;

  async function take(): Promise<RecordedSample | null> {
    try {
      return await reader.next();
    } catch (err) {
      throw new SourceError("failed", `cannot read the recording ${path}: ${openError(err)}`, { cause: err });
    }
  }

  async function read(signal: AbortSignal): Promise<DumpRead> {
    if (signal.aborted) throw new SourceError("cancelled", "replay was cancelled");
    const next = started ? ahead : await take();
    started = true;
    if (next === null) {
      if (shown === 0) throw new SourceError("failed", `${path}: ${reader.problem ?? "no sample in the recording"}`);
      throw new SourceError("failed", `the replay of ${path} is over (${shown} samples)`);
    }
    ahead = await take(); // one sample ahead: its time paces the wait, its absence ends the replay
    current = next;
    shown++;
    shownAtWall = wallNow();
    const from = next.source === null ? "" : ` from ${next.source}`;
    const notes = [`replay of ${basename(path)}${from}: sample ${shown}${ahead === null ? ", the last" : ""}`];
    if (ahead === null && reader.problem) notes.push(reader.problem);
    return { ...next.read, notes: [...next.read.notes, ...notes] };
  }

  return {
    label: `replay ${path}${speed === 1 ? "" : ` at ×${speed}`}`,
    read,
    nextDelayMs() {
      if (current === null || ahead === null) return null;
      return Math.max(MIN_DELAY_MS, (ahead.read.takenAt - current.read.takenAt) / speed);
    },
    ended: () => started && ahead === null,
    now() {
      if (current === null) return wallNow();
      return current.read.takenAt + (wallNow() - shownAtWall) * speed;
    },
    close: () => reader.close(),
  };
}

function openError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return errorMessage(err);
}
