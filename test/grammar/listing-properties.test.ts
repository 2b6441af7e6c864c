// Garbage shaped like an `iptables -L` listing: the listing reader never throws, and every line it cannot read is
// a diagnostic at a real line.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { dumpText } from "./helpers.ts";

const piece = fc.oneof(
  fc.constantFrom(
    "Chain KUBE-SVC-X (1 references)\n",
    "Chain PREROUTING (policy ACCEPT 12K packets, 3M bytes)\n",
    " pkts bytes target     prot opt in     out     source               destination\n",
    "num  target     prot opt source               destination\n",
    "$ iptables -t nat -L -n\n",
    "```\n",
    "\n",
    " ",
    "  ",
    "0",
    "12K",
    "99999999999999999999999T",
    "--",
    "!f",
    "!",
    "*",
    "0.0.0.0/0",
    "!10.0.0.0/8",
    "fd00::1",
    "/*",
    "*/",
    "[goto]",
    "tcp",
    "dpt:",
    "dpt:!",
    "statistic mode random probability",
    "recent: CHECK name:",
    "ADDRTYPE match dst-type",
    "mark match !",
    "MARK or",
    "to:",
    "masq ports:",
    "match-set",
    "\t",
    "\r",
    "\u0000",
    "é",
  ),
  fc.string({ maxLength: 6 }),
);

describe("listing-shaped garbage", () => {
  it("never throws, and diagnostics point at lines that exist", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = `Chain T (0 references)\n${pieces.join("")}`;
        const dump = parseDump(text);
        expect(dump.format).toBe("iptables-L");
        for (const d of dump.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(dump.lineCount);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
        for (const t of dump.tables) for (const r of t.rules) expect(r.line).toBeLessThanOrEqual(dump.lineCount);
      }),
      { numRuns: 300 },
    );
  });

  it("survives every fixture cut at any line or mid-line", () => {
    const text = dumpText("listing-nv.txt");
    for (let cut = 0; cut < text.length; cut += 97) {
      const dump = parseDump(text.slice(0, cut) || "Chain X (0 references)");
      expect(dump.diagnostics.every((d) => d.line <= dump.lineCount)).toBe(true);
    }
  });
});
