import { describe, expect, test } from "vitest";
import {
  filterServices,
  joinServices,
  orderServices,
  problemCount,
  sortCache,
  worstSeverity,
} from "../../src/app/service-order.ts";
import { verdictsOf } from "../../src/verdict/index.ts";
import { equalEndpoints, finding, service, stats, topology, windowSpec } from "../ui/helpers/builders.ts";

const a = service("ns/a:http", { clusterIP: "10.0.0.1", endpoints: equalEndpoints("A", 1) });
const b = service("ns/b:http", {
  clusterIP: "10.0.0.2",
  type: "NodePort",
  endpoints: equalEndpoints("B", 3),
  findings: [finding("probability-gap", "warning", "gap", "ns/b:http")],
});
const c = service("other/c:dns", {
  clusterIP: "10.0.0.3",
  endpoints: [],
  findings: [finding("no-endpoints", "error", "refused", "other/c:dns")],
});
const d = service("ns/d:http", { clusterIP: "10.0.0.4", endpoints: equalEndpoints("D", 2) });
const t = topology([a, b, c, d]);
const rates: Record<string, number | null> = { "ns/a:http": 5, "ns/b:http": 50, "other/c:dns": null, "ns/d:http": 5 };
const s = stats(t.services, (x) => ({ rate: rates[x.name] ?? null }));
const names = (rows: readonly { service: { name: string } }[]) => rows.map((r) => r.service.name);

describe("service order", () => {
  test("by rate: busiest first, ties by name, services without a rate last", () => {
    expect(names(orderServices(t, s, "rate"))).toEqual(["ns/b:http", "ns/a:http", "ns/d:http", "other/c:dns"]);
  });

  test("by name, by endpoint count, by findings", () => {
    expect(names(orderServices(t, s, "name"))).toEqual(["ns/a:http", "ns/b:http", "ns/d:http", "other/c:dns"]);
    expect(names(orderServices(t, s, "endpoints"))).toEqual(["ns/b:http", "ns/d:http", "ns/a:http", "other/c:dns"]);
    expect(names(orderServices(t, s, "findings"))).toEqual(["other/c:dns", "ns/b:http", "ns/a:http", "ns/d:http"]);
  });

  test("a topology sorted by name, as the model gives it, orders exactly like any other order of it", () => {
    const sorted = topology([a, b, d, c]);
    const ss = stats(sorted.services, (x) => ({ rate: rates[x.name] ?? null }));
    for (const mode of ["rate", "name", "endpoints", "findings"] as const) {
      expect(names(orderServices(sorted, ss, mode)), mode).toEqual(names(orderServices(t, s, mode)));
      expect(names(orderServices(sorted, ss, mode, verdictsOf(sorted, ss))), mode).toEqual(
        names(orderServices(t, s, mode, verdictsOf(t, s))),
      );
    }
  });

  test("without stats every rate is unknown and the order falls back to names", () => {
    expect(names(orderServices(t, null, "rate"))).toEqual(["ns/a:http", "ns/b:http", "ns/d:http", "other/c:dns"]);
  });

  test("the filter matches name, address or type, ignoring case", () => {
    const rows = orderServices(t, s, "name");
    expect(names(filterServices(rows, "OTHER/"))).toEqual(["other/c:dns"]);
    expect(names(filterServices(rows, "10.0.0.4"))).toEqual(["ns/d:http"]);
    expect(names(filterServices(rows, "nodeport"))).toEqual(["ns/b:http"]);
    expect(filterServices(rows, "")).toBe(rows);
    expect(filterServices(rows, "nothing-like-this")).toEqual([]);
  });

  test("rows carry their verdicts when given, and none without", () => {
    const v = verdictsOf(t, s);
    const rows = orderServices(t, s, "name", v);
    expect(rows.map((r) => r.verdict?.status)).toEqual(["ok", "warning", "ok", "error"]);
    expect(rows.every((r) => r.verdict === v.services.get(r.service.name))).toBe(true);
    expect(orderServices(t, s, "name").every((r) => r.verdict === null)).toBe(true);
  });

  test("by findings with verdicts: status first, then problems; live skew counts, notes do not", () => {
    // e: healthy but for a note; f: no findings, but all its recent connections went to one of two endpoints;
    // g: an error and a warning; h: one error repeated in three findings
    const e = service("ns/e:http", {
      endpoints: equalEndpoints("E", 2),
      findings: [finding("lb-source-ranges", "info", "only some sources", "ns/e:http")],
    });
    const f = service("ns/f:http", { endpoints: equalEndpoints("F", 2, () => 0) });
    const g = service("ns/g:http", {
      endpoints: equalEndpoints("G", 2),
      findings: [
        finding("unresolved-endpoint", "error", "no address", "ns/g:http"),
        finding("probability-gap", "warning", "gap", "ns/g:http"),
      ],
    });
    const h = service("ns/h:http", {
      endpoints: equalEndpoints("H", 3),
      findings: [0, 1, 2].map(() => finding("unresolved-endpoint", "error", "no address", "ns/h:http")),
    });
    const t2 = topology([e, f, g, h, d]);
    const s2 = stats(t2.services, (x) => (x.name === f.name ? windowSpec([200, 0]) : { rate: 1 }));
    const v = verdictsOf(t2, s2);
    expect(v.services.get(f.name)?.status).toBe("warning");
    expect(problemCount(v.services.get(h.name)!)).toBe(1);
    expect(problemCount(v.services.get(g.name)!)).toBe(2);
    expect(problemCount(v.services.get(e.name)!)).toBe(0);
    expect(names(orderServices(t2, s2, "findings", v))).toEqual([
      "ns/g:http",
      "ns/h:http",
      "ns/f:http",
      "ns/e:http",
      "ns/d:http",
    ]);
    // without verdicts only the findings count: f's live warning is not seen, h's three findings outweigh g's two
    expect(names(orderServices(t2, s2, "findings"))).toEqual([
      "ns/h:http",
      "ns/g:http",
      "ns/e:http",
      "ns/d:http",
      "ns/f:http",
    ]);
  });

  test("a sort cache sorts each mode once and orders like a fresh sort", () => {
    const sorted = sortCache(joinServices(t, s));
    for (const mode of ["rate", "name", "endpoints", "findings"] as const) {
      const rows = sorted(mode);
      expect(names(rows), mode).toEqual(names(orderServices(t, s, mode)));
      expect(sorted(mode), mode).toBe(rows);
    }
  });

  test("a sort cache belongs to one sample: the next sample's cache orders by its own stats", () => {
    const first = sortCache(joinServices(t, s));
    expect(names(first("rate"))[0]).toBe("ns/b:http");
    const busier = stats(t.services, (x) => ({ rate: x.name === "other/c:dns" ? 500 : (rates[x.name] ?? null) }));
    const next = sortCache(joinServices(t, busier));
    expect(names(next("rate"))).toEqual(["other/c:dns", "ns/b:http", "ns/a:http", "ns/d:http"]);
    expect(names(first("rate"))[0]).toBe("ns/b:http");
  });

  test("the worst severity wins", () => {
    expect(worstSeverity([])).toBeNull();
    expect(worstSeverity([...b.findings, ...c.findings])).toBe("error");
  });
});
