// One-shot mode: read a dump once (or --count times, --interval apart), print the text tree or JSON, exit.

import { Pipeline, topologyOfRead } from "../app/pipeline.ts";
import { formatJson } from "../output/json.ts";
import { formatTextTree } from "../output/text-tree.ts";
import { Poller } from "../source/index.ts";
import { chooseSource } from "./choose-source.ts";
import type { CliIO } from "./io.ts";
import type { CliOptions } from "./options.ts";
import { readOnce } from "./read-once.ts";
import { runReplayOnce } from "./replay-once.ts";

/** Reads the dump once (a recording: all of it), prints it, and returns the exit code (1 when nothing was read). */
export async function runOneShot(options: CliOptions, io: CliIO): Promise<number> {
  if (options.replay !== null) return runReplayOnce(options.replay, options, io);
  if (options.count > 1) return runSampled(options, io);
  const result = await readOnce(options, io);
  if ("error" in result) {
    io.stderr.write(`kube-nat-top: ${result.error}\n`);
    return 1;
  }
  const topology = topologyOfRead(result);
  io.stdout.write(options.output === "json" ? formatJson(topology) : formatTextTree(topology));
  return 0;
}

/** `--once --count N`: N samples --interval apart, then the last tree with rates and observed shares. */
async function runSampled(options: CliOptions, io: CliIO): Promise<number> {
  const chosen = await chooseSource(options, io);
  if ("fatal" in chosen) {
    io.stderr.write(`kube-nat-top: ${chosen.fatal}\n`);
    return 1;
  }
  if (chosen.note) io.stderr.write(`kube-nat-top: ${chosen.note}\n`);
  const pipeline = new Pipeline();
  let last = chosen.first ? pipeline.ingest(chosen.first) : null;
  let taken = last ? 1 : 0;
  const controller = new AbortController();
  const poller = new Poller(chosen.source, {
    intervalMs: options.interval * 1000,
    timeoutMs: options.timeout * 1000,
    signal: controller.signal,
  });
  try {
    if (taken > 0 && taken < options.count) await delay(options.interval * 1000);
    if (taken < options.count) {
      for await (const event of poller) {
        if (event.kind === "error") {
          io.stderr.write(`kube-nat-top: ${event.message}\n`);
          return 1;
        }
        last = pipeline.ingest(event.read);
        if (++taken >= options.count) break;
      }
    }
  } finally {
    controller.abort();
    await chosen.source.close?.();
  }
  if (!last) {
    io.stderr.write("kube-nat-top: no sample could be taken\n");
    return 1;
  }
  if (taken < options.count)
    io.stderr.write(`kube-nat-top: the source gave only ${taken} of ${options.count} samples\n`);
  const { topology, stats } = last;
  io.stdout.write(options.output === "json" ? formatJson(topology, stats) : formatTextTree(topology, stats));
  return 0;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
