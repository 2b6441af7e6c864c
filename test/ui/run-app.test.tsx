import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, test, vi } from "vitest";

// Ink reads CI once, when it loads, and then draws nothing until exit; the CLI hides CI before loading the live
// view (src/cli/load-live.ts), so these tests load Ink the same way even when they run in CI.
vi.hoisted(() => {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
});

import { createStore, type Store } from "../../src/app/store.ts";
import { ENTER_SCREEN, LEAVE_SCREEN, runApp } from "../../src/ui/run-app.tsx";
import { sample } from "./helpers/builders.ts";
import { cluster } from "./helpers/cluster.ts";
import { RecordingStdout, TypingStdin } from "./helpers/streams.ts";

function start(store: Store = createStore({ source: "demo" }), signals: NodeJS.Signals[] = ["SIGUSR2"]) {
  const stdout = new RecordingStdout();
  const stdin = new TypingStdin();
  const done = runApp(store, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new RecordingStdout() as unknown as NodeJS.WriteStream,
    noColor: true,
    signals,
  });
  return { stdout, stdin, done, store };
}

/** Waits (up to 15 s: a cold worker on a busy machine is slow to first render) for Ink's redraw to show something. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 750 && !ok(); i++) await delay(20);
  expect(ok()).toBe(true);
}

/** The screen is entered first and left last, after Ink's final frame. */
function expectRestored(stdout: RecordingStdout): void {
  expect(stdout.writes[0]).toBe(ENTER_SCREEN);
  expect(stdout.writes.at(-1)).toBe(LEAVE_SCREEN);
  expect(stdout.writes.filter((w) => w === LEAVE_SCREEN)).toHaveLength(1);
}

describe("runApp", () => {
  test("draws full screen and q resolves, leaving the alternate screen", async () => {
    const exitListeners = process.listenerCount("exit");
    const app = start();
    const { topology, stats } = cluster();
    app.store.applySample(sample(topology, stats, Date.now()));
    await until(() => app.stdout.text().includes("kube-system/kube-dns:dns"));
    app.stdin.type("q");
    await expect(app.done).resolves.toBeUndefined();
    expectRestored(app.stdout);
    expect(process.listenerCount("exit")).toBe(exitListeners);
  });

  test("Ctrl-C resolves the same way (Ink does not exit on its own)", async () => {
    const app = start();
    await delay(50);
    app.stdin.type("\u0003");
    await expect(app.done).resolves.toBeUndefined();
    expectRestored(app.stdout);
  });

  test("a signal ends the view and restores the terminal", async () => {
    // runApp's handler is named onSignal; Ink's signal-exit adds and drops listeners of its own, not ours to count
    const ours = () => process.listeners("SIGUSR2").filter((l) => l.name === "onSignal");
    expect(ours()).toHaveLength(0);
    const app = start(undefined, ["SIGUSR2"]);
    await delay(50);
    expect(ours()).toHaveLength(1);
    process.emit("SIGUSR2");
    await expect(app.done).resolves.toBeUndefined();
    expectRestored(app.stdout);
    expect(ours()).toHaveLength(0);
  });

  test("a rendering failure rejects and still restores the terminal", async () => {
    const store = createStore({ source: "demo" });
    const broken: Store = {
      ...store,
      getSnapshot: () => {
        throw new Error("state is corrupt");
      },
    };
    const app = start(broken);
    await expect(app.done).rejects.toThrow("state is corrupt");
    expectRestored(app.stdout);
  });

  test("a key Ink 6 would crash on (Ctrl+F1) is ignored", async () => {
    const app = start();
    await delay(50);
    app.stdin.type("\u001b[1;5P");
    await delay(50);
    app.stdin.type("q");
    await expect(app.done).resolves.toBeUndefined();
  });
});
