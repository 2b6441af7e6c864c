import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { canonicalDump, generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { binPath, sharedFixtures } from "../support/paths.ts";

const era3 = sharedFixtures
  ? join(sharedFixtures, "kube-proxy-tests/era3-2025-newest/TestOverallIPTablesRules.txt")
  : null;

function run(args: string[], input?: string) {
  return execa("node", [binPath, ...args], { reject: false, input: input ?? "", env: { NO_COLOR: "1" } });
}

function tmpFile(name: string, text: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "knt-cli-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SMALL = `*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
:KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
[7:420] -A KUBE-SERVICES -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
[7:420] -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
[7:420] -A KUBE-SEP-SXIVWICOYRO3J4NJ -p tcp -m comment --comment ns1/svc1:p80 -m tcp -j DNAT --to-destination 10.180.0.1:80
COMMIT
`;

describe("kube-nat-top --file (one shot)", () => {
  it("prints the service tree of a dump file and exits 0", async () => {
    const r = await run(["--file", tmpFile("small.txt", SMALL)]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("ns1/svc1:p80");
    expect(r.stdout).toContain("172.30.0.41:80");
    expect(r.stdout).toContain("10.180.0.1:80");
    expect(r.stdout).toContain("100.0%");
  });

  it("writes the documented JSON with counters from the dump", async () => {
    const r = await run(["--file", tmpFile("small.txt", SMALL), "--output", "json"]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.input.format).toBe("iptables-save");
    expect(doc.input.tables).toEqual(["nat"]);
    const svc = doc.services.find((s: { name: string }) => s.name === "ns1/svc1:p80");
    expect(svc).toMatchObject({ protocol: "tcp", clusterIP: "172.30.0.41", port: 80 });
    expect(svc.chains.svc).toBe("KUBE-SVC-XPGD46QRK7WJZT7O");
    expect(svc.endpoints).toEqual([
      expect.objectContaining({
        address: "10.180.0.1:80",
        chain: "KUBE-SEP-SXIVWICOYRO3J4NJ",
        probability: 1,
        packets: 7,
      }),
    ]);
  });

  it("reads the dump from stdin with --file -", async () => {
    const r = await run(["--file", "-", "--output", "json"], SMALL);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).services.map((s: { name: string }) => s.name)).toEqual(["ns1/svc1:p80"]);
  });

  it("says why and exits 1 when the file cannot be read", async () => {
    const r = await run(["--file", "/nonexistent/dump.txt"]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("cannot read /nonexistent/dump.txt: no such file");
  });

  it("reports binary garbage as unparsed lines and still exits 0", async () => {
    const r = await run(["--file", tmpFile("bin.dat", Buffer.from([0, 1, 2, 0xff, 10, 0x1b, 0x5b, 0x32, 0x4a, 10]))]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Unparsed lines");
    expect(r.stdout).not.toContain("\u001b[2J");
  });

  it("rejects an unknown output format with exit 2", async () => {
    const r = await run(["--file", "x", "--output", "yaml"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("yaml");
  });

  it.skipIf(!era3)("prints every service of kube-proxy's era3 test dump", async () => {
    const r = await run(["--file", era3!, "--output", "json"]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    const names = doc.services.map((s: { name: string }) => s.name);
    expect(names).toEqual([
      "ns1/svc1:p80",
      "ns2/svc2:p80",
      "ns3/svc3:p80",
      "ns4/svc4:p80",
      "ns5/svc5:p80",
      "ns6/svc6:p80",
    ]);
    const svc6 = doc.services.find((s: { name: string }) => s.name === "ns6/svc6:p80");
    expect(svc6.endpoints).toEqual([]);
    expect(svc6.verdict).toMatchObject({ status: "error", codes: expect.arrayContaining(["no-endpoints"]) });
    expect(svc6.verdict.sentence).toContain("refused");
    expect(doc.verdict.status).toBe("error");
  });

  it.skipIf(!era3)("says under each service whether it is healthy on this node", async () => {
    const r = await run(["--file", era3!]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.startsWith("ns6/svc6:p80"));
    expect(lines[at + 1]).toContain("✖ connections are refused");
    const ok = lines.findIndex((l) => l.startsWith("ns1/svc1:p80"));
    expect(lines[ok + 1]).toContain("✓ healthy on this node: 1 endpoint");
  });

  it.skipIf(!sharedFixtures)("says kube-proxy runs in nftables mode for an nft ruleset", async () => {
    const nft = join(sharedFixtures!, "kube-proxy-nftables-tests/2025-newest/TestOverallNFTablesRules.nft.txt");
    const r = await run(["--file", nft, "--output", "json"]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain("nftables-mode");
    expect(doc.findings.map((f: { code: string }) => f.code)).not.toContain("no-kube-proxy-rules");
    expect(doc.verdict.sentence).toContain("nftables mode");
  });
});

describe("kube-nat-top output into a pipe that closes early (| head)", () => {
  // enough JSON to fill a pipe's buffer many times over, so writes go on after the reader has gone
  const big = () => {
    const set = generateRuleSet(randomServices(300, 11, { family: 4 }), { era: "v1.32", hooks: true });
    return tmpFile("big.txt", canonicalDump(set.text, { family: 4 }));
  };

  // Runs the CLI with stdout piped to a reader that takes the first chunk and closes its end.
  function runIntoHead(args: string[]): Promise<{ code: number | null; first: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn("node", [binPath, ...args], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, NO_COLOR: "1" },
      });
      let first = "";
      let stderr = "";
      child.stdout.once("data", (chunk: Buffer) => {
        first = chunk.toString("utf8");
        child.stdout.destroy();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, first, stderr }));
    });
  }

  it("stops quietly with its own exit code, no stack trace", async () => {
    const file = big();
    const json = await runIntoHead(["--file", file, "--output", "json"]);
    expect(json.first).toMatch(/^\{\n {2}"input"/);
    expect(json.stderr).toBe("");
    expect(json.code).toBe(0);
    const check = await runIntoHead(["check", "--file", file]);
    const whole = await run(["check", "--file", file]);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(whole.exitCode);
  });
});
