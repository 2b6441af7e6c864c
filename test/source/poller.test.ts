import { existsSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SourceError } from "../../src/source/errors.ts";
import { createExecSource } from "../../src/source/exec.ts";
import { Poller, poll } from "../../src/source/poller.ts";
import type { DumpRead, PollEvent, Source } from "../../src/source/types.ts";
import { type FakeBin, fakeBin } from "./fake-bin.ts";

let bins: FakeBin[] = [];
afterEach(() => {
  for (const bin of bins) bin.remove();
  bins = [];
  vi.useRealTimers();
});

function bin(extraEnv: Record<string, string> = {}): FakeBin {
  const b = fakeBin({}, extraEnv);
  bins.push(b);
  return b;
}

async function take(events: AsyncIterable<PollEvent>, n: number): Promise<PollEvent[]> {
  const out: PollEvent[] = [];
  for await (const event of events) {
    out.push(event);
    if (out.length >= n) break;
  }
  return out;
}

const read = (takenAt: number): DumpRead => ({ takenAt, text: "", durationMs: 0, notes: [] });

describe("Poller with fake commands", () => {
  it("never runs two reads at once, even when a read is slower than the interval", async () => {
    const b = bin({ KNT_FAKE_SLEEP: "0.2" });
    const source = createExecSource({ command: "slow-counters", env: b.env });
    const events = await take(new Poller(source, { intervalMs: 20 }), 4);
    expect(events.map((e) => e.kind)).toEqual(["sample", "sample", "sample", "sample"]);
    expect(existsSync(`${b.state}.overlaps`)).toBe(false);
    expect(b.calls()).toHaveLength(4);
  });

  it("a read that times out is an error event, and the next poll goes on", async () => {
    const b = bin();
    const source = createExecSource({ command: "hang-once", env: b.env, timeoutMs: 30_000 });
    const events = await take(new Poller(source, { intervalMs: 20, timeoutMs: 400 }), 2);
    expect(events[0]).toMatchObject({
      kind: "error",
      code: "timeout",
      message: "hang-once did not answer within 0.4s",
    });
    expect(events[1]?.kind).toBe("sample");
  });

  it("failures are error events with the command's message; the poller keeps going", async () => {
    const b = bin();
    const source = createExecSource({ command: "fail", env: b.env });
    const events = await take(new Poller(source, { intervalMs: 5, maxBackoffMs: 10 }), 3);
    expect(events.map((e) => e.kind)).toEqual(["error", "error", "error"]);
    expect(events[0]).toMatchObject({ code: "failed" });
    if (events[0]?.kind === "error") expect(events[0].message).toMatch(/^fail failed \(exit 1\): /);
  });

  it("aborting stops it promptly, ending the read in flight without an event", async () => {
    const b = bin();
    const source = createExecSource({ command: "hang", env: b.env, timeoutMs: 60_000 });
    const controller = new AbortController();
    const events: PollEvent[] = [];
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    for await (const event of poll(source, { intervalMs: 1000, signal: controller.signal })) events.push(event);
    expect(events).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("Poller timing", () => {
  it("waits the interval between the starts of reads, and backs off after failures up to a cap", async () => {
    vi.useFakeTimers({ now: 0 });
    const starts: number[] = [];
    let fail = true;
    const source: Source = {
      label: "test",
      read: async () => {
        starts.push(Date.now());
        if (fail) throw new SourceError("failed", "no");
        return read(Date.now());
      },
    };
    const poller = new Poller(source, { intervalMs: 100, maxBackoffMs: 400 });
    const it = poller[Symbol.asyncIterator]();
    for (let i = 0; i < 5; i++) {
      const next = it.next();
      await vi.runOnlyPendingTimersAsync();
      expect((await next).value?.kind).toBe("error");
    }
    fail = false;
    for (let i = 0; i < 2; i++) {
      const next = it.next();
      await vi.runOnlyPendingTimersAsync();
      expect((await next).value?.kind).toBe("sample");
    }
    const next = it.next();
    await vi.runOnlyPendingTimersAsync();
    await next;
    await it.return(undefined);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    // failures: 100, 200, 400, 400 (capped); then back to the interval once reads succeed
    expect(gaps).toEqual([100, 200, 400, 400, 400, 100, 100]);
  });

  it("a new interval applies to the wait in progress", async () => {
    vi.useFakeTimers({ now: 0 });
    const starts: number[] = [];
    const source: Source = {
      label: "test",
      read: async () => {
        starts.push(Date.now());
        return read(Date.now());
      },
    };
    const poller = new Poller(source, { intervalMs: 10_000 });
    const it = poller[Symbol.asyncIterator]();
    await it.next();
    const second = it.next();
    await vi.advanceTimersByTimeAsync(50);
    poller.setInterval(200);
    expect(poller.intervalMs).toBe(200);
    await vi.advanceTimersByTimeAsync(150);
    await second;
    await it.return(undefined);
    expect(starts).toEqual([0, 200]);
  });

  it("pollNow ends the wait at once", async () => {
    vi.useFakeTimers({ now: 0 });
    const starts: number[] = [];
    const source: Source = {
      label: "test",
      read: async () => {
        starts.push(Date.now());
        return read(Date.now());
      },
    };
    const poller = new Poller(source, { intervalMs: 60_000 });
    const it = poller[Symbol.asyncIterator]();
    await it.next();
    const second = it.next();
    await vi.advanceTimersByTimeAsync(30);
    poller.pollNow();
    await vi.advanceTimersByTimeAsync(0);
    await second;
    await it.return(undefined);
    expect(starts).toEqual([0, 30]);
  });

  it("a once source stops after its first sample", async () => {
    let reads = 0;
    const source: Source = {
      label: "stdin",
      once: true,
      read: async () => {
        reads += 1;
        return read(reads);
      },
    };
    const events = await take(new Poller(source, { intervalMs: 1 }), 10);
    expect(events).toHaveLength(1);
    expect(reads).toBe(1);
  });

  it("rejects a zero interval and a second iteration", () => {
    const source: Source = { label: "x", read: async () => read(0) };
    expect(() => new Poller(source, { intervalMs: 0 })).toThrow(RangeError);
    const poller = new Poller(source, { intervalMs: 10 });
    poller[Symbol.asyncIterator]();
    expect(() => poller[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
