// The nat index: one entry per chain name, the same whether a table keeps each chain's rules in one block
// (iptables-save) or splits them (restore input, pastes), with declarations in step with the blocks or not.

import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import type { Table } from "../../grammar/types.ts";
import { type ChainEntry, indexTable, type TableIndex, targetEntry } from "../../src/model/chain-index.ts";
import { model } from "./helpers.ts";

const SVC = "KUBE-SVC-AAAAAAAAAAAAAAAA";
const EXT = "KUBE-EXT-AAAAAAAAAAAAAAAA";
const SEP1 = "KUBE-SEP-BBBBBBBBBBBBBBBB";
const SEP2 = "KUBE-SEP-CCCCCCCCCCCCCCCC";
const ORPHAN = "KUBE-SEP-DDDDDDDDDDDDDDDD";

// Each chain's rules, in chain order.
const CHAINS: Record<string, string[]> = {
  "KUBE-SERVICES": [
    `-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "ns/a:http cluster IP" -m tcp --dport 80 -j ${SVC}`,
    `-A KUBE-SERVICES -d 1.2.3.4/32 -p tcp -m comment --comment "ns/a:http external IP" -m tcp --dport 80 -j ${EXT}`,
    "-A KUBE-SERVICES -m comment --comment gone -j KUBE-SVC-ZZZZZZZZZZZZZZZZ",
  ],
  [EXT]: [`-A ${EXT} -j KUBE-MARK-MASQ`, `-A ${EXT} -j ${SVC}`],
  [SVC]: [`-A ${SVC} -m statistic --mode random --probability 0.50000000000 -j ${SEP1}`, `-A ${SVC} -j ${SEP2}`],
  [SEP1]: [
    `-A ${SEP1} -s 10.244.0.5/32 -j KUBE-MARK-MASQ`,
    `-A ${SEP1} -p tcp -m tcp -j DNAT --to-destination 10.244.0.5:80`,
  ],
  [SEP2]: [
    `-A ${SEP2} -s 10.244.0.6/32 -j KUBE-MARK-MASQ`,
    `-A ${SEP2} -p tcp -m tcp -j DNAT --to-destination 10.244.0.6:80`,
  ],
  [ORPHAN]: [
    `-A ${ORPHAN} -p tcp -m tcp -j DNAT --to-destination 10.244.0.7:80`,
    `-A ${ORPHAN} -p udp -m udp -j DNAT --to-destination 10.244.0.7:53`,
  ],
};
const EMPTY_DECLARED = "KUBE-XLB-AAAAAAAAAAAAAAAA";

function dump(declarations: readonly string[], rules: readonly string[]): Table {
  const text = ["*nat", ...declarations.map((c) => `:${c} - [0:0]`), ...rules, "COMMIT", ""].join("\n");
  return parseDump(text).tables.find((t) => t.name === "nat")!;
}

const names = Object.keys(CHAINS);
const blocks = names.flatMap((c) => CHAINS[c]!);
// the same rules with every chain split: first rules of all chains, then the rest
const split = [...names.map((c) => CHAINS[c]![0]!), ...names.flatMap((c) => CHAINS[c]!.slice(1))];

// What the index says about every chain name, in a form two layouts can be compared by.
function answers(index: TableIndex) {
  const rules = index.table!.rules;
  const jumpsOf = (e: ChainEntry) => [e.firstJump, ...(e.moreJumps ?? [])].filter((r) => r !== null).map((r) => r.raw);
  return {
    withRules: index.withRules.map((e) => e.name),
    declaredOnly: index.declaredOnly.map((e) => e.name),
    dangling: index.jumped.filter((e) => !e.present).map((e) => e.name),
    chains: Object.fromEntries(
      [...index.chains.values()].map((e) => [
        e.name,
        {
          rules: e.rules.map((r) => r.raw),
          count: e.count,
          declared: e.declared,
          present: e.present,
          jumps: jumpsOf(e).sort(),
          dnat: e.dnat?.raw ?? null,
          dnatAtIndex: e.dnat === null ? e.dnatIndex === -1 : rules[e.dnatIndex] === e.dnat,
          kind: e.kind,
          targets: e.rules.map((r, k) => targetEntry(index, e, k, r)?.name ?? null),
        },
      ]),
    ),
  };
}

describe("chain index", () => {
  it("reads a table of one block per chain and the same rules split across the table alike", () => {
    const declared = [...names, EMPTY_DECLARED];
    const a = answers(indexTable("nat", dump(declared, blocks)));
    const b = answers(indexTable("nat", dump(declared, split)));
    expect(b.chains).toEqual(a.chains);
    expect(b.declaredOnly).toEqual(a.declaredOnly);
    expect(b.dangling).toEqual(a.dangling);
    expect(a.withRules).toEqual(names);
    expect(a.declaredOnly).toEqual([EMPTY_DECLARED]);
    expect(a.dangling).toEqual(["KUBE-SVC-ZZZZZZZZZZZZZZZZ"]);
    expect(a.chains[SVC]).toMatchObject({
      count: 2,
      declared: true,
      present: true,
      kind: "svc",
      targets: [SEP1, SEP2],
    });
    expect(a.chains[SEP1]!.jumps).toEqual([CHAINS[SVC]![0]]);
    expect(a.chains[SVC]!.jumps).toEqual([CHAINS[EXT]![1], CHAINS["KUBE-SERVICES"]![0]].sort());
    // the first DNAT rule is the one an endpoint reads
    expect(a.chains[ORPHAN]).toMatchObject({ jumps: [], dnat: CHAINS[ORPHAN]![0], dnatAtIndex: true });
    // jumps to KUBE-MARK-MASQ are not recorded, and a rule without a target has no target entry
    expect(a.chains[EXT]!.targets).toEqual([null, SVC]);
  });

  it("finds every declaration when they come in another order than the rule blocks", () => {
    const shuffled = [EMPTY_DECLARED, ...[...names].reverse()];
    const a = answers(indexTable("nat", dump(shuffled, blocks)));
    const b = answers(indexTable("nat", dump([...names, EMPTY_DECLARED], blocks)));
    expect(a.chains).toEqual(b.chains);
    expect(a.declaredOnly).toEqual([EMPTY_DECLARED]);
  });

  it("counts a chain with rules but no declaration as present, not declared", () => {
    const index = indexTable(
      "nat",
      dump(
        names.filter((c) => c !== SEP2),
        blocks,
      ),
    );
    const sep2 = index.chains.get(SEP2)!;
    expect([sep2.declared, sep2.present, sep2.count]).toEqual([false, true, 2]);
    expect(index.chains.get(SEP1)!.declared).toBe(true);
  });

  it("leaves chains deleted with -X undeclared, keeping the rules written for them", () => {
    const text = ["*nat", `:${SVC} - [0:0]`, `:${SEP1} - [0:0]`, `-X ${SEP1}`, CHAINS[SVC]![0], "COMMIT", ""].join(
      "\n",
    );
    const index = indexTable("nat", parseDump(text).tables[0]!);
    expect(index.chains.get(SEP1)).toMatchObject({ declared: false, present: false, count: 0 });
    expect(index.chains.get(SVC)).toMatchObject({ declared: true, present: true, count: 1 });
  });

  it("gives an empty index for a missing table", () => {
    const index = indexTable("nat", null);
    expect([index.chains.size, index.withRules.length, index.hasCounters]).toEqual([0, 0, false]);
  });
});

describe("service order", () => {
  it("sorts services by name in code-unit order: upper case first, a name before the names it prefixes", () => {
    const names = ["ns/b", "ns/a-b", "ns/a", "Ns/a", "ns/a:p", "ns/a.b", "ns/A", "ns/a:p2", "ns/a_b", "0/x"];
    const rules = names.map((n, i) => {
      const chain = `KUBE-SVC-${String(i).padStart(16, "Q")}`;
      return `-A KUBE-SERVICES -d 10.96.0.${i + 1}/32 -p tcp -m comment --comment "${n} cluster IP" -m tcp --dport 80 -j ${chain}`;
    });
    const t = model(["*nat", ...rules, "COMMIT", ""].join("\n"));
    const got = t.services.map((s) => s.name);
    expect(got).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(got.slice(0, 3)).toEqual(["0/x", "Ns/a", "ns/A"]);
    expect(got.indexOf("ns/a")).toBeLessThan(got.indexOf("ns/a-b"));
  });
});
