// Warm ticks: new counters on the same rules update a topology without rebuilding it.

import { describe, expect, it } from "vitest";
import { CommandCache, parseDump } from "../../grammar/index.ts";
import { buildTopology, refreshCounters, sameRules } from "../../src/model/index.ts";
import { chainOf, save, sepOf, service } from "./helpers.ts";

const API = "prod/api:https";
const EPS = ["10.244.1.2:8443", "10.244.2.3:8443"];

function dump(counts: readonly [string, string], extra: readonly string[] = []): string {
  const svc = chainOf(API);
  const [a, b] = [sepOf(API, EPS[0]!), sepOf(API, EPS[1]!)];
  return save({
    nat: [
      `[9:540] -A KUBE-SERVICES -d 10.96.0.42/32 -p tcp -m comment --comment "${API} cluster IP" -m tcp --dport 443 -j ${svc}`,
      `[4:240] -A ${svc} -m comment --comment "${API} -> ${EPS[0]}" -m statistic --mode random --probability 0.50000000000 -j ${a}`,
      `[5:300] -A ${svc} -m comment --comment "${API} -> ${EPS[1]}" -j ${b}`,
      `[${counts[0]}] -A ${a} -p tcp -m comment --comment ${API} -m tcp -j DNAT --to-destination ${EPS[0]}`,
      `[${counts[1]}] -A ${b} -p tcp -m comment --comment ${API} -m tcp -j DNAT --to-destination ${EPS[1]}`,
      ...extra,
    ],
  });
}

describe("refreshing counters", () => {
  it("same rules with new counters: the refreshed topology equals a rebuilt one", () => {
    const first = parseDump(dump(["4:240", "5:300"]));
    const next = parseDump(dump(["40:2400", "0:0"]));
    expect(sameRules(first, next)).toBe(true);
    const warm = refreshCounters(buildTopology(first), next);
    expect(warm).toEqual(buildTopology(next));
    expect(service(warm, API).endpoints.map((e) => e.packets)).toEqual([40, 0]);
  });

  it("with a command cache, the same rules are recognised by their shared parses", () => {
    const cache = new CommandCache();
    const first = parseDump(dump(["4:240", "5:300"]), { cache });
    const next = parseDump(dump(["6:360", "7:420"]), { cache });
    expect(sameRules(first, next)).toBe(true);
  });

  it("an added, removed or edited rule means the topology must be rebuilt", () => {
    const first = parseDump(dump(["4:240", "5:300"]));
    const added = parseDump(
      dump(["4:240", "5:300"], ["-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS"]),
    );
    const edited = parseDump(dump(["4:240", "5:300"]).replace("10.244.2.3:8443\n", "10.244.2.4:8443\n"));
    expect(sameRules(first, added)).toBe(false);
    expect(sameRules(added, first)).toBe(false);
    expect(sameRules(first, edited)).toBe(false);
  });
});
