// `--replay FILE --speed N` in the live view on a real terminal (tmux): the samples play in order, the last one says
// so, the header names the replay, and q quits.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernelTmux, shellQuote, TmuxSession } from "../support/e2e-tmux.ts";
import { binPath } from "../support/paths.ts";

describeKernelTmux("kube-nat-top --replay in the live view", () => {
  const dir = mkdtempSync(join(tmpdir(), "knt-replay-live-"));
  const recording = join(dir, "demo.knt.gz");
  let session: TmuxSession | null = null;

  beforeAll(async () => {
    const args = ["--demo", "--once", "--count", "4", "--interval", "1", "--record", recording];
    const r = await execa(process.execPath, [binPath, ...args], { reject: false, stdin: "ignore" });
    if (r.exitCode !== 0) throw new Error(`recording the demo failed: ${r.stderr}`);
  }, 30_000);

  afterAll(async () => {
    await session?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("plays every sample at the given speed, ends on the last, and quits with q", async () => {
    const command = [process.execPath, binPath, "--replay", recording, "--speed", "4"].map(shellQuote).join(" ");
    session = await TmuxSession.start(`${command}; echo "exit=$?"; sleep 60`, 140, 30);
    const first = await session.waitFor("the first sample", (s) => /: sample [12]\b/.exec(s));
    expect(first.screen).toContain(`kube-nat-top · replay ${recording} at ×4`);
    expect(first.screen).toContain("demo: a made-up cluster, not this machine");
    // 3 recorded gaps of ~1 s at ×4: the last sample shows within a few seconds
    const last = await session.waitFor("the last sample", (s) => s.includes("sample 4, the last"), 10_000);
    expect(last.screen).toMatch(/every 0\.[23]s/);
    await session.keys("q");
    const { screen } = await session.waitFor("the exit status", (s) => /exit=\d+/.exec(s)?.[0]);
    expect(screen).toContain("exit=0");
  }, 60_000);

  it("--record while live writes every sample shown until q, and the recording replays", async () => {
    const live = join(dir, "live.knt.gz");
    const command = [process.execPath, binPath, "--demo", "--interval", "0.5", "--record", live].map(shellQuote);
    const recorder = await TmuxSession.start(`${command.join(" ")}; echo "exit=$?"; sleep 60`, 140, 30);
    try {
      await recorder.waitFor("the recording label", (s) => s.includes(`demo · recording to ${live}`));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await recorder.keys("q");
      expect((await recorder.waitFor("the exit status", (s) => /exit=\d+/.exec(s)?.[0])).screen).toContain("exit=0");
    } finally {
      await recorder.kill();
    }
    const r = await execa(process.execPath, [binPath, "--replay", live, "--output", "json"], { reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).sampling.samples).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
