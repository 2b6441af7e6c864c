import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SourceError } from "../../src/source/errors.ts";
import { createFileSource } from "../../src/source/file.ts";

const signal = new AbortController().signal;
const DUMP = "*nat\n:KUBE-SERVICES - [0:0]\n[3:180] -A KUBE-SERVICES -j RETURN\nCOMMIT\n";
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "knt-file-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("file source", () => {
  it("reads a file once unless watching", async () => {
    const path = join(dir, "dump.txt");
    writeFileSync(path, DUMP);
    const source = createFileSource({ path, now: () => 42 });
    expect(source.once).toBe(true);
    expect(await source.read(signal)).toEqual({ takenAt: 42, durationMs: 0, text: DUMP, notes: [] });
  });

  it("watching re-reads only when the file changed", async () => {
    const path = join(dir, "dump.txt");
    writeFileSync(path, DUMP);
    const source = createFileSource({ path, watch: true });
    expect(source.once).toBe(false);
    const first = await source.read(signal);
    // same size and mtime: the cached text comes back even though the bytes changed underneath
    const same = DUMP.replace("[3:180]", "[4:180]");
    writeFileSync(path, same);
    utimesSync(path, new Date(1_000_000), new Date(1_000_000));
    const changed = await source.read(signal);
    expect(changed.text).toBe(same);
    writeFileSync(path, DUMP.replace("[3:180]", "[5:180]"));
    utimesSync(path, new Date(1_000_000), new Date(1_000_000));
    expect((await source.read(signal)).text).toBe(same);
    utimesSync(path, new Date(2_000_000), new Date(2_000_000));
    expect((await source.read(signal)).text).toContain("[5:180]");
    expect(first.text).toBe(DUMP);
  });

  it("stdin is read once and given again if asked", async () => {
    const source = createFileSource({
      path: "-",
      stdin: Readable.from([Buffer.from(DUMP.slice(0, 10)), DUMP.slice(10)]),
    });
    expect(source.once).toBe(true);
    expect(source.label).toBe("stdin");
    expect((await source.read(signal)).text).toBe(DUMP);
    expect((await source.read(signal)).text).toBe(DUMP);
  });

  it("a missing file, a directory and a non-dump are clear errors", async () => {
    const missing = await createFileSource({ path: join(dir, "nope") })
      .read(signal)
      .catch((e) => e);
    expect(missing).toBeInstanceOf(SourceError);
    expect(missing.message).toBe(`cannot read ${join(dir, "nope")}: no such file`);
    const folder = await createFileSource({ path: dir })
      .read(signal)
      .catch((e) => e);
    expect(folder.message).toBe(`cannot read ${dir}: it is a directory`);
    const junk = join(dir, "junk");
    writeFileSync(junk, "hello world\n");
    const garbage = await createFileSource({ path: junk })
      .read(signal)
      .catch((e) => e);
    expect(garbage).toMatchObject({ code: "garbage" });
  });

  it("an empty file is an empty dump, not an error", async () => {
    const path = join(dir, "empty");
    writeFileSync(path, "");
    expect((await createFileSource({ path }).read(signal)).text).toBe("");
  });
});
