// Runs the live view full screen (alternate screen buffer) until q, Ctrl-C or a signal; restores the terminal always.

import { type Instance, render } from "ink";
import type { Store } from "../app/store.ts";
import { App } from "./App.tsx";
import { guardInput } from "./input-guard.ts";
import { noColorRequested } from "./theme.ts";

export interface RunAppOptions {
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
  /** Draw no colours; default: NO_COLOR is set and non-empty. */
  readonly noColor?: boolean;
  /** At most this many redraws per second (default 10): data rate is not render rate. */
  readonly maxFps?: number;
  /** Signals that end the view (the promise resolves); default SIGINT, SIGTERM, SIGHUP. */
  readonly signals?: readonly NodeJS.Signals[];
}

/** Enter the alternate screen and hide the cursor. */
export const ENTER_SCREEN = "\x1b[?1049h\x1b[?25l";
/** Show the cursor and leave the alternate screen. */
export const LEAVE_SCREEN = "\x1b[?25h\x1b[?1049l";

/**
 * Shows the live view until the user quits (q, Ctrl-C) or a signal arrives, then resolves; rejects when rendering
 * fails. The terminal is restored on every path, including errors and process exit. Never exits the process.
 */
export function runApp(store: Store, options: RunAppOptions = {}): Promise<void> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const signals = options.signals ?? ["SIGINT", "SIGTERM", "SIGHUP"];
  let left = false;
  const leave = (): void => {
    if (left) return;
    left = true;
    stdout.write(LEAVE_SCREEN);
  };
  stdout.write(ENTER_SCREEN);

  return new Promise<void>((resolve, reject) => {
    let instance: Instance | undefined;
    let done = false;
    const unguard = guardInput(stdin);
    const finish = (error?: unknown): void => {
      if (done) return;
      done = true;
      for (const s of signals) process.off(s, onSignal);
      process.off("exit", leave);
      unguard();
      try {
        instance?.unmount();
      } finally {
        leave();
        if (error === undefined) resolve();
        else reject(error);
      }
    };
    const onSignal = (): void => finish();
    for (const s of signals) process.on(s, onSignal);
    process.on("exit", leave);
    try {
      instance = render(<App store={store} onQuit={() => finish()} noColor={options.noColor ?? noColorRequested()} />, {
        stdout,
        stdin,
        stderr: options.stderr ?? process.stderr,
        exitOnCtrlC: false,
        patchConsole: false,
        maxFps: options.maxFps ?? 10,
      });
      instance.waitUntilExit().then(
        () => finish(),
        (error: unknown) => finish(error ?? new Error("the live view failed")),
      );
    } catch (error) {
      finish(error ?? new Error("the live view failed"));
    }
  });
}
