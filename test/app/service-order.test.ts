import { describe, expect, test } from "vitest";
import { filterServices, orderServices, worstSeverity } from "../../src/app/service-order.ts";
import { equalEndpoints, finding, service, stats, topology } from "../ui/helpers/builders.ts";

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

  test("the worst severity wins", () => {
    expect(worstSeverity([])).toBeNull();
    expect(worstSeverity([...b.findings, ...c.findings])).toBe("error");
  });
});
