// `--record` and `--replay` through the built CLI: a recording taken with --once --count gives, replayed with
// --once, the same JSON (rates, shares, windows) the live run printed.

import { mkdtempSync, readFileSync, rmSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_PREFIX } from "../../src/source/recording-format.ts";
import { binPath, dumpPath } from "../support/paths.ts";

const dir = mkdtempSync(join(tmpdir(), "knt-cli-rec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return execa("node", [binPath, ...args], { reject: false, stdin: "ignore", env: { NO_COLOR: "1" } });
}

interface Doc {
  services: { name: string; rate: number | null; endpoints: { address: string; rate: number | null }[] }[];
  sampling: { samples: number; elapsedSeconds: number | null };
}

describe("kube-nat-top --record, then --replay --once", () => {
  const recording = join(dir, "demo.knt.gz");
  let live: { stdout: string; stderr: string; exitCode?: number };

  beforeAll(async () => {
    const args = ["--demo", "--once", "--count", "4", "--interval", "0.3", "--output", "json", "--record", recording];
    live = await run(args);
  }, 30_000);

  it("records every sample the live run took", () => {
    expect(live.exitCode, live.stderr).toBe(0);
    const headers = gunzipSync(readFileSync(recording))
      .toString("utf8")
      .split("\n")
      .filter((l) => l.startsWith(SAMPLE_PREFIX));
    expect(headers).toHaveLength(4);
    expect(JSON.parse(live.stdout).sampling.samples).toBe(4);
  });

  it("prints the final state with the very rates and shares the live run printed", async () => {
    const replay = await run(["--replay", recording, "--once", "--output", "json"]);
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(replay.stdout).toBe(live.stdout);
    const doc = JSON.parse(replay.stdout) as Doc;
    expect(doc.sampling.samples).toBe(4);
    expect(doc.services.some((s) => (s.rate ?? 0) > 0)).toBe(true);
  });

  it("prints the text tree with rates, without waiting for the recorded intervals", async () => {
    const started = Date.now();
    const replay = await run(["--replay", recording, "--once"]);
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/conn\/s \d/);
    expect(replay.stderr).toBe("");
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("replays what is complete from a recording cut short, and says so", async () => {
    const cut = join(dir, "cut.knt.gz");
    await execa("cp", [recording, cut]);
    truncateSync(cut, readFileSync(cut).length - 100);
    const replay = await run(["--replay", cut, "--once", "--output", "json"]);
    expect(replay.exitCode).toBe(0);
    expect(JSON.parse(replay.stdout).sampling.samples).toBe(3);
    expect(replay.stderr).toBe(
      `kube-nat-top: ${cut}: the recording ends in the middle of sample 4 (cut off while it was written?): 3 complete samples`,
    );
  });
});

describe("kube-nat-top --record with --file", () => {
  it("records the one dump a --once read takes, and replays it to the same services", async () => {
    const recording = join(dir, "file.knt.gz");
    const dump = dumpPath("canonical-v1.32-ipv4.txt");
    const once = await run(["--file", dump, "--output", "json", "--record", recording]);
    expect(once.exitCode, once.stderr).toBe(0);
    const replay = await run(["--replay", recording, "--output", "json"]);
    expect(replay.exitCode, replay.stderr).toBe(0);
    const names = (doc: string) => (JSON.parse(doc) as Doc).services.map((s) => s.name);
    expect(names(replay.stdout)).toEqual(names(once.stdout));
    expect(names(replay.stdout).length).toBeGreaterThan(0);
  });
});

describe("kube-nat-top --record/--replay mistakes", () => {
  it.each([
    [["--speed", "2", "--demo"], "kube-nat-top: --speed goes with --replay"],
    [["--replay", "x", "--record", "y"], "kube-nat-top: --record cannot record a replay (copy the file instead)"],
    [
      ["--replay", "x", "--demo"],
      "kube-nat-top: choose one source: --local, --file, --exec, --ssh, --minikube, --demo or --replay",
    ],
    [
      ["--replay", "x", "--once", "--count", "3"],
      "kube-nat-top: --count does not apply to --replay: --once prints the recording's final state",
    ],
    [["--demo", "--record", "-"], "kube-nat-top: --record needs a file (it is written as it goes, not to stdout)"],
  ])("%j exits 2 with a message", async (args, message) => {
    const r = await run(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(message);
  });

  it("a missing recording, or a dump given as one, exits 1 saying why", async () => {
    const missing = await run(["--replay", join(dir, "nope.gz"), "--once"]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe(`kube-nat-top: cannot read the recording ${join(dir, "nope.gz")}: no such file`);
    const dump = dumpPath("canonical-v1.32-ipv4.txt");
    const notRecording = await run(["--replay", dump, "--once"]);
    expect(notRecording.exitCode).toBe(1);
    expect(notRecording.stderr).toBe(
      `kube-nat-top: ${dump}: not a kube-nat-top recording (a dump is read with --file)`,
    );
  });

  it("a recording that cannot be written is fatal before anything is read", async () => {
    const r = await run(["--demo", "--once", "--record", join(dir, "no", "such", "dir.gz")]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      `kube-nat-top: cannot write the recording ${join(dir, "no", "such", "dir.gz")}: no such directory`,
    );
    expect(r.stdout).toBe("");
  });
});
