import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRule } from "../../grammar/format-rule.ts";
import { parseDump } from "../../grammar/index.ts";
import { projectRoot } from "./helpers.ts";

const root = join(projectRoot, "..", "shared", "fixtures", "kube-proxy-tests");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return name.endsWith(".txt") ? [path] : [];
  });
}

const linesStartingWith = (text: string, prefix: string) => text.split("\n").filter((l) => l.startsWith(prefix));

if (!existsSync(root)) {
  describe("kube-proxy test fixtures", () => {
    it.skip(`skipped: ${root} does not exist`, () => {});
  });
} else {
  const files = walk(root);
  const full = files.filter((f) => !f.includes("/fragments/") && !f.endsWith("TestTracePacket.txt"));

  describe("kube-proxy test fixtures", () => {
    it("are all found", () => {
      expect(full.length).toBeGreaterThanOrEqual(25);
    });

    it.each(full.map((f) => [relative(root, f), f]))(
      "%s parses without diagnostics, every line accounted for",
      (_, file) => {
        const text = readFileSync(file, "utf8");
        const dump = parseDump(text);
        expect(dump.diagnostics).toEqual([]);
        expect(dump.duplicateRules).toBe(0);
        expect(dump.tables.map((t) => t.name).sort()).toEqual(["filter", "nat"]);
        expect(dump.tables.every((t) => t.committed && !t.implicit)).toBe(true);
        const rules = dump.tables.flatMap((t) => t.rules);
        expect(rules.map((r) => r.raw)).toEqual(linesStartingWith(text, "-A "));
        const chains = dump.tables.reduce((n, t) => n + t.chains.size, 0);
        expect(chains).toBe(linesStartingWith(text, ":").length);
        const deleted = dump.tables.flatMap((t) => t.deletedChains);
        expect(deleted).toEqual(linesStartingWith(text, "-X ").map((l) => l.slice(3)));
        expect(dump.format).toBe(deleted.length ? "iptables-restore" : "iptables-save");
      },
    );

    it.each(full.map((f) => [relative(root, f), f]))("%s rules format back to text that parses the same", (_, file) => {
      const rules = parseDump(readFileSync(file, "utf8")).tables.flatMap((t) => t.rules);
      const again = parseDump(rules.map((r) => formatRule(r.chain, r.options)).join("\n"));
      expect(again.diagnostics).toEqual([]);
      expect(again.tables.flatMap((t) => t.rules).map((r) => r.options)).toEqual(rules.map((r) => r.options));
    });

    it("TestTracePacket.txt: unquoted multi-word comments are read and reported, one diagnostic per such line", () => {
      const file = files.find((f) => f.endsWith("TestTracePacket.txt"))!;
      const text = readFileSync(file, "utf8");
      const dump = parseDump(text);
      const unquoted = text
        .split("\n")
        .map((line, i) => ({ line, number: i + 1 }))
        .filter(({ line }) => /--comment [^"\s]+ [^-]/.test(line));
      expect(unquoted.length).toBeGreaterThan(0);
      expect(dump.diagnostics.map((d) => d.line)).toEqual(unquoted.map((u) => u.number));
      expect(dump.diagnostics.every((d) => d.message.startsWith("unquoted comment with spaces"))).toBe(true);
      const rules = dump.tables.flatMap((t) => t.rules);
      expect(rules).toHaveLength(linesStartingWith(text, "-A ").length);
      const hook = rules.find((r) => r.line === unquoted[0]!.number)!;
      expect(hook.options.find((o) => o.name === "--comment")!.values).toEqual([
        "kubernetes health check service ports",
      ]);
      expect(hook.target).toBe("KUBE-NODEPORTS");
    });

    it("the large-cluster fragments parse as header-less nat rules and chain deletions", () => {
      const file = files.find((f) => f.includes("/fragments/"))!;
      const text = readFileSync(file, "utf8");
      const dump = parseDump(text);
      expect(dump.diagnostics).toEqual([]);
      expect(dump.tables.map((t) => [t.name, t.implicit])).toEqual([["nat", true]]);
      const nat = dump.tables[0]!;
      expect(nat.rules.map((r) => r.target)).toEqual(linesStartingWith(text, "-A ").map(() => "DNAT"));
      expect(nat.deletedChains).toEqual(linesStartingWith(text, "-X ").map((l) => l.slice(3)));
    });
  });
}
