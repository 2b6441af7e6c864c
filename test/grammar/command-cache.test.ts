import { describe, expect, it } from "vitest";
import { CommandCache, parseDump } from "../../grammar/index.ts";

const dump = (packets: number) =>
  `*nat\n:KUBE-SVC-A - [0:0]\n[${packets}:${packets * 60}] -A KUBE-SVC-A -m statistic --mode random --probability 0.5 -j KUBE-SEP-A\n[1:60] -A KUBE-SVC-A -j KUBE-SEP-B\nCOMMIT\n`;

describe("the command cache between polls", () => {
  it("gives the same rules as an uncached parse, with each poll's counters", () => {
    const cache = new CommandCache();
    const first = parseDump(dump(5), { cache });
    const second = parseDump(dump(8), { cache });
    expect(first).toEqual(parseDump(dump(5)));
    expect(second).toEqual(parseDump(dump(8)));
    expect(second.tables[0]!.rules[0]!.counters).toEqual({ packets: 8, bytes: 480 });
  });

  it("reuses the parsed options of an unchanged rule text", () => {
    const cache = new CommandCache();
    const a = parseDump(dump(5), { cache }).tables[0]!.rules[0]!;
    const b = parseDump(dump(6), { cache }).tables[0]!.rules[0]!;
    expect(b.options).toBe(a.options);
  });

  it("drops lines not seen in the last two dumps", () => {
    const cache = new CommandCache();
    parseDump("-A X -j OLD\n", { cache });
    parseDump("-A X -j NEW\n", { cache });
    expect(cache.size).toBe(2);
    parseDump("-A X -j NEW\n", { cache });
    parseDump("-A X -j NEW\n", { cache });
    expect(cache.size).toBe(1);
  });
});
