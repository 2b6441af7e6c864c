// `--replay FILE --once` (or JSON, or a pipe): every sample of the recording through the pipeline without waiting,
// then the final state printed with the rates of its last two samples, as the live view showed them at the end.

import { Pipeline, type Processed } from "../app/pipeline.ts";
import { formatJson } from "../output/json.ts";
import { formatTextTree } from "../output/text-tree.ts";
import { errorMessage, RecordingReader } from "../source/index.ts";
import type { CliIO } from "./io.ts";
import type { CliOptions } from "./options.ts";
import { readError } from "./read-once.ts";

/** Replays the whole recording at once and prints its final state; exit 1 when it holds no complete sample. */
export async function runReplayOnce(path: string, options: CliOptions, io: CliIO): Promise<number> {
  const reader = new RecordingReader(path);
  const pipeline = new Pipeline();
  let last: Processed | null = null;
  try {
    for await (const sample of reader) last = pipeline.ingest(sample.read);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code ? readError(path, err).replace(`cannot read ${path}`, `cannot read the recording ${path}`) : null;
    io.stderr.write(`kube-nat-top: ${why ?? errorMessage(err)}\n`);
    return 1;
  }
  if (reader.problem) io.stderr.write(`kube-nat-top: ${path}: ${reader.problem}\n`);
  if (!last) {
    if (!reader.problem) io.stderr.write(`kube-nat-top: ${path}: no sample in the recording\n`);
    return 1;
  }
  const { topology, stats } = last;
  io.stdout.write(options.output === "json" ? formatJson(topology, stats) : formatTextTree(topology, stats));
  return 0;
}
