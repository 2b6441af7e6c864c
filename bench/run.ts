// `npm run bench`: kube-proxy-shaped rule sets of 1k, 10k and 20k services through the kernel and kube-nat-top.
// Options: --sizes 1000,10000 (default 1000,10000,20000), --runs N (default 5), --no-kernel, --nft (also time the
// nf_tables iptables-save once per size up to 10k; it is much slower than legacy and grows faster than linearly).
// Prints a markdown table; writes bench/results.json (gitignored) and bench/README-table.md.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MemoryResult } from "./cases/memory.ts";
import type { PeakResult } from "./cases/peak.ts";
import type { PipelineTimes } from "./cases/pipeline-times.ts";
import type { UiResult } from "./cases/ui.tsx";
import { counterTemplate, withCounters } from "./counters.ts";
import { canonicalOnly, kernelDump, type SizedDump } from "./dumps.ts";
import { BenchNamespace, probeKernel } from "./kernel.ts";
import { machine } from "./measure.ts";
import { markdown, type Results, type SizeResult, targets } from "./report.ts";
import { bundleChild, runChild, timeCli } from "./spawn.ts";

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const value = (name: string): string | undefined => {
  const at = argv.indexOf(name);
  return at < 0 ? undefined : argv[at + 1];
};
function counts(name: string, fallback: string): number[] {
  const text = value(name) ?? fallback;
  const list = text.split(",").map(Number);
  if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} needs positive integers, got ${text}`);
  return list;
}
const sizes = counts("--sizes", "1000,10000,20000");
const runs = counts("--runs", "5")[0]!;
const HERE = fileURLToPath(new URL(".", import.meta.url));

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function nftSave(ns: BenchNamespace, text: string, file: string): number | null {
  try {
    ns.restore("iptables-nft-restore", text);
    return ns.timedSave("iptables-nft-save", file).wallMs;
  } catch (error) {
    log(`nf_tables timing skipped: ${(error as Error).message}`);
    return null;
  }
}

async function main(): Promise<void> {
  const probe = flag("--no-kernel") ? ({ ok: false, reason: "--no-kernel" } as const) : probeKernel();
  const notes: string[] = [];
  const ns = new BenchNamespace();
  const dir = mkdtempSync(join(tmpdir(), "knt-bench-"));
  const cleanup = (): void => {
    ns.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  const m = machine();
  notes.push(`${m.cpus} × ${m.model}, ${m.memoryGB} GB, Node ${m.node}, load average ${m.loadavg.join(" ")} at start`);
  let source: string;
  if (probe.ok) {
    source = `kernel: rules loaded with ${probe.tools.restore} into network namespace ${ns.name}, read back with ${probe.tools.save} -c (${probe.tools.backend})`;
    if (probe.tools.backend === "legacy")
      notes.push(
        "Yardstick: iptables-legacy-save, the faster of the two backends (one table blob from the kernel). The nf_tables iptables-save is far slower on these tables and grows faster than linearly (--nft times it once per size up to 10k).",
      );
  } else {
    source = `no kernel (${probe.reason}): the generator's canonical iptables-save text, no yardstick`;
    notes.push(`No kernel: ${probe.reason}. Ratios to iptables-save cannot be computed.`);
  }
  log(source);
  await bundleChild();
  const results: SizeResult[] = [];
  let memory: MemoryResult | null = null;
  let peak: PeakResult | null = null;
  let ui: UiResult | null = null;
  try {
    if (probe.ok) ns.create();
    for (const services of sizes) {
      log(`${services} services: generating${probe.ok ? ", loading, timing iptables-save -c" : ""}…`);
      const saved = join(dir, `save-${services}.txt`);
      const dump: SizedDump = probe.ok
        ? kernelDump(services, ns, probe.tools, saved, runs, 60_000)
        : canonicalOnly(services);
      const file = join(dir, `dump-${services}.txt`);
      writeFileSync(file, withCounters(counterTemplate(dump.text), 0));
      if (probe.ok && flag("--nft") && services <= 10_000) {
        const nft = nftSave(ns, dump.restoreText ?? "", join(dir, `nft-${services}.txt`));
        if (nft !== null) notes.push(`${services} services: iptables-nft-save -c took ${nft.toFixed(0)} ms (one run).`);
      }
      log(`${services} services: ${dump.rules} rules, save ${dump.saveMs?.toFixed(0) ?? "—"} ms; parse, model, ticks…`);
      const times = runChild<PipelineTimes>("pipeline", file, services > 10_000 ? Math.min(runs, 3) : runs, [
        "--expose-gc",
      ]);
      log(`${services} services: CLI…`);
      const cli = timeCli(file, Math.min(runs, 3));
      const { text: _text, restoreText: _restore, ...rest } = dump;
      results.push({ dump: rest, times, cliMs: cli.wallMs, cliRuns: cli.runs });
      if (services === 10_000) {
        log("10000 services: peak memory of a first poll…");
        peak = runChild<PeakResult>("peak", file, 0);
        log("10000 services: memory over 600 warm ticks…");
        memory = runChild<MemoryResult>("memory", file, 600, ["--expose-gc"]);
        log("10000 services: key press → frame…");
        ui = runChild<UiResult>("ui", file, 10);
      }
    }
  } finally {
    cleanup();
  }
  const after = machine();
  notes.push(`load average ${after.loadavg.join(" ")} at the end`);
  const out: Results = { sizes: results, peak, memory, ui, source, notes };
  const table = markdown(out);
  const header = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\`; ${source}.\n${notes.map((n) => `- ${n}`).join("\n")}\n\n`;
  process.stdout.write(`\n${header}${table}`);
  writeFileSync(
    join(HERE, "results.json"),
    `${JSON.stringify({ ...out, targets: targets(out), machine: m }, null, 2)}\n`,
  );
  writeFileSync(join(HERE, "README-table.md"), `${header}${table}`);
}

await main();
