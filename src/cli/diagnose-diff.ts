// `kube-nat-top diff A B`: two dumps (files or `-`), compared service port by service port.

import { topologyOf } from "../app/pipeline.ts";
import { diffTopologies, formatDiffJson, formatDiffText } from "../diff/index.ts";
import type { CliIO } from "./io.ts";
import { readFileOrStdin } from "./read-once.ts";

/** Reads both dumps and prints the diff; 0 when they match, 1 when they differ, 2 when one cannot be read. */
export async function runDiff(a: string, b: string, output: "text" | "json", io: CliIO): Promise<number> {
  if (a === "-" && b === "-") {
    io.stderr.write("kube-nat-top diff: only one of the two dumps can come from stdin (-)\n");
    return 2;
  }
  const left = await readFileOrStdin(a, io);
  if ("error" in left) {
    io.stderr.write(`kube-nat-top diff: ${left.error}\n`);
    return 2;
  }
  const right = await readFileOrStdin(b, io);
  if ("error" in right) {
    io.stderr.write(`kube-nat-top diff: ${right.error}\n`);
    return 2;
  }
  const d = diffTopologies(topologyOf(left.text), topologyOf(right.text));
  const labels = { a: a === "-" ? "stdin" : a, b: b === "-" ? "stdin" : b };
  io.stdout.write(output === "json" ? formatDiffJson(d) : formatDiffText(d, labels));
  return d.differs ? 1 : 0;
}
