import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { dumpAt, expectSameAsRebuild, read } from "./warm-reads.ts";

const services = randomServices(40, 11);
const restore = generateRuleSet(services, { era: "v1.32", hooks: true }).text;

describe("warm ticks (only counters changed)", () => {
  it("refresh counters onto the last topology, equal to a full rebuild, dates changing too", () => {
    const reads = [0, 1, 2, 3].map((t) => read(dumpAt(restore, t), t));
    const pipeline = expectSameAsRebuild(reads);
    expect(pipeline.counts).toEqual({ full: 1, counters: 3 });
    const endpoint = pipeline.ingest(read(dumpAt(restore, 9), 9)).topology.services.flatMap((s) => s.endpoints)[3];
    expect(endpoint?.packets).toBeGreaterThan(0);
  });

  it("read counters of any length, huge ones rounded as the grammar rounds them", () => {
    let n = 0;
    const huge = dumpAt(restore, 1).replace(
      /^\[\d+:\d+\]/gm,
      () => `[184467440737095516${n++ % 16}:99999999999999999999]`,
    );
    const pipeline = expectSameAsRebuild([
      read(dumpAt(restore, 1), 1),
      read(huge, 2),
      read(dumpAt(restore, 3, 4, 1e6), 3),
    ]);
    expect(pipeline.counts).toEqual({ full: 1, counters: 2 });
  });

  it("rebuild in full when a rule changed, a service was added or a line moved", () => {
    const first = dumpAt(restore, 1);
    const changed = dumpAt(restore, 2).replace(/--probability 0\.5000\d+/, "--probability 0.25000000000");
    const added = dumpAt(generateRuleSet(randomServices(41, 11), { era: "v1.32", hooks: true }).text, 3);
    const moved = dumpAt(restore, 4).replace("*nat\n", "*nat\n# a comment line\n");
    const pipeline = expectSameAsRebuild([read(first, 1), read(changed, 2), read(added, 3), read(moved, 4)]);
    expect(pipeline.counts).toEqual({ full: 4, counters: 0 });
  });

  it("compare lines with diagnostics in full: their columns count from the line start", () => {
    const noted = (p: number) =>
      dumpAt(restore, 1).replace(
        "COMMIT\n",
        `[${p}:1] -A KUBE-SEP-X -m comment --comment two words -j KUBE-MARK-MASQ\n[${p}:2] not a rule\nCOMMIT\n`,
      );
    const pipeline = expectSameAsRebuild([read(noted(1), 1), read(noted(1000), 2), read(noted(1000), 3)]);
    expect(pipeline.counts).toEqual({ full: 2, counters: 1 });
    expect(pipeline.ingest(read(noted(1000), 4)).topology.diagnostics.length).toBeGreaterThan(0);
  });

  it("keep counters written inside rules (-S -v) and refresh both families of a dual-stack read", () => {
    const sv =
      "-P PREROUTING ACCEPT -c 5 6\n-N KUBE-SEP-A\n-A KUBE-SEP-A -p tcp -j DNAT --to-destination 10.0.0.1:80 -c 7 8\n";
    const v6 = generateRuleSet(randomServices(10, 3, { family: 6 }), { era: "v1.32", family: 6 }).text;
    const reads = [1, 2, 3].map((t) => read(dumpAt(restore, t), t, dumpAt(v6, t, 6)));
    const pipeline = expectSameAsRebuild([read(sv, 0), read(sv, 1), ...reads]);
    expect(pipeline.counts).toEqual({ full: 3, counters: 5 });
  });

  it("compare text that is not ASCII exactly too", () => {
    const accented = dumpAt(restore, 1).replace(
      "COMMIT\n",
      '[1:1] -A KUBE-X -m comment --comment "café" -j RETURN\nCOMMIT\n',
    );
    const pipeline = expectSameAsRebuild([read(accented, 1), read(accented.replace("[1:1]", "[2:2]"), 2)]);
    expect(pipeline.counts).toEqual({ full: 1, counters: 1 });
    const renamed = accented.replace("café", "cafè");
    expectSameAsRebuild([read(accented, 1), read(renamed, 2)]);
    expect(buildTopology(parseDump(renamed)).services.length).toBeGreaterThan(0);
  });
});
