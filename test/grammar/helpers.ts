// Small helpers shared by the grammar tests.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDump } from "../../grammar/index.ts";
import type { ParsedDump, Rule, Table } from "../../grammar/types.ts";

const here = dirname(fileURLToPath(import.meta.url));

/** Project root, from this file's place in test/grammar/. */
export const projectRoot = join(here, "..", "..");

/** The text of a dump in test/fixtures/dumps/. */
export function dumpText(name: string): string {
  return readFileSync(join(projectRoot, "test", "fixtures", "dumps", name), "utf8");
}

/** Parses a dump from test/fixtures/dumps/. */
export function parseFixture(name: string): ParsedDump {
  return parseDump(dumpText(name));
}

/** The named table; fails the test when it is missing. */
export function table(dump: ParsedDump, name: string): Table {
  const found = dump.tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name} in [${dump.tables.map((t) => t.name).join(", ")}]`);
  return found;
}

/** The only rule of a one-rule dump text (parsed inside `*nat`). */
export function onlyRule(ruleText: string): Rule {
  const dump = parseDump(`*nat\n${ruleText}\nCOMMIT\n`);
  if (dump.diagnostics.length) throw new Error(`diagnostics: ${JSON.stringify(dump.diagnostics)}`);
  const rules = table(dump, "nat").rules;
  if (rules.length !== 1) throw new Error(`expected one rule, got ${rules.length}`);
  return rules[0]!;
}

/** The values of the first option with this name. */
export function valuesOf(rule: Rule, name: string): readonly string[] | undefined {
  return rule.options.find((o) => o.name === name)?.values;
}
