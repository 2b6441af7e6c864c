// The poller: reads a source again and again, one read at a time, and reports each attempt as a PollEvent.
// It keeps nothing: the last good sample is the consumer's to keep (the UI store does) while errors come in.

import { errorCode, errorMessage, ReadTimeout } from "./errors.ts";
import type { PollEvent, Source } from "./types.ts";

export interface PollerOptions {
  /** Milliseconds from the start of one read to the start of the next; change it later with setInterval(). */
  readonly intervalMs: number;
  /** Aborting stops the poller promptly, ending a read in flight; no event is reported for it. */
  readonly signal?: AbortSignal;
  /** A read taking longer is abandoned (its command ended) and reported as an error; none when absent. */
  readonly timeoutMs?: number;
  /** After n failures in a row the next read waits interval × 2^(n−1) after the failure, at most this. Default 30 s. */
  readonly maxBackoffMs?: number;
  /** Clock for event times; default Date.now. */
  readonly now?: () => number;
}

/**
 * Polls a source: `for await (const event of poller)`. Never two reads at once (the next read starts only after the
 * consumer took the previous event); a `once` source stops after its first sample, an `ended` one after its last.
 * A source with its own pace (nextDelayMs, a replay) sets the wait between reads. Iterate it once.
 */
export class Poller implements AsyncIterable<PollEvent> {
  private interval: number;
  private wake: (() => void) | null = null;
  private kicked = false;
  private started = false;
  private readonly now: () => number;

  constructor(
    private readonly source: Source,
    private readonly options: PollerOptions,
  ) {
    this.interval = checkInterval(options.intervalMs);
    this.now = options.now ?? Date.now;
  }

  /** The current interval in milliseconds: the source's own pace when it has one (a replay), else the set one. */
  get intervalMs(): number {
    return this.source.nextDelayMs?.() ?? this.interval;
  }

  /** Changes the interval; a wait in progress is re-timed at once. */
  setInterval(ms: number): void {
    this.interval = checkInterval(ms);
    this.wake?.();
  }

  /** Ends the current wait so the next read starts now (no effect on a read in flight). */
  pollNow(): void {
    this.kicked = true;
    this.wake?.();
  }

  [Symbol.asyncIterator](): AsyncGenerator<PollEvent> {
    if (this.started) throw new Error("a Poller can be iterated only once");
    this.started = true;
    return this.run();
  }

  private async *run(): AsyncGenerator<PollEvent> {
    const outer = this.options.signal;
    let failures = 0;
    while (!outer?.aborted) {
      const startedAt = this.now();
      const event = await this.attempt();
      if (event === null) return;
      failures = event.kind === "error" ? failures + 1 : 0;
      const endedAt = this.now();
      yield event;
      if (event.kind === "sample" && (this.source.once || this.source.ended?.())) return;
      if (failures === 0) await this.sleepUntil(() => startedAt + this.intervalMs);
      else await this.sleepUntil(() => endedAt + this.backoff(failures));
    }
  }

  private backoff(failures: number): number {
    const cap = Math.max(this.options.maxBackoffMs ?? 30_000, this.interval);
    return Math.min(this.interval * 2 ** Math.min(failures - 1, 20), cap);
  }

  // One read with its own signal (outer abort or timeout); null when the poller was stopped meanwhile.
  private async attempt(): Promise<PollEvent | null> {
    const outer = this.options.signal;
    const controller = new AbortController();
    const stop = () => controller.abort(outer?.reason);
    outer?.addEventListener("abort", stop, { once: true });
    const { timeoutMs } = this.options;
    const timer =
      timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(new ReadTimeout(timeoutMs)), timeoutMs);
    const startedAt = this.now();
    try {
      const read = await this.source.read(controller.signal);
      if (outer?.aborted) return null;
      return { kind: "sample", read };
    } catch (err) {
      if (outer?.aborted) return null;
      const at = this.now();
      return { kind: "error", at, message: errorMessage(err), durationMs: at - startedAt, code: errorCode(err) };
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", stop);
    }
  }

  // Waits until deadline() (re-read when the interval changes), an abort, or pollNow().
  private async sleepUntil(deadline: () => number): Promise<void> {
    const outer = this.options.signal;
    while (!outer?.aborted && !this.kicked) {
      const ms = deadline() - this.now();
      if (ms <= 0) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          outer?.removeEventListener("abort", done);
          this.wake = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        outer?.addEventListener("abort", done, { once: true });
        this.wake = done;
      });
    }
    this.kicked = false;
  }
}

/** Polls a source as an async generator (see Poller for the rules). */
export function poll(source: Source, options: PollerOptions): AsyncGenerator<PollEvent> {
  return new Poller(source, options)[Symbol.asyncIterator]();
}

function checkInterval(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new RangeError(`poll interval must be a positive number of ms (got ${ms})`);
  return ms;
}
