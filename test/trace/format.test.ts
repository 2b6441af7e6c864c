import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { clean, formatTraceJson, formatTraceText, parsePacketTarget } from "../../src/trace/index.ts";
import { tr } from "./support.ts";

const DUMP = `*nat
:PREROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-T - [0:0]
:KUBE-SEP-T1 - [0:0]
:KUBE-SEP-T2 - [0:0]
[50:3000] -A PREROUTING -j KUBE-SERVICES
[40:2400] -A KUBE-SERVICES -d 10.96.0.50/32 -p tcp -m comment --comment "ns/t:p cluster IP red" -m tcp --dport 80 -j KUBE-SVC-T
-A KUBE-SVC-T ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
[30:1800] -A KUBE-SVC-T -m statistic --mode random --probability 0.75000000000 -j KUBE-SEP-T1
[10:600] -A KUBE-SVC-T -j KUBE-SEP-T2
[30:1800] -A KUBE-SEP-T1 -p tcp -m tcp -j DNAT --to-destination 10.244.1.1:80
[10:600] -A KUBE-SEP-T2 -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:80
COMMIT
`;

describe("trace text output", () => {
  const r = tr(parseDump(DUMP), "192.0.2.1", "10.96.0.50:80");
  const text = formatTraceText(r);

  it("prints the shared path once, then each branch with its chance and outcome", () => {
    expect(text).toContain("trace tcp 192.0.2.1 → 10.96.0.50:80 (nat PREROUTING)");
    expect(text).toContain("path (every branch):");
    expect(text).toContain("branch 1 of 2 — 75.0% — DNAT to 10.244.1.1:80, masqueraded");
    expect(text).toContain("branch 2 of 2 — 25.0% — DNAT to 10.244.1.2:80, masqueraded");
    expect(text).toContain("[p 0.7500 taken]");
    expect(text).toContain("[p 0.2500 not taken]");
    expect(text.indexOf("path (every branch):")).toBeLessThan(text.indexOf("branch 1 of 2"));
  });

  it("shows counters where the dump has them and a dash where it has none", () => {
    expect(text).toContain("nat PREROUTING:8  (50 pkts)");
    expect(text).toMatch(/nat KUBE-SVC-T:10 {2}\(— pkts\)/);
  });

  it("lists endpoints, masquerade and the verdict", () => {
    expect(text).toMatch(/10\.244\.1\.1:80\s+75\.0% {2}KUBE-SEP-T1 {2}masqueraded/);
    expect(text).toContain("masquerade: yes");
    expect(text).toContain("verdict: DNAT to 10.244.1.1:80 (75.0%), 10.244.1.2:80 (25.0%)");
  });

  it("strips terminal escapes from rule text and notes", () => {
    // the grammar already refuses such lines; the tracer's output must not trust its input either
    const parsed = parseDump(DUMP);
    const evil = {
      ...parsed,
      tables: parsed.tables.map((t) => ({
        ...t,
        rules: t.rules.map((rule) =>
          rule.chain === "KUBE-SERVICES"
            ? // a plain copy: a spread would drop the getters (options, verb, goto) of a CompactRule
              {
                ...rule,
                options: rule.options,
                verb: rule.verb,
                goto: rule.goto,
                raw: `${rule.raw} \x1b[31mred\x1b[0m`,
              }
            : rule,
        ),
      })),
    };
    const out = formatTraceText(tr(evil, "192.0.2.1", "10.96.0.50:80"));
    expect(out).not.toContain("\x1b");
    expect(out).toContain("-j KUBE-SVC-T red");
    expect(clean("a\x1b]0;title\x07b\x00c")).toBe("ab?c");
  });
});

describe("trace JSON output", () => {
  it("carries the path, branches, endpoints and verdict with stable names", () => {
    const doc = JSON.parse(formatTraceJson(tr(parseDump(DUMP), "10.244.3.3", "10.96.0.50:80")));
    expect(doc.packet).toEqual({
      dst: "10.96.0.50",
      dport: 80,
      proto: "tcp",
      src: "10.244.3.3",
      fromLocal: false,
      nodeIPs: ["192.168.0.2", "192.168.1.2", "192.168.99.11"],
    });
    expect(doc.verdict.kind).toBe("dnat");
    expect(doc.masquerade).toBe("no");
    expect(doc.service).toBe("ns/t:p");
    expect(doc.endpoints).toEqual([
      { address: "10.244.1.1:80", chain: "KUBE-SEP-T1", share: 0.75, masquerade: false },
      { address: "10.244.1.2:80", chain: "KUBE-SEP-T2", share: 0.25, masquerade: false },
    ]);
    expect(doc.branches[0].nat[0]).toEqual({
      table: "nat",
      chain: "PREROUTING",
      line: 8,
      rule: "-A PREROUTING -j KUBE-SERVICES",
      matched: true,
      probability: null,
      packets: 50,
      bytes: 3000,
      target: "KUBE-SERVICES",
      comment: null,
      note: null,
    });
    expect(doc.branches[1].nat.at(-1).packets).toBe(10);
  });
});

describe("parsePacketTarget", () => {
  it("reads IPv4 and bracketed IPv6 with an optional protocol", () => {
    expect(parsePacketTarget("10.96.0.10:53/udp")).toEqual({ dst: "10.96.0.10", dport: 53, proto: "udp" });
    expect(parsePacketTarget("10.96.0.10:443")).toEqual({ dst: "10.96.0.10", dport: 443, proto: "tcp" });
    expect(parsePacketTarget("[fd00::10]:80/SCTP")).toEqual({ dst: "fd00::10", dport: 80, proto: "sctp" });
  });

  it("explains what is wrong with a bad target", () => {
    expect(parsePacketTarget("10.96.0.10")).toEqual({ error: expect.stringContaining("IP:PORT") });
    expect(parsePacketTarget("10.96.0.10:80/icmp")).toEqual({ error: expect.stringContaining("tcp|udp|sctp") });
    expect(parsePacketTarget("web:80")).toEqual({ error: '--to: "web" is not an IP address' });
    expect(parsePacketTarget("10.0.0.1:70000")).toEqual({ error: "--to: port 70000 is out of range" });
    expect(parsePacketTarget("fd00::1:80")).toEqual({ error: expect.stringContaining("[fd00::10]:443") });
  });
});
