// The live view: poll the source, run each sample through the pipeline into the store, and show the Ink UI.

import { Pipeline } from "../app/pipeline.ts";
import { createStore, type Store } from "../app/store.ts";
import { errorMessage, isFatalAtStartup, Poller, type Source } from "../source/index.ts";
import { runApp } from "../ui/run-app.tsx";
import { chooseSource } from "./choose-source.ts";
import type { CliIO } from "./io.ts";
import type { CliOptions } from "./options.ts";

/** Feeds poll events into the store until the signal aborts; keeps the poll interval in step with the store's. */
async function feed(
  source: Source,
  store: Store,
  pipeline: Pipeline,
  options: CliOptions,
  signal: AbortSignal,
  waitFirst: boolean,
): Promise<void> {
  // a replay paces itself (the recorded gaps); other sources follow the interval the user sets
  const paced = source.nextDelayMs !== undefined;
  if (waitFirst) await sleep(source.nextDelayMs?.() ?? store.getSnapshot().intervalSec * 1000, signal);
  const poller = new Poller(source, {
    intervalMs: store.getSnapshot().intervalSec * 1000,
    timeoutMs: options.timeout * 1000,
    signal,
  });
  const unsubscribe = store.subscribe(() => {
    const ms = store.getSnapshot().intervalSec * 1000;
    if (!paced && ms !== poller.intervalMs) poller.setInterval(ms);
  });
  try {
    for await (const event of poller) {
      if (event.kind === "error")
        store.applyError({ message: event.message, at: event.at, durationMs: event.durationMs });
      else {
        try {
          store.applySample(pipeline.ingest(event.read));
        } catch (err) {
          store.applyError({ message: `could not read the dump: ${errorMessage(err)}`, at: event.read.takenAt });
        }
      }
    }
  } finally {
    unsubscribe();
  }
}

/** Runs the live view until the user quits; returns the exit code. */
export async function runLive(options: CliOptions, io: CliIO): Promise<number> {
  const chosen = await chooseSource(options, io);
  if ("fatal" in chosen) {
    io.stderr.write(`kube-nat-top: ${chosen.fatal}\n`);
    return 1;
  }
  const { source } = chosen;
  let first = chosen.first;
  if (first === null) {
    try {
      first = await source.read(AbortSignal.timeout(options.timeout * 1000));
    } catch (err) {
      if (isFatalAtStartup(err) || options.file !== null || options.replay !== null) {
        io.stderr.write(`kube-nat-top: ${errorMessage(err)}\n`);
        await source.close?.();
        return 1;
      }
    }
  }
  if (chosen.note) io.stderr.write(`kube-nat-top: ${chosen.note}\n`);
  const pace = source.nextDelayMs?.() ?? null;
  const store = createStore({
    source: source.label,
    // a replay shows its first recorded gap (÷ speed), to a tenth of a second
    intervalSec: pace === null ? options.interval : Math.max(0.1, Math.round(pace / 100) / 10),
    ...(source.now ? { now: () => source.now?.() ?? Date.now() } : {}),
  });
  const pipeline = new Pipeline();
  if (first) store.applySample(pipeline.ingest(first));
  const controller = new AbortController();
  const feeding =
    (source.once || source.ended?.()) && first
      ? Promise.resolve()
      : feed(source, store, pipeline, options, controller.signal, first !== null);
  try {
    await runApp(store, {
      stdout: io.stdout,
      stdin: io.stdin,
      stderr: io.stderr,
      noColor: !options.color || undefined,
    });
  } finally {
    controller.abort();
    await feeding.catch(() => undefined);
    await source.close?.();
  }
  return 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
