// `kube-nat-top check`: verdicts for every service port (or one), optionally with a live window of counters.

import { Pipeline, topologyOfRead } from "../app/pipeline.ts";
import type { Topology } from "../model/types.ts";
import { errorMessage } from "../source/index.ts";
import type { StatsSnapshot } from "../stats/types.ts";
import { verdictsOf } from "../verdict/index.ts";
import { exitCodeOf, formatCheckJson, formatCheckText, scopeOf, selectServices } from "../verdict/report.ts";
import { chooseSource } from "./choose-source.ts";
import type { CliIO } from "./io.ts";
import type { CliOptions } from "./options.ts";
import { readOnce } from "./read-once.ts";

/** Exit code when no dump could be read: neither healthy nor unhealthy. */
export const CHECK_UNKNOWN = 3;

interface Read {
  readonly topology: Topology;
  readonly stats: StatsSnapshot | null;
}

async function readOne(options: CliOptions, io: CliIO): Promise<Read | { error: string }> {
  const r = await readOnce(options, io);
  return "error" in r ? r : { topology: topologyOfRead(r), stats: null };
}

// Two reads `window` seconds apart from one source through the stats pipeline: the second carries window counts.
async function readTwice(options: CliOptions, io: CliIO, window: number): Promise<Read | { error: string }> {
  if (options.file === "-") return { error: "--window needs a source that can be read twice, not stdin" };
  const chosen = await chooseSource(options, io);
  if ("fatal" in chosen) return { error: chosen.fatal };
  if (chosen.note) io.stderr.write(`kube-nat-top: ${chosen.note}\n`);
  const pipeline = new Pipeline();
  const read = () => chosen.source.read(AbortSignal.timeout(options.timeout * 1000));
  try {
    pipeline.ingest(chosen.first ?? (await read()));
    await new Promise((resolve) => setTimeout(resolve, window * 1000));
    const p = pipeline.ingest(await read());
    return { topology: p.topology, stats: p.stats };
  } catch (err) {
    return { error: errorMessage(err) };
  } finally {
    await chosen.source.close?.();
  }
}

/** Reads the dump, prints the verdicts and returns 0 (healthy), 1 (warnings), 2 (errors) or 3 (no dump). */
export async function runCheck(
  options: CliOptions,
  io: CliIO,
  opts: { service: string | null; window: number | null },
): Promise<number> {
  const read = opts.window === null ? await readOne(options, io) : await readTwice(options, io, opts.window);
  if ("error" in read) {
    io.stderr.write(`kube-nat-top check: ${read.error}\n`);
    return CHECK_UNKNOWN;
  }
  const verdicts = verdictsOf(read.topology, read.stats);
  const names = selectServices(read.topology, opts.service);
  if (opts.service !== null && names.length === 0) {
    const msg = `no rules for service ${opts.service} in this dump: kube-proxy does not serve it on this node (or the name is wrong)`;
    if (options.output === "json") {
      io.stdout.write(
        `${JSON.stringify({ status: "error", exitCode: 2, service: opts.service, error: msg }, null, 2)}\n`,
      );
    } else io.stdout.write(`ERROR ${msg}\n`);
    return 2;
  }
  const scope = scopeOf(verdicts, names);
  io.stdout.write(
    options.output === "json"
      ? formatCheckJson(verdicts, scope, { windowSeconds: opts.window })
      : formatCheckText(verdicts, scope),
  );
  return exitCodeOf(scope.status);
}
