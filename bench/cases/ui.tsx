// In a fresh process (NODE_ENV=production, as bin/ sets it): the real live view on a fake terminal with a
// 10k-service sample; time from a key press on stdin to the next frame written to stdout.

import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { Pipeline } from "../../src/app/pipeline.ts";
import { createStore } from "../../src/app/store.ts";
import { runApp } from "../../src/ui/run-app.tsx";
import { counterTemplate, withCounters } from "../counters.ts";
import { median } from "../measure.ts";

/** Milliseconds from key press to frame, per key. */
export interface UiResult {
  readonly keys: Record<string, { readonly medianMs: number; readonly maxMs: number; readonly presses: number }>;
  /** The slowest key's median. */
  readonly worstMedianMs: number;
  readonly firstFrameMs: number;
  readonly columns: number;
  readonly rows: number;
}

class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  writes = 0;
  lastWriteAt = 0;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (_chunk: string): boolean => {
    this.writes++;
    this.lastWriteAt = performance.now();
    return true;
  };
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  send(data: string): void {
    this.data = data;
    this.emit("readable");
    this.emit("data", data);
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

async function nextWrite(out: FakeStdout, after: number, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (out.writes === after) {
    if (performance.now() - start > timeoutMs) throw new Error("no frame within the timeout");
    await delay(1);
  }
  return out.lastWriteAt;
}

const KEYS: Record<string, string> = { down: "\u001b[B", pageDown: "\u001b[6~", sort: "s" };

/** Renders the App with two samples of `file` at columns × rows and presses each key `presses` times. */
export async function uiRun(file: string, presses: number, columns = 160, rows = 48): Promise<UiResult> {
  const template = counterTemplate(readFileSync(file, "utf8"));
  const pipeline = new Pipeline();
  const store = createStore({ source: "bench", intervalSec: 2 });
  for (let tick = 0; tick < 2; tick++) {
    const read = {
      takenAt: Date.now() - (2 - tick) * 2000,
      text: withCounters(template, tick),
      durationMs: 0,
      notes: [],
    };
    store.applySample(pipeline.ingest(read));
  }
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const t0 = performance.now();
  const done = runApp(store, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    noColor: true,
    signals: [],
  });
  await nextWrite(stdout, 1, 60_000); // the first write is the alternate-screen switch, then the first frame
  const firstFrameMs = performance.now() - t0;
  await delay(300);
  const keys: UiResult["keys"] = {};
  for (const [name, seq] of Object.entries(KEYS)) {
    const times: number[] = [];
    for (let i = 0; i < presses; i++) {
      await delay(150); // past the 10 fps throttle, as a person typing
      const before = stdout.writes;
      const pressed = performance.now();
      stdin.send(seq);
      times.push((await nextWrite(stdout, before, 10_000)) - pressed);
    }
    keys[name] = { medianMs: median(times), maxMs: Math.max(...times), presses };
  }
  stdin.send("q");
  await done;
  const worstMedianMs = Math.max(...Object.values(keys).map((k) => k.medianMs));
  return { keys, worstMedianMs, firstFrameMs, columns, rows };
}
