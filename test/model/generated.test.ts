// The model against the rule-set generator (src/gen): every era, family and comment mode, many service kinds.

import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { type ExpectedService, type GenOptions, generateRuleSet, randomServices } from "../../src/gen/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import type { Service } from "../../src/model/types.ts";

const FIELDS = [
  "name",
  "namespace",
  "protocol",
  "clusterIP",
  "port",
  "nodePorts",
  "externalIPs",
  "loadBalancerIPs",
  "sourceRanges",
  "affinitySeconds",
  "type",
  "chains",
  "healthCheckNodePort",
] as const;

// Shares compared to 9 decimals, or 4 when kube-proxy wrote 5-decimal probabilities (0.33333 for 1/3).
function view(s: Service | ExpectedService, ambiguous: readonly string[], digits: number) {
  const round = (x: number | null) => (x === null ? null : Number(x.toFixed(digits)));
  const fields = Object.fromEntries(FIELDS.filter((f) => !ambiguous.includes(f)).map((f) => [f, s[f]]));
  const endpoints = s.endpoints.map((e) => ({
    address: e.address,
    chain: e.chain,
    probability: round(e.probability),
    rawProbability: round(e.rawProbability),
    localProbability: round(e.localProbability),
    local: e.local,
  }));
  return { ...fields, endpoints };
}

const CASES: [string, number, GenOptions][] = [];
for (const era of ["v1.23", "v1.28", "v1.32"] as const) {
  for (const family of [4, 6] as const) {
    for (const comments of [true, false])
      CASES.push([`${era} IPv${family}${comments ? "" : " large-cluster"}`, 60, { era, family, comments }]);
  }
}
CASES.push(["v1.23 with 'Balancing rule' XLB comments", 60, { era: "v1.23", xlbBalancingComments: true }]);
CASES.push(["v1.32 with hooks and nfacct", 60, { era: "v1.32", hooks: true, nfacct: true }]);
CASES.push(["v1.23 with 5-decimal probabilities", 60, { era: "v1.23", probabilityDecimals: 5 }]);

describe("generated kube-proxy rule sets", () => {
  it.each(CASES)("%s: every service port, endpoint, share and expected finding is rebuilt", (_, count, options) => {
    const specs = randomServices(count, 11, { family: options.family ?? 4 });
    const generated = generateRuleSet(specs, options);
    const t = buildTopology(parseDump(generated.text));
    expect(t.services.map((s) => s.name)).toEqual(generated.services.map((s) => s.name));
    for (const [i, want] of generated.services.entries()) {
      const got = t.services[i]!;
      const digits = options.probabilityDecimals === 5 ? 4 : 9;
      expect(view(got, want.ambiguous, digits), want.name).toEqual(view(want, want.ambiguous, digits));
      const codes = got.findings.map((f) => f.code);
      for (const code of want.findingCodes) expect(codes, want.name).toContain(code);
      const loud = got.findings.filter((f) => f.severity !== "info" && !want.findingCodes.includes(f.code));
      expect(loud, want.name).toEqual([]);
    }
    expect(t.findings.filter((f) => f.service === null && f.severity !== "info")).toEqual([]);
  });
});
