// Endpoints: rule order, shares, counters (never a made-up 0), local flags and where counters come from.

import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import { chainOf, clusterIPRules, model, save, sepOf, service } from "./helpers.ts";

const API = "prod/api:https";
const EPS = ["10.244.1.2:8443", "10.244.2.3:8443", "10.244.3.4:8443", "10.244.4.5:8443"];

describe("shares", () => {
  it("four endpoints with 11-decimal probabilities each get a quarter, in rule order", () => {
    const s = service(model(save({ nat: clusterIPRules(API, "10.96.0.42", 443, EPS) })), API);
    expect(s.endpoints.map((e) => e.address)).toEqual(EPS);
    expect(s.endpoints.map((e) => e.rawProbability)).toEqual([0.25, 0.33333333333, 0.5, null]);
    for (const e of s.endpoints) expect(e.probability).toBeCloseTo(0.25, 9);
  });

  it("old 5-decimal probabilities (0.33332999982) give shares that still sum to 1", () => {
    const svc = chainOf(API);
    const rules = [
      `-A KUBE-SERVICES -d 10.96.0.42/32 -p tcp -m comment --comment "${API} cluster IP" -m tcp --dport 443 -j ${svc}`,
    ];
    const probs = ["0.33332999982", "0.50000000000", null];
    EPS.slice(0, 3).forEach((ep, i) => {
      const sep = sepOf(API, ep);
      const stat = probs[i] ? ` -m statistic --mode random --probability ${probs[i]}` : "";
      rules.push(`-A ${svc} -m comment --comment ${API}${stat} -j ${sep}`);
      rules.push(`-A ${sep} -p tcp -m comment --comment ${API} -m tcp -j DNAT --to-destination ${ep}`);
    });
    const s = service(model(save({ nat: rules })), API);
    expect(s.endpoints[0]!.probability).toBeCloseTo(0.33333, 5);
    expect(s.endpoints.reduce((a, e) => a + e.probability, 0)).toBeCloseTo(1, 12);
    expect(s.findings).toEqual([]);
  });
});

describe("counters", () => {
  const withCounters = (dnat: string[]) => {
    const svc = chainOf(API);
    const [a, b] = [sepOf(API, EPS[0]!), sepOf(API, EPS[1]!)];
    return save({
      nat: [
        `[40:2400] -A KUBE-SERVICES -d 10.96.0.42/32 -p tcp -m comment --comment "${API} cluster IP" -m tcp --dport 443 -j ${svc}`,
        `[6:360] -A ${svc} -m comment --comment "${API} -> ${EPS[0]}" -m recent --rcheck --seconds 10800 --reap --name ${a} --mask 255.255.255.255 --rsource -j ${a}`,
        `[14:840] -A ${svc} -m comment --comment "${API} -> ${EPS[0]}" -m statistic --mode random --probability 0.50000000000 -j ${a}`,
        `[20:1200] -A ${svc} -m comment --comment "${API} -> ${EPS[1]}" -j ${b}`,
        `[0:0] -A ${a} -s 10.244.1.2/32 -m comment --comment ${API} -j KUBE-MARK-MASQ`,
        `[${dnat[0]}] -A ${a} -p tcp -m comment --comment ${API} -m recent --set --name ${a} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination ${EPS[0]}`,
        `[0:0] -A ${b} -s 10.244.2.3/32 -m comment --comment ${API} -j KUBE-MARK-MASQ`,
        `[${dnat[1]}] -A ${b} -p tcp -m comment --comment ${API} -m recent --set --name ${b} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination ${EPS[1]}`,
      ],
    });
  };

  it("come from the SEP's DNAT rule, which also counts the affinity path", () => {
    const s = service(model(withCounters(["20:1200", "20:1200"])), API);
    expect(s.endpoints.map((e) => [e.packets, e.bytes])).toEqual([
      [20, 1200],
      [20, 1200],
    ]);
  });

  it("a zero counter is a real 0", () => {
    const s = service(model(withCounters(["0:0", "20:1200"])), API);
    expect(s.endpoints[0]).toMatchObject({ packets: 0, bytes: 0 });
  });

  it("are null, never 0, when the dump has none", () => {
    const s = service(model(save({ nat: clusterIPRules(API, "10.96.0.42", 443, EPS) })), API);
    for (const e of s.endpoints) expect([e.packets, e.bytes, e.counterSource]).toEqual([null, null, null]);
  });

  it("record which rule they were read from, so a later dump with the same rules can refresh them", () => {
    const text = withCounters(["20:1200", "20:1200"]);
    const dump = parseDump(text);
    const s = service(buildTopology(dump), API);
    const src = s.endpoints[0]!.counterSource!;
    expect(src.table).toBe("nat");
    const nat = dump.tables.find((t) => t.name === "nat")!;
    expect(src.rules.map((i) => nat.rules[i]!.target)).toEqual(["DNAT"]);
    expect(src.rules.map((i) => nat.rules[i]!.chain)).toEqual([s.endpoints[0]!.chain]);
  });
});

describe("local endpoints", () => {
  const svl = chainOf(API, "KUBE-SVL");
  const ext = chainOf(API, "KUBE-EXT");
  const rules = (withSvl: boolean) => [
    ...clusterIPRules(API, "10.96.0.42", 443, EPS.slice(0, 3)),
    `-A KUBE-NODEPORTS -p tcp -m comment --comment ${API} -m tcp --dport 30443 -j ${ext}`,
    `-A ${ext} -s 10.244.0.0/16 -m comment --comment "pod traffic for ${API} external destinations" -j ${chainOf(API)}`,
    ...(withSvl
      ? [
          `-A ${ext} -j ${svl}`,
          `-A ${svl} -m comment --comment "${API} -> ${EPS[0]}" -m statistic --mode random --probability 0.50000000000 -j ${sepOf(API, EPS[0]!)}`,
          `-A ${svl} -m comment --comment "${API} -> ${EPS[2]}" -j ${sepOf(API, EPS[2]!)}`,
        ]
      : []),
  ];

  it("are those KUBE-SVL jumps to, with their share among local endpoints", () => {
    const s = service(model(save({ nat: rules(true) })), API);
    expect(s.chains).toMatchObject({ svl, ext });
    expect(s.endpoints.map((e) => [e.address, e.local, e.localProbability])).toEqual([
      [EPS[0], true, 0.5],
      [EPS[1], false, null],
      [EPS[2], true, 0.5],
    ]);
    expect(s.findings).toEqual([]);
  });

  it("are unknown (null) when the service has no local chain at all", () => {
    const s = service(model(save({ nat: rules(false) })), API);
    expect(s.endpoints.map((e) => e.local)).toEqual([null, null, null]);
  });
});
