import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { sharedFixtures } from "../support/paths.ts";
import { runDiagnose, tmpFile } from "./diagnose-harness.ts";

const note = sharedFixtures ? "" : " (skipped: ../shared/fixtures is absent)";
const overall = sharedFixtures
  ? join(sharedFixtures, "kube-proxy-tests/era3-2025-newest/TestOverallIPTablesRules.txt")
  : "";

const HEALTHY: ServiceSpec = {
  namespace: "shop",
  name: "web",
  clusterIP: "10.96.0.80",
  ports: [{ name: "http", protocol: "tcp", port: 80 }],
  endpoints: [1, 2, 3].map((i) => ({ ip: `10.244.1.${i}`, port: 8080, local: false, ready: true })),
};

// The generated dump with `[n:m]` counters on each SVC→SEP jump, in rule order.
function withCounters(counts: number[]): string {
  let n = 0;
  return generateRuleSet([HEALTHY])
    .text.split("\n")
    .map((line) => (/^-A KUBE-SVC-\S+ .*-j KUBE-SEP-/.test(line) ? `[${counts[n++]}:0] ${line}` : line))
    .join("\n");
}

describe.skipIf(!sharedFixtures)(`kube-nat-top check on kube-proxy's Overall dump${note}`, () => {
  it("prints a verdict per service port, worst first, and exits 2 for errors", async () => {
    const r = await runDiagnose(["check", "--file", overall]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("kube-nat-top check: error — 6 service ports: 1 error, 1 warning, 4 ok");
    expect(lines[1]).toBe("ok    (dump)  kube-proxy's rules read cleanly: 6 service ports");
    expect(lines[2]).toBe("ERROR ns6/svc6:p80  connections are refused: the service has no ready endpoints");
    expect(lines[3]).toMatch(/^WARN {2}ns2\/svc2:p80 {2}traffic arriving at this node is dropped/);
    expect(lines.slice(4).every((l) => l.startsWith("ok "))).toBe(true);
  });

  it("exits 1 when the chosen service only has warnings", async () => {
    const r = await runDiagnose(["check", "--file", overall, "--service", "ns2/svc2:p80"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1 service port: 0 error, 1 warning, 0 ok");
    expect(r.stdout).not.toContain("ns6/svc6");
  });

  it("exits 0 for a healthy service chosen by ns/name, in JSON", async () => {
    const r = await runDiagnose(["check", "--file", overall, "--service", "ns1/svc1", "--output", "json"]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      status: "ok",
      exitCode: 0,
      counts: { ok: 1, warning: 0, error: 0 },
      windowSeconds: null,
    });
    expect(doc.services).toEqual([
      {
        name: "ns1/svc1:p80",
        status: "ok",
        sentence: "healthy on this node: 1 endpoint",
        codes: [],
        reasons: [],
        skew: null,
      },
    ]);
  });

  it("exits 2 and says so when the service has no rules at all", async () => {
    const r = await runDiagnose(["check", "--file", overall, "--service", "ns9/ghost"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("no rules for service ns9/ghost in this dump");
  });

  it("reads the dump from stdin with --file -", async () => {
    const r = await runDiagnose(["check", "--file", "-", "-o", "json"], readFileSync(overall, "utf8"));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).services).toHaveLength(6);
  });
});

describe("kube-nat-top check", () => {
  it("exits 0 on a healthy generated dump", async () => {
    const r = await runDiagnose(["check", "--file", tmpFile("ok.txt", generateRuleSet([HEALTHY]).text)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ok    shop/web:http  healthy on this node: 3 endpoints");
  });

  it("exits 3 with a clear message when the dump cannot be read", async () => {
    const r = await runDiagnose(["check", "--file", "/nonexistent/dump.txt"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("kube-nat-top check: cannot read /nonexistent/dump.txt: no such file\n");
    expect(r.stdout).toBe("");
  });

  it("explains uneven load in its help", async () => {
    const r = await runDiagnose(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("iptables balances connections, not requests");
    expect(r.stdout).toContain("--window <seconds>");
  });

  it("with --window, refuses stdin, which cannot be read twice", async () => {
    const r = await runDiagnose(["check", "--file", "-", "--window", "1"], "");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--window needs a source that can be read twice");
  });

  it("with --window, reads twice through --exec and warns when one endpoint got every new connection", async () => {
    const dir = mkdtempSync(join(tmpdir(), "knt-window-"));
    writeFileSync(join(dir, "before.txt"), withCounters([1000, 1000, 1000]));
    writeFileSync(join(dir, "after.txt"), withCounters([1000, 1090, 1000]));
    const script = join(dir, "dump.sh");
    writeFileSync(
      script,
      `#!/bin/sh\nif [ -f "${dir}/seen" ]; then cat "${dir}/after.txt"; else touch "${dir}/seen"; cat "${dir}/before.txt"; fi\n`,
    );
    chmodSync(script, 0o755);
    const r = await runDiagnose(["check", "--exec", script, "--window", "0.2", "-o", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const svc = JSON.parse(r.stdout).services[0];
    expect(svc.codes).toEqual(["live-one-endpoint"]);
    expect(svc.sentence).toMatch(/^all 90 recent connections went to one endpoint \(10\.244\.1\.2:8080\) of 3/);
    expect(svc.skew).toMatchObject({ insufficient: false, skewed: true, df: 2, total: 90 });
  });
});
