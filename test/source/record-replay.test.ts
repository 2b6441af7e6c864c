import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { Pipeline } from "../../src/app/pipeline.ts";
import { formatJson } from "../../src/output/json.ts";
import { createDemoSource } from "../../src/source/demo.ts";
import { DEMO_EPOCH } from "../../src/source/demo-dump.ts";
import { Poller } from "../../src/source/poller.ts";
import { openRecorder, recordingSource } from "../../src/source/record.ts";
import { memberSize, SAMPLE_PREFIX } from "../../src/source/recording-format.ts";
import { RecordingReader } from "../../src/source/recording-reader.ts";
import { createReplaySource } from "../../src/source/replay.ts";
import type { DumpRead, Source } from "../../src/source/types.ts";

const dir = mkdtempSync(join(tmpdir(), "knt-record-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const newPath = () => join(dir, `rec-${fileNo++}.knt.gz`);
const signal = () => new AbortController().signal;

/** Records the demo (its clock advanced by `gaps`) to a new file; returns the path and what each read gave live. */
async function recordDemo(gaps: readonly number[]): Promise<{ path: string; live: DumpRead[] }> {
  let clock = DEMO_EPOCH;
  const demo = createDemoSource({ now: () => clock });
  const path = newPath();
  const source = recordingSource(demo, openRecorder(path, "kube-nat-top test"));
  const live: DumpRead[] = [];
  live.push(await source.read(signal()));
  for (const gap of gaps) {
    clock += gap;
    live.push(await source.read(signal()));
  }
  await source.close?.();
  return { path, live };
}

/** Every read a source gives until it says it has ended. */
async function drain(source: Source): Promise<DumpRead[]> {
  const reads: DumpRead[] = [];
  do reads.push(await source.read(signal()));
  while (!source.ended?.());
  await source.close?.();
  return reads;
}

/** What the pipeline makes of a sequence of reads: the JSON document (topology, rates, shares) after each. */
function processed(reads: readonly DumpRead[]): string[] {
  const pipeline = new Pipeline();
  return reads.map((r) => {
    const { topology, stats } = pipeline.ingest(r);
    return formatJson(topology, stats);
  });
}

/** Byte offsets where each gzip member of a recording starts, and the file's end. */
function memberOffsets(path: string): number[] {
  const bytes = readFileSync(path);
  const offsets = [0];
  while (offsets.at(-1)! < bytes.length) offsets.push(offsets.at(-1)! + memberSize(bytes.subarray(offsets.at(-1)!))!);
  return offsets;
}

describe("record and replay", () => {
  it("replays the demo's samples with the same times, texts, topology and stats sequence", async () => {
    const { path, live } = await recordDemo([2000, 2000, 2500, 1500, 2000]);
    const replayed = await drain(createReplaySource({ path }));
    expect(replayed.map((r) => r.takenAt)).toEqual(live.map((r) => r.takenAt));
    expect(replayed.map((r) => r.text)).toEqual(live.map((r) => r.text));
    expect(replayed.map((r) => r.durationMs)).toEqual(live.map((r) => r.durationMs));
    const rates = processed(replayed);
    expect(rates).toEqual(processed(live));
    // the sequence really moves: later samples carry non-zero rates
    expect(JSON.parse(rates.at(-1)!).services.some((s: { rate: number | null }) => (s.rate ?? 0) > 0)).toBe(true);
  });

  it("keeps the recorded notes and says where in the replay each sample is", async () => {
    const { path } = await recordDemo([1000, 1000]);
    const replayed = await drain(createReplaySource({ path, speed: 2 }));
    expect(replayed[0]!.notes).toEqual([
      "demo: a made-up cluster, not this machine",
      expect.stringMatching(/^replay of rec-\d+\.knt\.gz from demo: sample 1$/),
    ]);
    expect(replayed[2]!.notes.at(-1)).toMatch(/sample 3, the last$/);
    expect(createReplaySource({ path, speed: 2 }).label).toBe(`replay ${path} at ×2`);
  });

  it("is an ordinary gzip stream: zcat shows each sample's header line and its dump", async () => {
    const { path, live } = await recordDemo([1000]);
    const text = gunzipSync(readFileSync(path)).toString("utf8");
    const headers = text.split("\n").filter((l) => l.startsWith(SAMPLE_PREFIX));
    expect(headers).toHaveLength(2);
    const header = JSON.parse(headers[1]!.slice(SAMPLE_PREFIX.length));
    expect(header).toMatchObject({ v: 1, takenAt: live[1]!.takenAt, source: "demo", by: "kube-nat-top test" });
    expect(text).toContain(live[1]!.text);
  });

  it("keeps both families of a --family both sample", async () => {
    const path = newPath();
    const recorder = openRecorder(path, "test");
    const read: DumpRead = {
      takenAt: 5,
      durationMs: 3,
      text: "*nat\nCOMMIT\n",
      text6: "*nat\n# ü\nCOMMIT\n",
      notes: [],
    };
    await recorder.record(read, "local");
    await recorder.record({ ...read, takenAt: 9, text6: undefined, family: 6 } as DumpRead, "local");
    recorder.close();
    const replayed = await drain(createReplaySource({ path }));
    expect(replayed[0]).toMatchObject({ takenAt: 5, durationMs: 3, text: read.text, text6: read.text6 });
    expect(replayed[1]).toMatchObject({ takenAt: 9, family: 6 });
    expect(replayed[1]!.text6).toBeUndefined();
  });
});

describe("a recording cut off while it was written", () => {
  it("replays every complete sample and notes the cut, wherever the last sample was cut", async () => {
    const { path, live } = await recordDemo([2000, 2000, 2000]);
    const offsets = memberOffsets(path);
    const lastStart = offsets[3]!;
    const end = offsets[4]!;
    for (const cut of [lastStart + 1, lastStart + 15, lastStart + Math.floor((end - lastStart) / 2), end - 1]) {
      const copy = newPath();
      writeFileSync(copy, readFileSync(path));
      truncateSync(copy, cut);
      const replayed = await drain(createReplaySource({ path: copy }));
      expect(
        replayed.map((r) => r.takenAt),
        `cut at ${cut}`,
      ).toEqual(live.slice(0, 3).map((r) => r.takenAt));
      expect(replayed.at(-1)!.notes.at(-1)).toBe(
        "the recording ends in the middle of sample 4 (cut off while it was written?): 3 complete samples",
      );
    }
  });

  it("an intact recording ends without a note about a cut", async () => {
    const { path } = await recordDemo([2000]);
    const reader = new RecordingReader(path);
    for await (const _ of reader);
    expect(reader.samples).toBe(2);
    expect(reader.problem).toBeNull();
  });

  it("a damaged sample ends the replay there, saying so", async () => {
    const { path } = await recordDemo([2000, 2000]);
    const offsets = memberOffsets(path);
    const bytes = readFileSync(path);
    const middle = Math.floor((offsets[1]! + offsets[2]!) / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(path, bytes);
    const reader = new RecordingReader(path);
    const samples = [];
    for await (const s of reader) samples.push(s);
    expect(samples).toHaveLength(1);
    expect(reader.problem).toMatch(/^sample 2 of the recording is unreadable \(.+\): it and the rest are skipped$/);
  });

  it("a file that is not a recording, or holds nothing, is an error on the first read", async () => {
    const dump = newPath();
    writeFileSync(dump, "*nat\n:KUBE-SERVICES - [0:0]\nCOMMIT\n");
    await expect(createReplaySource({ path: dump }).read(signal())).rejects.toThrow(
      `${dump}: not a kube-nat-top recording (a dump is read with --file)`,
    );
    const empty = newPath();
    writeFileSync(empty, "");
    await expect(createReplaySource({ path: empty }).read(signal())).rejects.toThrow("the recording is empty");
    await expect(createReplaySource({ path: join(dir, "none") }).read(signal())).rejects.toThrow(
      `cannot read the recording ${join(dir, "none")}: no such file`,
    );
  });
});

describe("replay pace", () => {
  it("the poller waits the recorded gaps divided by the speed, and stops after the last sample", async () => {
    const { path, live } = await recordDemo([2000, 3000, 1000]);
    const source = createReplaySource({ path, speed: 100 });
    const poller = new Poller(source, { intervalMs: 60_000 });
    const intervals: (number | null)[] = [];
    const taken: number[] = [];
    for await (const event of poller) {
      if (event.kind !== "sample") throw new Error(event.message);
      taken.push(event.read.takenAt);
      intervals.push(source.nextDelayMs?.() ?? null);
      expect(poller.intervalMs).toBe(source.nextDelayMs?.() ?? 60_000);
    }
    expect(taken).toEqual(live.map((r) => r.takenAt));
    expect(intervals).toEqual([20, 30, 10, null]);
  });

  it("at speed 1 the waits are the recorded gaps; at speed 4 a quarter of them", async () => {
    const { path } = await recordDemo([2000]);
    for (const [speed, wait] of [
      [1, 2000],
      [4, 500],
    ] as const) {
      const source = createReplaySource({ path, speed });
      await source.read(signal());
      expect(new Poller(source, { intervalMs: 7000 }).intervalMs).toBe(wait);
      await source.close?.();
    }
  });

  it("its clock runs in recorded time, speed times faster than the wall clock", async () => {
    const { path, live } = await recordDemo([2000]);
    let wall = 1_000;
    const source = createReplaySource({ path, speed: 4, wallNow: () => wall });
    await source.read(signal());
    expect(source.now?.()).toBe(live[0]!.takenAt);
    wall += 250;
    expect(source.now?.()).toBe(live[0]!.takenAt + 1000);
    await source.close?.();
  });
});

describe("recording failures", () => {
  it("a recording that cannot be created is an error with the reason", () => {
    expect(() => openRecorder(join(dir, "missing", "rec.gz"), "test")).toThrow(
      `cannot write the recording ${join(dir, "missing", "rec.gz")}: no such directory`,
    );
  });

  it("a full disk fails the read that could not be recorded, then later reads carry a note", async () => {
    const source = recordingSource(createDemoSource(), openRecorder("/dev/full", "test"));
    await expect(source.read(signal())).rejects.toThrow("recording to /dev/full stopped: no space left on the device");
    const next = await source.read(signal());
    expect(next.notes).toContain("not recording to /dev/full: no space left on the device");
    await source.close?.();
  });
});
