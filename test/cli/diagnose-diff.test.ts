import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { sharedFixtures } from "../support/paths.ts";
import { runDiagnose, tmpFile } from "./diagnose-harness.ts";

const note = sharedFixtures ? "" : " (skipped: ../shared/fixtures is absent)";
const era3 = (name: string) => (sharedFixtures ? join(sharedFixtures, "kube-proxy-tests/era3-2025-newest", name) : "");

function web(n: number): ServiceSpec {
  return {
    namespace: "shop",
    name: "web",
    clusterIP: "10.96.0.80",
    ports: [{ name: "http", protocol: "tcp", port: 80 }],
    endpoints: Array.from({ length: n }, (_, i) => ({
      ip: `10.244.1.${i + 1}`,
      port: 8080,
      local: false,
      ready: true,
    })),
  };
}

describe.skipIf(!sharedFixtures)(`kube-nat-top diff on fixtures${note}`, () => {
  it("exits 1 and lists what changed between two syncs", async () => {
    const r = await runDiagnose([
      "diff",
      era3("TestSyncProxyRulesRepeated-1.txt"),
      era3("TestOverallIPTablesRules.txt"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("service ports 5 added, 1 removed, 1 changed, 0 unchanged");
    expect(r.stdout).toContain("- ns2/svc2:p8080  172.30.0.42:8080/tcp, 1 endpoint");
    expect(r.stdout).toContain("    + endpoint 10.180.0.1:80  100.0%  KUBE-SEP-SXIVWICOYRO3J4NJ");
  });

  it("exits 0 for the same dump, one side from stdin", async () => {
    const path = era3("TestOverallIPTablesRules.txt");
    const r = await runDiagnose(["diff", path, "-", "-o", "json"], readFileSync(path, "utf8"));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ differs: false, unchanged: 6 });
  });
});

describe("kube-nat-top diff", () => {
  it("shows an endpoint added and shares changed", async () => {
    const a = tmpFile("a.txt", generateRuleSet([web(1)]).text);
    const b = tmpFile("b.txt", generateRuleSet([web(2)]).text);
    const r = await runDiagnose(["diff", a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("~ shop/web:http");
    expect(r.stdout).toContain("    share 10.244.1.1:8080: 100.0% → 50.0%");
    expect(r.stdout).toMatch(/ {4}\+ endpoint 10\.244\.1\.2:8080 {2}50\.0%/);
  });

  it("exits 2 when a dump cannot be read or both are stdin", async () => {
    const a = tmpFile("a.txt", generateRuleSet([web(1)]).text);
    const missing = await runDiagnose(["diff", a, "/nonexistent/b.txt"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("kube-nat-top diff: cannot read /nonexistent/b.txt: no such file\n");
    const both = await runDiagnose(["diff", "-", "-"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("only one of the two dumps can come from stdin");
  });

  it("needs two dumps", async () => {
    const r = await runDiagnose(["diff", "only-one.txt"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument");
  });
});
