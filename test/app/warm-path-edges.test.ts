import { describe, expect, it } from "vitest";
import { Pipeline } from "../../src/app/pipeline.ts";
import { canonicalDump, generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { dumpAt, expectSameAsRebuild, read, T0 } from "./warm-reads.ts";

const restore = generateRuleSet(randomServices(30, 5), { era: "v1.32", hooks: true }).text;

/** The dump with counters [packets(i), bytes(i)] for rule or policy i. */
function withCounts(tick: number, counters: (i: number) => [number, number]): string {
  return canonicalDump(restore, { family: 4, date: new Date(T0 + tick * 2000).toUTCString(), counters });
}

/** The endpoints (key → rate) of the snapshot of `pipeline.ingest(r)`. */
function rates(pipeline: Pipeline, r: ReturnType<typeof read>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [, s] of pipeline.ingest(r).stats.services) for (const [key, e] of s.endpoints) out.set(key, e.rate);
  return out;
}

describe("warm ticks at the edges", () => {
  it("stay warm when counters gain or lose digits, and a decrease is a reset, as in a full rebuild", () => {
    const reads = [
      read(
        withCounts(1, (i) => [i % 10, (i % 10) * 7]),
        1,
      ),
      // one more digit in packets and in bytes
      read(
        withCounts(2, (i) => [(i % 10) + 10, (i % 10) * 7 + 100]),
        2,
      ),
      // as wide as before, the colon elsewhere: [5:1234] → [12:345]
      read(
        withCounts(3, (i) => (i % 2 ? [5, 1234] : [12, 345])),
        3,
      ),
      read(
        withCounts(4, (i) => (i % 2 ? [12, 345] : [5, 1234])),
        4,
      ),
      // far wider, then back to small numbers: a reset
      read(
        withCounts(5, (i) => [1e15 + i, 2e18 + i]),
        5,
      ),
      read(
        withCounts(6, (i) => [i % 3, i % 5]),
        6,
      ),
      read(
        withCounts(7, (i) => [(i % 3) + 4, (i % 5) + 400]),
        7,
      ),
    ];
    const pipeline = expectSameAsRebuild(reads);
    expect(pipeline.counts).toEqual({ full: 1, counters: 6 });
  });

  it("a decrease of an endpoint's counters gives no rate that sample, a rate again after", () => {
    const rising = (tick: number) => withCounts(tick, (i) => [1000 + i * tick, 60_000 + i * tick]);
    const pipeline = new Pipeline();
    rates(pipeline, read(rising(1), 1));
    const before = rates(pipeline, read(rising(2), 2));
    const reset = rates(
      pipeline,
      read(
        withCounts(3, (i) => [i, i]),
        3,
      ),
    );
    const after = rates(
      pipeline,
      read(
        withCounts(4, (i) => [2 * i, 2 * i]),
        4,
      ),
    );
    expect(pipeline.counts).toEqual({ full: 1, counters: 3 });
    const key = [...before.keys()][0]!;
    expect(before.get(key)).toBeGreaterThan(0);
    expect(reset.get(key)).toBeNull();
    expect(after.get(key)).not.toBeNull();
  });

  it("take the full path when one character of one rule changed, anywhere on the line", () => {
    const first = dumpAt(restore, 1);
    const comment = first.match(/--comment "([^"]+)"/)![1]!;
    const lastChar = comment.at(-1) === "x" ? "y" : "x";
    const edits: [string, string | RegExp, string][] = [
      [dumpAt(restore, 2), `"${comment}"`, `"${comment.slice(0, -1)}${lastChar}"`],
      [dumpAt(restore, 3), /\] -A KUBE-SEP-/, "]  -A KUBE-SEP-"],
      [dumpAt(restore, 4), /-j DNAT --to-destination (\S+)\n/, "-j DNAT --to-destination $1 \n"],
      [dumpAt(restore, 5), /\nCOMMIT\n/, "\nCOMMIT \n"],
      [dumpAt(restore, 6), /\n$/, ""],
      [dumpAt(restore, 7), /GMT\n$/, "GMT\n\n"],
      [dumpAt(restore, 8), /\n$/, " "],
    ];
    for (const [text, from, to] of edits) {
      const edited = text.replace(from, to);
      expect(edited).not.toBe(text);
      const pipeline = expectSameAsRebuild([read(first, 1), read(edited, 2)]);
      expect(pipeline.counts).toEqual({ full: 2, counters: 0 });
    }
  });

  it("compare the text after the last counters too (a dump without date lines)", () => {
    const undated = (tick: number) => dumpAt(restore, tick).replace(/^#.*\n/gm, "");
    const last = undated(2);
    const edited = `${last.slice(0, -2)}X\n`;
    expect(edited.length).toBe(last.length);
    const pipeline = expectSameAsRebuild([read(undated(1), 1), read(last, 2), read(edited, 3)]);
    expect(pipeline.counts).toEqual({ full: 2, counters: 1 });
  });

  it("take the full path when a line changes right after a counter that changed width", () => {
    const narrow = withCounts(1, () => [1, 1]);
    const wide = withCounts(2, () => [10, 10]);
    const edited = wide.replace(/\[10:10\] -A KUBE-SVC-/, "[10:10] -A  KUBE-SVC-");
    expect(edited).not.toBe(wide);
    const pipeline = expectSameAsRebuild([read(narrow, 1), read(edited, 2), read(wide, 3)]);
    expect(pipeline.counts).toEqual({ full: 3, counters: 0 });
  });

  it("take the full path for counters that are not numbers or too long, and for a text much longer", () => {
    const first = dumpAt(restore, 1);
    const texts = [
      dumpAt(restore, 2).replace(/^\[(\d+):/m, "[$1x:"),
      dumpAt(restore, 3).replace(/^\[\d+:/m, `[${"9".repeat(21)}:`),
      dumpAt(restore, 4).replace(/^\[\d+:\d+\]/m, "[]"),
      dumpAt(restore, 5).replace("COMMIT\n", `# ${"padding ".repeat(10_000)}\nCOMMIT\n`),
    ];
    for (const text of texts) {
      const pipeline = expectSameAsRebuild([read(first, 1), read(text, 2)]);
      expect(pipeline.counts).toEqual({ full: 2, counters: 0 });
    }
  });

  it("rebuild every time a text cannot be compared as UTF-8 (a lone surrogate), and agree with a rebuild", () => {
    const odd = (tick: number) => dumpAt(restore, tick).replace("COMMIT\n", "# half a pair \ud800 here\nCOMMIT\n");
    const pipeline = expectSameAsRebuild([read(odd(1), 1), read(odd(2), 2), read(dumpAt(restore, 3), 3)]);
    expect(pipeline.counts).toEqual({ full: 3, counters: 0 });
    const after = expectSameAsRebuild([read(dumpAt(restore, 1), 1), read(odd(2), 2)]);
    expect(after.counts).toEqual({ full: 2, counters: 0 });
    // U+FFFD and a lone surrogate are the same bytes in UTF-8, yet not the same name
    const name = dumpAt(restore, 1).match(/--comment "([^" ]+:[^" ]+)"/)![1]!;
    const named = (tick: number, mark: string) => dumpAt(restore, tick).replaceAll(name, `${name}${mark}`);
    const renamed = expectSameAsRebuild([read(named(1, "\ufffd"), 1), read(named(2, "\ud800"), 2)]);
    expect(renamed.counts).toEqual({ full: 2, counters: 0 });
  });

  it("keep refreshing a dual-stack read and then a single-family one", () => {
    const v6 = generateRuleSet(randomServices(8, 2, { family: 6 }), { era: "v1.32", family: 6 }).text;
    const reads = [
      read(dumpAt(restore, 1), 1, dumpAt(v6, 1, 6)),
      read(dumpAt(restore, 2), 2, dumpAt(v6, 2, 6)),
      read(dumpAt(restore, 3), 3),
      read(dumpAt(restore, 4), 4),
      read(dumpAt(restore, 5), 5, dumpAt(v6, 5, 6)),
    ];
    const pipeline = expectSameAsRebuild(reads);
    // the IPv6 family keeps its last rebuild while absent: read 5 is warm for both
    expect(pipeline.counts).toEqual({ full: 2, counters: 6 });
  });
});
