import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CommandTemplates } from "../../grammar/command-templates.ts";
import { chevrotainRead, parseCommand } from "../../grammar/to-rules.ts";
import { generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { projectRoot } from "./helpers.ts";

/** Command texts of a dump as parseDump hands them on: no `[p:b]` prefix, no surrounding blanks. */
function commandLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.replace(/^\s*(?:\[\d+:\d+\])?\s*/, "").replace(/[ \t\r]+$/, ""))
    .filter((l) => l.startsWith("-"));
}

/** Reads every line through one template set and checks each against chevrotain alone. */
function expectSameAsChevrotain(lines: readonly string[]): CommandTemplates {
  const templates = new CommandTemplates();
  for (const line of lines) expect(parseCommand(line, templates), line).toEqual(chevrotainRead(line).result);
  return templates;
}

const fixtureDir = join(projectRoot, "test", "fixtures", "dumps");

describe("command templates", () => {
  it("read every fixture line exactly as chevrotain does", () => {
    const lines = readdirSync(fixtureDir).flatMap((f) => commandLines(readFileSync(join(fixtureDir, f), "utf8")));
    expect(lines.length).toBeGreaterThan(500);
    const templates = expectSameAsChevrotain(lines);
    expect(templates.filled).toBeGreaterThan(lines.length * 0.7);
  });

  it("read generated rule sets of every era exactly as chevrotain does", () => {
    for (const era of ["v1.23", "v1.28", "v1.32"] as const) {
      const { text } = generateRuleSet(randomServices(60, 7), { era, hooks: true, comments: era !== "v1.28" });
      const lines = commandLines(text);
      const templates = expectSameAsChevrotain(lines);
      expect(templates.filled).toBeGreaterThan(lines.length - 2 * templates.shapeCount);
    }
  });

  it("fill later lines of a shape from the template, sharing options whose values repeat", () => {
    const templates = new CommandTemplates();
    const a = parseCommand(
      `-A KUBE-SEP-A -s 10.0.0.1/32 -m comment --comment "ns/a:http" -j KUBE-MARK-MASQ`,
      templates,
    );
    const b = parseCommand(
      `-A KUBE-SEP-B -s 10.0.0.2/32 -m comment --comment "ns/b:http" -j KUBE-MARK-MASQ`,
      templates,
    );
    const c = parseCommand(
      `-A KUBE-SEP-C -s 10.0.0.3/32 -m comment --comment "ns/c:http" -j KUBE-MARK-MASQ`,
      templates,
    );
    if (a.kind !== "rule" || b.kind !== "rule" || c.kind !== "rule") throw new Error("not rules");
    expect(c.chain).toBe("KUBE-SEP-C");
    expect(c.options.map((o) => o.values)).toEqual([["10.0.0.3/32"], ["comment"], ["ns/c:http"], ["KUBE-MARK-MASQ"]]);
    expect(c.target).toBe("KUBE-MARK-MASQ");
    expect(c.options[1]).toBe(b.options[1]);
    expect(c.options[3]).toBe(b.options[3]);
    expect(c.options[2]).not.toBe(b.options[2]);
  });

  it("leave lines the scan cannot vouch for to chevrotain, errors included", () => {
    expectSameAsChevrotain([
      "-A X -j Y",
      "-A X !-s 1.2.3.4 -j Y",
      '-A X -m comment --comment "unterminated',
      '-A X -m comment --comment a"b" -j Y',
      "-A X -s é -j Y",
      "-A X -m comment --comment two words -j Y",
      "-A X -c 1 2 -j Y",
      "-A X -c 1 x -j Y",
      "-I X 2 -j Y",
      "-I X two -j Y",
      "-A X -j",
      "-A X -j Y Z",
      "-A -j Y",
      "-D X -j Y",
      "-A X -s ! 1.2.3.4 -j Y",
      "-A X -s ! -d 1.2.3.4 -j Y",
      '-A X -m comment --comment "a \\"quoted\\" word" -j Y',
      '-A X -m comment --comment "a \\"quoted\\" word" -j Y',
      "-A X --x=y -j Y",
      "-A X -g Y",
      "-A X -j Y -g Z",
    ]);
  });

  it("fill lines of one shape with any printable values exactly as chevrotain reads them", () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 12,
    });
    const bare = printable.map((w) => w.replace(/[ "]/g, "") || "x");
    const quoted = printable.map((w) => `"${w.replace(/(["\\])/g, "\\$1")}"`);
    const line = fc
      .tuple(bare, fc.constantFrom("", "! "), bare, fc.oneof(quoted, bare), bare)
      .map(
        ([chain, bang, source, comment, target]) =>
          `-A ${chain} ${bang}-s ${source} -m comment --comment ${comment} -j ${target}`,
      );
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 40 }), (lines) => {
        const templates = new CommandTemplates();
        for (const l of lines) expect(parseCommand(l, templates)).toEqual(chevrotainRead(l).result);
      }),
      { numRuns: 300 },
    );
  });

  it("agree with chevrotain on random lines made of rule words, quotes, bangs and odd characters", () => {
    const word = fc.oneof(
      fc.constantFrom("-A", "-I", "-N", "-X", "-P", "-j", "-g", "--jump", "-c", "-m", "--comment", "-s", "--dport"),
      fc.constantFrom("!", "! ", "X", "KUBE-SVC-A", "1", "2", "10.0.0.1/32", "--x=y", "-", "--", "-1", "#a"),
      fc.constantFrom('"a b"', '"', '""', '"a\\"b"', '"a\\\\"', "\\", "é", "\t", "a!b", '"x"y'),
      fc.string({ maxLength: 4 }),
    );
    const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(" ").trim());
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const templates = new CommandTemplates();
        for (const l of lines) expect(parseCommand(l, templates)).toEqual(chevrotainRead(l).result);
      }),
      { numRuns: 300 },
    );
  });
});
