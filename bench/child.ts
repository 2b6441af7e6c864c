// Entry of the benchmark's child processes, bundled by spawn.ts: `node bench/.build/child.mjs <case> <dump file> [n]`.
// Each case runs in a fresh process (own heap, own JIT) and prints its result as one JSON line.

const [kind, file, arg] = process.argv.slice(2);
if (!kind || !file) throw new Error("usage: child.ts pipeline|peak|memory|ui <dump file> [n]");
const n = Number(arg ?? "0");

let result: unknown;
if (kind === "pipeline") {
  const { pipelineTimes } = await import("./cases/pipeline-times.ts");
  result = pipelineTimes(file, n || 5, 10);
} else if (kind === "peak") {
  const { peakRun } = await import("./cases/peak.ts");
  result = peakRun(file);
} else if (kind === "memory") {
  const { memoryRun } = await import("./cases/memory.ts");
  result = await memoryRun(file, n || 600, 50);
} else if (kind === "ui") {
  const { uiRun } = await import("./cases/ui.tsx");
  result = await uiRun(file, n || 10);
} else {
  throw new Error(`unknown case ${kind}`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
