// `--record FILE`: every sample a source gives is appended to a recording (format in recording-format.ts) and
// synced to disk before it is shown, so a crash loses at most the sample being written.

import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import { errorMessage, SourceError } from "./errors.ts";
import { encodeSample } from "./recording-format.ts";
import type { DumpRead, Source } from "./types.ts";

/** Appends samples to one recording. */
export interface Recorder {
  readonly path: string;
  /** Appends and syncs one sample; rejects with a SourceError the first time writing fails, later only notes it. */
  record(read: DumpRead, source: string): Promise<DumpRead>;
  close(): void;
}

/** Opens (creates or empties) a recording; throws a SourceError with a sentence when the file cannot be written. */
export function openRecorder(path: string, by: string): Recorder {
  let fd: number | null;
  try {
    fd = openSync(path, "w", 0o644);
  } catch (err) {
    throw new SourceError("failed", `cannot write the recording ${path}: ${reason(err)}`, { cause: err });
  }
  let failure: string | null = null;
  return {
    path,
    async record(read, source) {
      if (failure === null && fd !== null) {
        const member = await encodeSample(read, source, by);
        try {
          // a sample is on disk before it is shown
          if (fd === null) throw new Error("the recording was closed");
          for (let at = 0; at < member.length; ) at += writeSync(fd, member, at);
          fsyncSync(fd);
        } catch (err) {
          failure = reason(err);
          throw new SourceError("failed", `recording to ${path} stopped: ${failure}`, { cause: err });
        }
        return read;
      }
      const why = failure ?? "it was closed";
      return { ...read, notes: [...read.notes, `not recording to ${path}: ${why}`] };
    },
    close() {
      if (fd === null) return;
      const open = fd;
      fd = null;
      closeSync(open);
    },
  };
}

/** The source, with each sample it gives recorded first; closing it closes the recording too. */
export function recordingSource(inner: Source, recorder: Recorder): Source {
  return {
    label: `${inner.label} · recording to ${recorder.path}`,
    async read(signal) {
      return recorder.record(await inner.read(signal), inner.label);
    },
    async close() {
      recorder.close();
      await inner.close?.();
    },
    ...(inner.once !== undefined ? { once: inner.once } : {}),
    ...(inner.nextDelayMs ? { nextDelayMs: () => inner.nextDelayMs?.() ?? null } : {}),
    ...(inner.ended ? { ended: () => inner.ended?.() ?? false } : {}),
    ...(inner.now ? { now: () => inner.now?.() ?? Date.now() } : {}),
  };
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOSPC") return "no space left on the device";
  return errorMessage(err);
}
