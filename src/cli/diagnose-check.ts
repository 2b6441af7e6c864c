// `kube-nat-top check`: verdicts for every service port (or one), optionally with a live window of counters.

import { Pipeline, topologyOfRead } from "../app/pipeline.ts";
import type { Topology } from "../model/types.ts";
import type { StatsSnapshot } from "../stats/types.ts";
import { verdictsOf } from "../verdict/index.ts";
import { exitCodeOf, formatCheckJson, formatCheckText, scopeOf, selectServices } from "../verdict/report.ts";
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

// Two reads `window` seconds apart through the stats pipeline: the second carries window counts per endpoint.
async function readTwice(options: CliOptions, io: CliIO, window: number): Promise<Read | { error: string }> {
  const pipeline = new Pipeline();
  let last: Read | null = null;
  for (let i = 0; i < 2; i++) {
    if (i === 1) await new Promise((resolve) => setTimeout(resolve, window * 1000));
    const started = Date.now();
    const r = await readOnce(options, io);
    if ("error" in r) return r;
    const read = { ...r, takenAt: Date.now(), durationMs: Date.now() - started, notes: [] };
    const p = pipeline.ingest(read);
    last = { topology: p.topology, stats: p.stats };
  }
  return last!;
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
