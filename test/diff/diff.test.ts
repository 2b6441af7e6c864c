import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { diffTopologies, formatDiffJson, formatDiffText } from "../../src/diff/index.ts";
import { generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { buildTopology } from "../../src/model/index.ts";
import type { Topology } from "../../src/model/types.ts";
import { sharedFixtures } from "../support/paths.ts";

const note = sharedFixtures ? "" : " (skipped: ../shared/fixtures is absent)";

function fixture(path: string): Topology {
  return buildTopology(parseDump(readFileSync(join(sharedFixtures!, "kube-proxy-tests", path), "utf8")));
}

function web(endpoints: number, patch: Partial<ServiceSpec> = {}, portName = "http"): ServiceSpec {
  return {
    namespace: "shop",
    name: "web",
    clusterIP: "10.96.0.80",
    ports: [{ name: portName, protocol: "tcp", port: 80 }],
    endpoints: Array.from({ length: endpoints }, (_, i) => ({
      ip: `10.244.1.${i + 1}`,
      port: 8080,
      local: false,
      ready: true,
    })),
    ...patch,
  };
}

// Generates the dump kube-proxy would load; `counters` gives `[packets:bytes]` per SVC→SEP jump, in rule order.
function generated(services: ServiceSpec[], counters?: number[]): Topology {
  let text = generateRuleSet(services).text;
  if (counters) {
    let n = 0;
    text = text
      .split("\n")
      .map((line) => {
        if (!/^-A KUBE-SVC-\S+ .*-j KUBE-SEP-/.test(line)) return line;
        const c = counters[n++] ?? 0;
        return `[${c}:${c * 60}] ${line}`;
      })
      .join("\n");
  }
  return buildTopology(parseDump(text));
}

describe.skipIf(!sharedFixtures)(`diff on kube-proxy's fixtures${note}`, () => {
  it("lists services added and removed and an endpoint change between two syncs", () => {
    const d = diffTopologies(
      fixture("era3-2025-newest/TestSyncProxyRulesRepeated-1.txt"),
      fixture("era3-2025-newest/TestOverallIPTablesRules.txt"),
    );
    expect(d.servicesAdded.map((s) => s.name)).toEqual([
      "ns2/svc2:p80",
      "ns3/svc3:p80",
      "ns4/svc4:p80",
      "ns5/svc5:p80",
      "ns6/svc6:p80",
    ]);
    expect(d.servicesRemoved).toEqual([
      { name: "ns2/svc2:p8080", protocol: "tcp", clusterIP: "172.30.0.42", port: 8080, endpoints: 1 },
    ]);
    const svc1 = d.servicesChanged.find((s) => s.name === "ns1/svc1:p80")!;
    expect(svc1.endpointsAdded).toEqual([
      { address: "10.180.0.1:80", chain: "KUBE-SEP-SXIVWICOYRO3J4NJ", probability: 1 },
    ]);
    expect(svc1.endpointsRemoved.map((e) => e.address)).toEqual(["10.0.1.1:80"]);
    expect(d.counters).toEqual([]);
    expect(d.differs).toBe(true);
  });

  it("finds only the affinity added on svc5 between era2 and era3 Overall", () => {
    const d = diffTopologies(
      fixture("era2-v1.28-dev/TestOverallIPTablesRulesWithMultipleServices.txt"),
      fixture("era3-2025-newest/TestOverallIPTablesRules.txt"),
    );
    expect(d.servicesAdded).toEqual([]);
    expect(d.servicesRemoved).toEqual([]);
    expect(d.servicesChanged.map((s) => [s.name, s.fields])).toEqual([
      ["ns5/svc5:p80", [{ field: "affinitySeconds", before: "—", after: "10800" }]],
    ]);
    expect(d.unchanged).toBe(5);
  });

  it("finds nothing between a dump and itself", () => {
    const t = fixture("era3-2025-newest/TestOverallIPTablesRules.txt");
    const d = diffTopologies(t, t);
    expect(d).toMatchObject({ differs: false, unchanged: 6, servicesChanged: [], servicesAdded: [] });
    expect(formatDiffText(d)).toContain("no differences in services, endpoints, shares or chains");
  });
});

describe("diff on generated dumps", () => {
  it("shows a scale-up as an endpoint added and every share changed", () => {
    const d = diffTopologies(generated([web(2)]), generated([web(3)]));
    const s = d.servicesChanged[0]!;
    expect(s.name).toBe("shop/web:http");
    expect(s.endpointsAdded.map((e) => e.address)).toEqual(["10.244.1.3:8080"]);
    expect(s.sharesChanged.map((c) => [c.address, c.before, Math.round(c.after * 1e6) / 1e6])).toEqual([
      ["10.244.1.1:8080", 0.5, 0.333333],
      ["10.244.1.2:8080", 0.5, 0.333333],
    ]);
    expect(s.chains).toEqual([]);
  });

  it("reports renamed chains when the protocol of a port changes", () => {
    const udp = web(1, { ports: [{ name: "http", protocol: "udp", port: 80 }] });
    const d = diffTopologies(generated([web(1)]), generated([udp]));
    const s = d.servicesChanged[0]!;
    expect(s.fields).toContainEqual({ field: "protocol", before: "tcp", after: "udp" });
    const svc = s.chains.find((c) => c.kind === "svc")!;
    expect(svc.before).toMatch(/^KUBE-SVC-/);
    expect(svc.after).toMatch(/^KUBE-SVC-/);
    expect(svc.before).not.toBe(svc.after);
    expect(s.chains.find((c) => c.kind === "sep")).toMatchObject({ address: "10.244.1.1:8080" });
  });

  it("pairs a port renamed on the same cluster IP and port instead of listing it as removed and added", () => {
    const d = diffTopologies(generated([web(1)]), generated([web(1, {}, "web")]));
    expect(d.servicesAdded).toEqual([]);
    expect(d.servicesRemoved).toEqual([]);
    expect(d.servicesChanged[0]).toMatchObject({ name: "shop/web:web", renamedFrom: "shop/web:http" });
    expect(d.servicesChanged[0]!.chains.map((c) => c.kind)).toContain("svc");
  });

  it("notes a finding that appears when the last endpoint goes away", () => {
    const d = diffTopologies(generated([web(1)]), generated([web(0)]));
    const s = d.servicesChanged[0]!;
    expect(s.findingsAdded).toContain("no-endpoints");
    expect(s.endpointsRemoved.map((e) => e.address)).toEqual(["10.244.1.1:8080"]);
    expect(s.chains.find((c) => c.kind === "svc")).toMatchObject({ after: null });
  });

  it("computes new connections per endpoint when both dumps carry counters, and spots a reset", () => {
    const d = diffTopologies(generated([web(3)], [100, 50, 10]), generated([web(3)], [130, 20, 10]));
    expect(d.differs).toBe(false);
    expect(d.counters).toEqual([
      {
        name: "shop/web:http",
        packets: 50,
        endpoints: [
          { address: "10.244.1.1:8080", packets: 30, bytes: 1800, reset: false },
          { address: "10.244.1.2:8080", packets: 20, bytes: 1200, reset: true },
          { address: "10.244.1.3:8080", packets: 0, bytes: 0, reset: false },
        ],
      },
    ]);
    const text = formatDiffText(d, { a: "before.txt", b: "after.txt" });
    expect(text).toContain("diff before.txt → after.txt: service ports 0 added, 0 removed, 0 changed, 1 unchanged");
    expect(text).toContain("  shop/web:http  +50");
    expect(text).toContain("    10.244.1.2:8080  +20 (counter reset)");
  });

  it("gives no counter deltas when one side has no counters", () => {
    const d = diffTopologies(generated([web(2)]), generated([web(2)], [5, 5]));
    expect(d.counters).toEqual([]);
    expect(formatDiffText(d)).toContain("counters: not in both dumps, no deltas");
  });
});

describe("diff output", () => {
  const d = diffTopologies(
    generated([web(2)]),
    generated([web(3), { ...web(1), name: "api", clusterIP: "10.96.0.81" }]),
  );

  it("prints + for added, ~ for changed with one line per change", () => {
    const text = formatDiffText(d);
    expect(text).toContain("+ shop/api:http  10.96.0.81:80/tcp, 1 endpoint");
    expect(text).toContain("~ shop/web:http");
    expect(text).toMatch(/ {4}\+ endpoint 10\.244\.1\.3:8080 {2}33\.3% {2}KUBE-SEP-\w{16}/);
    expect(text).toContain("    share 10.244.1.1:8080: 50.0% → 33.3%");
  });

  it("writes the same facts as JSON", () => {
    const doc = JSON.parse(formatDiffJson(d));
    expect(doc.servicesAdded.map((s: { name: string }) => s.name)).toEqual(["shop/api:http"]);
    expect(doc.servicesChanged[0].endpointsAdded[0].address).toBe("10.244.1.3:8080");
    expect(doc.differs).toBe(true);
    expect(Object.keys(doc)).toEqual([
      "servicesAdded",
      "servicesRemoved",
      "servicesChanged",
      "unchanged",
      "findingsAdded",
      "findingsResolved",
      "counters",
      "differs",
    ]);
  });
});
