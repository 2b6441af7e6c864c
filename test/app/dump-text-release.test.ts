// A session keeps its topology and stats, never the dump text they were read from: V8 makes a substring of 13 or
// more characters a view into its parent, so one kept chain name or address would keep a whole dump in memory.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { Pipeline } from "../../src/app/pipeline.ts";
import { generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { dumpAt, read } from "./warm-reads.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Bytes of the padding that makes each dump text large enough to stand out in the heap. */
const PAD = 32 * 1024 * 1024;

const restore = generateRuleSet(randomServices(60, 5), { era: "v1.32", hooks: true }).text;

// Rules that make findings and diagnostics quote rule text: an orphan endpoint chain, a dangling jump from a chain
// of someone else, two service ports claiming one cluster IP:port, and a line that is no rule.
const ODD = [
  '[1:2] -A KUBE-SEP-ORPHANORPHANORPH -p tcp -m comment --comment "ns/orphan:http" -m tcp -j DNAT --to-destination 10.244.250.250:8080',
  "[1:2] -A SOMEONE-ELSES-CHAIN -j KUBE-SVC-DANGLINGDANGLINGX",
  '[1:2] -A KUBE-SERVICES -d 172.30.250.250/32 -p tcp -m comment --comment "ns/dup-a:http cluster IP" -m tcp --dport 8080 -j KUBE-SVC-DUPLICATEDUPLICAA',
  '[1:2] -A KUBE-SERVICES -d 172.30.250.250/32 -p tcp -m comment --comment "ns/dup-b:http cluster IP" -m tcp --dport 8080 -j KUBE-SVC-DUPLICATEDUPLICAB',
  "[1:2] -A KUBE-SEP-BROKENBROKENBROKEN --an-option-nobody-knows with-a-long-value",
  "this line is no rule and long enough to be a view into the text",
].join("\n");

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

// The texts only live inside this call: what the pipeline keeps is all that can hold them afterwards.
function ingestPadded(pipeline: Pipeline, ticks: readonly number[], edit: (dump: string) => string): number {
  let services = 0;
  for (const tick of ticks) {
    // blank padding after the last table: read (and skipped) like any line, so every slice points into this text
    const text = `${edit(dumpAt(restore, tick))}\n${" ".repeat(PAD)}\n`;
    services = pipeline.ingest(read(text, tick)).topology.services.length;
  }
  return services;
}

// Heap still used after the reads, over what was used before them.
function keptBy(pipeline: Pipeline, ticks: readonly number[], edit: (dump: string) => string = (d) => d): number {
  const before = heapAfterGc();
  const services = ingestPadded(pipeline, ticks, edit);
  expect(services).toBeGreaterThan(50);
  return heapAfterGc() - before;
}

describe("dump text after a poll", () => {
  it("is not kept alive by the topology, the stats or the grammar's caches", () => {
    const pipeline = new Pipeline();
    // a full rebuild, then a warm tick (only counters changed)
    const kept = keptBy(pipeline, [0, 1]);
    expect(pipeline.counts).toEqual({ full: 1, counters: 1 });
    // each text is over 32 MB: one of them kept shows as at least that much
    expect(kept).toBeLessThan(PAD / 2);
  });

  it("is not kept alive by findings and diagnostics that quote it", () => {
    const pipeline = new Pipeline();
    const odd = (dump: string) => dump.replace(/(\*nat\n[\s\S]*?)COMMIT\n/, `$1${ODD}\nCOMMIT\n`);
    const kept = keptBy(pipeline, [0, 1], odd);
    const t = pipeline.ingest(read(odd(dumpAt(restore, 2)), 2)).topology;
    const codes = new Set(t.findings.map((f) => f.code));
    for (const code of ["orphan-chain", "dangling-jump", "duplicate-frontend"]) expect(codes).toContain(code);
    expect(t.diagnostics.length).toBeGreaterThan(0);
    expect(kept).toBeLessThan(PAD / 2);
  });
});
