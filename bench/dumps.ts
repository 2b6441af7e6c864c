// The benchmark's inputs: a kube-proxy-shaped rule set per size, loaded into the kernel and read back with
// iptables-save -c (or, without a kernel, the generator's canonical iptables-save text).

import { canonicalDump, generateRuleSet, randomServices } from "../src/gen/index.ts";
import type { BenchNamespace, Tools } from "./kernel.ts";
import { readDump } from "./kernel.ts";
import { median } from "./measure.ts";

/** What one size's dump cost to make and read. */
export interface SizedDump {
  readonly services: number;
  /** Service ports the generator wrote (a service has 1–3 ports). */
  readonly servicePorts: number;
  readonly text: string;
  /** The iptables-restore text the generator wrote (null when not kept). */
  readonly restoreText: string | null;
  readonly bytes: number;
  readonly lines: number;
  readonly rules: number;
  readonly genMs: number;
  /** null without a kernel. */
  readonly restoreMs: number | null;
  /** Median wall and children-CPU ms of iptables-save -c over `saveRuns`; null without a kernel. */
  readonly saveMs: number | null;
  readonly saveCpuMs: number | null;
  readonly saveRuns: readonly number[];
}

const SEED = 20250101;

/** Generates `services` services (v1.32 rules, about 3 endpoints each, node ports, filter rules). */
export function ruleSet(services: number): { text: string; servicePorts: number; genMs: number } {
  const t0 = performance.now();
  const set = generateRuleSet(randomServices(services, SEED), { era: "v1.32", hooks: true });
  return { text: set.text, servicePorts: set.services.length, genMs: performance.now() - t0 };
}

function shape(text: string): { bytes: number; lines: number; rules: number } {
  let lines = 0;
  let rules = 0;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    lines++;
    if (line.startsWith("[") || line.startsWith("-A")) rules++;
  }
  return { bytes: Buffer.byteLength(text), lines, rules };
}

/** Loads the rule set into `ns` and times `save -c` `runs` times (stopping early past `budgetMs`). */
export function kernelDump(
  services: number,
  ns: BenchNamespace,
  tools: Tools,
  file: string,
  runs: number,
  budgetMs: number,
): SizedDump {
  const { text: restoreText, servicePorts, genMs } = ruleSet(services);
  const t0 = performance.now();
  ns.restore(tools.restore, restoreText);
  const restoreMs = performance.now() - t0;
  const walls: number[] = [];
  const cpus: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs && (i < 1 || performance.now() - start < budgetMs); i++) {
    const t = ns.timedSave(tools.save, file);
    walls.push(t.wallMs);
    if (t.cpuMs !== null) cpus.push(t.cpuMs);
  }
  const text = readDump(file);
  return {
    services,
    servicePorts,
    text,
    restoreText,
    ...shape(text),
    genMs,
    restoreMs,
    saveMs: median(walls),
    saveCpuMs: cpus.length ? median(cpus) : null,
    saveRuns: walls,
  };
}

/** Without a kernel: the canonical text iptables-save would print for the rule set (no yardstick). */
export function canonicalOnly(services: number): SizedDump {
  const { text: restoreText, servicePorts, genMs } = ruleSet(services);
  const text = canonicalDump(restoreText);
  return {
    services,
    servicePorts,
    text,
    restoreText: null,
    ...shape(text),
    genMs,
    restoreMs: null,
    saveMs: null,
    saveCpuMs: null,
    saveRuns: [],
  };
}
