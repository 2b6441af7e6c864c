// Pasted listings against the real kernel: generated kube-proxy rules with preset counters → iptables-restore -c in
// a fresh namespace → `iptables -t nat -L …` + `iptables -t filter -L …` in every common form, and iptables-save -c.
// The listing must give the same rules (as iptables-save text, counters exact, rounded or absent) and the same
// services, endpoints, shares and findings as the save format of the same tables.

import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { type GenOptions, generateRuleSet, randomServices, type ServiceSpec } from "../../src/gen/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { topologyMismatches } from "../support/expect-topology.ts";
import { describeKernel } from "../support/kernel.ts";
import { type CounterMode, ruleDifferences, serviceDifferences } from "../support/listing-compare.ts";
import { exec, withNetns } from "../support/netns.ts";
import { sharedFixtures } from "../support/paths.ts";
import { addressing, kinds } from "../support/service-kinds.ts";

interface Case {
  readonly title: string;
  readonly services: readonly ServiceSpec[];
  readonly options: GenOptions;
  /** Load and list with iptables-legacy instead of the default (nf_tables) iptables. */
  readonly legacy?: boolean;
}

interface Variant {
  readonly title: string;
  readonly args: readonly string[];
  readonly counters: CounterMode;
  /** How the two listings become one paste. */
  readonly paste?: (nat: string, filter: string, tool: string) => string;
}

const cases: Case[] = [];
for (const era of ["v1.23", "v1.28", "v1.32"] as const) {
  for (const family of [4, 6] as const) {
    const options = { era, family, nodeIP: addressing(family).nodeIP, declareKubeletChains: true, hooks: true };
    cases.push({ title: `${era} IPv${family}: every service kind`, services: kinds(family), options });
  }
}
cases.push({
  title: "v1.28 large-cluster mode (no endpoint comments)",
  services: kinds(4),
  options: { era: "v1.28", comments: false },
});
cases.push({ title: "v1.32: 200 random services", services: randomServices(200, 4242), options: { era: "v1.32" } });
cases.push({
  title: "v1.32 through iptables-legacy",
  services: kinds(4),
  options: { era: "v1.32", nodeIP: addressing(4).nodeIP, hooks: true },
  legacy: true,
});
cases.push({
  title: "v1.28 IPv6 through ip6tables-legacy (which keeps the counters it is given)",
  services: kinds(6),
  options: { era: "v1.28", family: 6, nodeIP: addressing(6).nodeIP, hooks: true },
  legacy: true,
});

const hasColumn = spawnSync("sh", ["-c", "command -v column"]).status === 0;
const hasLegacy = spawnSync("sh", ["-c", "command -v iptables-legacy-restore"]).status === 0;

const variants: Variant[] = [
  { title: "-L -n -v -x", args: ["-n", "-v", "-x"], counters: "exact" },
  { title: "-L -n -v (K/M/G counters)", args: ["-n", "-v"], counters: "rounded" },
  { title: "-L -n", args: ["-n"], counters: "none" },
  { title: "-L -n -v -x --line-numbers", args: ["-n", "-v", "-x", "--line-numbers"], counters: "exact" },
  { title: "-L -v -x without -n (names)", args: ["-v", "-x"], counters: "exact" },
  {
    title: "a paste with prompts, filter first",
    args: ["-n", "-v", "-x"],
    counters: "exact",
    paste: (nat, filter, tool) =>
      `root@node-1:~# ${tool} -L -n -v -x\n${filter}\nroot@node-1:~# sudo ${tool} -t nat -nvxL\n${nat}root@node-1:~# \n`,
  },
  ...(hasColumn
    ? [
        {
          title: "-L -n -v -x | column -t",
          args: ["-n", "-v", "-x"],
          counters: "exact" as const,
          paste: (nat: string, filter: string) => columnT(nat + filter),
        },
      ]
    : []),
];
if (!hasColumn) console.warn("[kernel tests] no `column` command: the column -t form is covered by its fixture only");

function columnT(text: string): string {
  const r = spawnSync("column", ["-t"], { input: text, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`column -t failed: ${r.stderr}`);
  return r.stdout;
}

// Counters every rule gets before loading: many above 99999, so -v without -x prints K, M and G
// (ip6tables-restore of nf_tables ignores them; the IPv6 cases then list zero counters).
function withCounters(text: string): string {
  let n = 0;
  return text
    .split("\n")
    .map((line) => {
      if (!line.startsWith("-A ")) return line;
      n++;
      const packets = (n * 2654435761) % 3_000_000_000;
      return `[${packets}:${packets * 97 + n}] ${line}`;
    })
    .join("\n");
}

async function run(ns: string, argv: string[], input?: string): Promise<string> {
  const result = await exec(ns, argv, input);
  if (result.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${String(result.stderr).trim()}`);
  return String(result.stdout);
}

describeKernel("listings give the topology iptables-save gives (real kernel)", () => {
  const ns = withNetns("knt-listing-");
  for (const c of cases) {
    it(c.title, async (ctx) => {
      if (c.legacy && !hasLegacy) ctx.skip("iptables-legacy is not installed");
      const family = c.options.family ?? 4;
      const tool = `${family === 6 ? "ip6tables" : "iptables"}${c.legacy ? "-legacy" : ""}`;
      const set = generateRuleSet(c.services, c.options);
      await run(ns.name, [`${tool}-restore`, "-c"], withCounters(set.text));
      const saved = parseDump(await run(ns.name, [`${tool}-save`, "-c"]));
      const fromSave = buildTopology(saved);
      // ip6tables-restore (nf_tables, v1.8.9) drops the counters it is given: then nothing prints as K/M/G.
      const rounds = saved.tables.some((t) => t.rules.some((r) => (r.counters?.packets ?? 0) > 99999));
      expect(topologyMismatches(set.services, fromSave, false)).toEqual([]);
      for (const v of variants) {
        const nat = await run(ns.name, [tool, "-t", "nat", "-L", ...v.args]);
        const filter = await run(ns.name, [tool, "-t", "filter", "-L", ...v.args]);
        const dump = parseDump(v.paste ? v.paste(nat, filter, tool) : nat + filter);
        const at = `${c.title}, ${v.title}`;
        expect(dump.format, at).toBe("iptables-L");
        expect(dump.diagnostics, at).toEqual([]);
        expect(dump.approximateCounters ?? false, at).toBe(v.counters === "rounded" && rounds);
        expect(ruleDifferences(saved, dump, v.counters), at).toEqual([]);
        expect(serviceDifferences(fromSave, buildTopology(dump), v.counters), at).toEqual([]);
      }
    });
  }
});

// kube-proxy's own expected dumps (../shared/fixtures/kube-proxy-tests, full dumps only).
function sharedDumps(): string[] {
  if (sharedFixtures === null) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== "fragments") walk(path);
      } else if (name.endsWith(".txt")) out.push(path);
    }
  };
  walk(join(sharedFixtures, "kube-proxy-tests"));
  return out;
}

const shared = sharedDumps();
if (shared.length === 0) describe.skip("kube-proxy's test dumps as listings (../shared/fixtures is absent)", () => {});
else
  describeKernel("kube-proxy's own test dumps listed by the kernel read like their iptables-save", () => {
    const ns = withNetns("knt-listing-kp-");
    it("every dump iptables-restore accepts gives the same rules and services from -L -n -v -x", async () => {
      let loaded = 0;
      for (const path of shared) {
        // Partial-sync payloads and dumps that jump to chains they do not declare do not load on their own.
        if ((await exec(ns.name, ["iptables-restore"], readFileSync(path, "utf8"))).exitCode !== 0) continue;
        loaded++;
        const saved = parseDump(await run(ns.name, ["iptables-save", "-c"]));
        const nat = await run(ns.name, ["iptables", "-t", "nat", "-L", "-n", "-v", "-x"]);
        const dump = parseDump(nat + (await run(ns.name, ["iptables", "-t", "filter", "-L", "-n", "-v", "-x"])));
        expect(dump.diagnostics, path).toEqual([]);
        expect(ruleDifferences(saved, dump, "exact"), path).toEqual([]);
        expect(serviceDifferences(buildTopology(saved), buildTopology(dump), "exact"), path).toEqual([]);
      }
      expect(loaded).toBeGreaterThan(shared.length / 2);
    });
  });
