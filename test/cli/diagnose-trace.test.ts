import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateRuleSet } from "../../src/gen/index.ts";
import { sharedFixtures } from "../support/paths.ts";
import { runDiagnose, tmpFile } from "./diagnose-harness.ts";

const note = sharedFixtures ? "" : " (skipped: ../shared/fixtures is absent)";
const packet = sharedFixtures ? join(sharedFixtures, "kube-proxy-tests/era3-2025-newest/TestTracePacket.txt") : "";
const NODE = ["--node-ip", "192.168.0.2", "--node-ip", "192.168.1.2"];

describe.skipIf(!sharedFixtures)(`kube-nat-top trace on kube-proxy's TestTracePacket input${note}`, () => {
  it("prints the path, endpoints and a DNAT verdict", async () => {
    const r = await runDiagnose(["trace", "--file", packet, "--to", "172.30.0.44:80", "--from", "10.0.0.2", ...NODE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("trace tcp 10.0.0.2 → 172.30.0.44:80 (nat PREROUTING)");
    expect(r.stdout).toContain("service: ns4/svc4:p80");
    expect(r.stdout).toContain("branch 1 of 2 — 50.0% — DNAT to 10.180.0.4:80");
    expect(r.stdout).toContain("verdict: DNAT to 10.180.0.4:80 (50.0%), 10.180.0.5:80 (50.0%)");
    expect(r.stdout).toContain("masquerade: no");
  });

  it("masquerades with --from-local and uses the first --node-ip as source", async () => {
    const r = await runDiagnose([
      "trace",
      "-f",
      packet,
      "--to",
      "192.168.99.22:80",
      "--from-local",
      ...NODE,
      "-o",
      "json",
    ]);
    const doc = JSON.parse(r.stdout);
    expect(doc.start).toBe("OUTPUT");
    expect(doc.packet.src).toBe("192.168.0.2");
    expect(doc.masquerade).toBe("yes");
    expect(doc.endpoints.map((e: { address: string }) => e.address)).toEqual(["10.180.0.2:80"]);
  });

  it("reaches a node port only on an address given with --node-ip", async () => {
    const hit = await runDiagnose(["trace", "-f", packet, "--to", "192.168.1.2:3001", "--from", "10.0.0.9", ...NODE]);
    expect(hit.stdout).toContain("verdict: DNAT to 10.180.0.2:80 (100.0%)");
    const miss = await runDiagnose(["trace", "-f", packet, "--to", "192.168.1.2:3001", "--from", "10.0.0.9"]);
    expect(miss.stdout).toContain("verdict: no match");
    expect(miss.stdout).toContain("no --node-ip given: only loopback counts as a node address");
  });

  it("reports REJECT and DROP as verdicts", async () => {
    const reject = await runDiagnose(["trace", "-f", packet, "--to", "172.30.0.46:80", "-o", "json"]);
    expect(JSON.parse(reject.stdout).verdict.kind).toBe("reject");
    const drop = await runDiagnose([
      "trace",
      "-f",
      packet,
      "--to",
      "5.6.7.8:80",
      "--from",
      "198.51.100.7",
      "-o",
      "json",
    ]);
    expect(JSON.parse(drop.stdout).verdict.kind).toBe("drop");
  });

  it("reads the dump from stdin", async () => {
    const r = await runDiagnose(["trace", "--file", "-", "--to", "172.30.0.41:80"], readFileSync(packet, "utf8"));
    expect(r.stdout).toContain("verdict: DNAT to 10.180.0.1:80 (100.0%)");
  });
});

describe("kube-nat-top trace", () => {
  const dump = generateRuleSet(
    [
      {
        namespace: "kube-system",
        name: "kube-dns",
        clusterIP: "10.96.0.10",
        ports: [{ name: "dns", protocol: "udp", port: 53 }],
        endpoints: [{ ip: "10.244.0.3", port: 53, local: true, ready: true }],
      },
    ],
    { hooks: true },
  ).text;

  it("traces UDP through a dump read by --exec", async () => {
    const file = tmpFile("dns.txt", dump);
    const script = join(file, "..", "print.sh");
    writeFileSync(script, `#!/bin/sh\ncat "${file}"\n`);
    chmodSync(script, 0o755);
    const r = await runDiagnose(["trace", "--exec", script, "--to", "10.96.0.10:53/udp", "--from", "10.244.1.1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("trace udp 10.244.1.1 → 10.96.0.10:53 (nat PREROUTING)");
    expect(r.stdout).toContain("verdict: DNAT to 10.244.0.3:53 (100.0%)");
    const tcp = await runDiagnose(["trace", "--file", file, "--to", "10.96.0.10:53/tcp"]);
    expect(tcp.stdout).toContain("verdict: no match");
  });

  it("says when the dump as a whole is suspect, here with nothing of kube-proxy's in it", async () => {
    const r = await runDiagnose(
      ["trace", "--file", "-", "--to", "10.96.0.10:53/udp"],
      "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("verdict: no match");
    expect(r.stdout).toContain("  - no kube-proxy rules in this dump");
  });

  it("refuses a bad --to, --from or --node-ip with exit 2", async () => {
    const file = tmpFile("dns.txt", dump);
    const bad = await runDiagnose(["trace", "--file", file, "--to", "kube-dns:53"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to: "kube-dns" is not an IP address');
    const from = await runDiagnose(["trace", "--file", file, "--to", "10.96.0.10:53/udp", "--from", "pod-a"]);
    expect(from.stderr).toBe('kube-nat-top trace: "pod-a" is not an IP address\n');
    const missing = await runDiagnose(["trace", "--file", file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--to");
  });

  it("exits 2 when the dump cannot be read", async () => {
    const r = await runDiagnose(["trace", "--file", "/nonexistent", "--to", "10.0.0.1:80"]);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toContain("cannot read /nonexistent: no such file");
  });
});
