import { afterEach, describe, expect, test } from "vitest";
import type { Service } from "../../src/model/types.ts";
import { equalEndpoints, finding, sample, service, stats, topology, windowSpec } from "./helpers/builders.ts";
import { KEY, NOW, type Rendered, renderApp } from "./helpers/render.tsx";

// Services whose verdicts come from plain data: findings, and connection counts over the window per endpoint.
const skewed = service("shop/cart:grpc", {
  clusterIP: "10.96.50.1",
  port: 9090,
  endpoints: equalEndpoints("CART", 3, () => 0),
});
const even = service("shop/catalog:http", {
  clusterIP: "10.96.50.2",
  endpoints: equalEndpoints("CAT", 3, () => 0),
});
const quiet = service("shop/ledger:http", {
  clusterIP: "10.96.50.3",
  sourceRanges: ["198.51.100.0/24"],
  endpoints: equalEndpoints("LEDGER", 3, () => 0),
  findings: [finding("lb-source-ranges", "info", "only 198.51.100.0/24 may connect", "shop/ledger:http")],
});
// no endpoints and stale SEP chains left behind: two problems, four findings
const refused = service("shop/payments:grpc", {
  clusterIP: "10.96.50.4",
  chains: { svc: null, svl: null, ext: null, fw: null, xlb: null },
  findings: [
    finding("no-endpoints", "error", "has no endpoints", "shop/payments:grpc"),
    ...["A", "B", "C"].map((c) =>
      finding("orphan-chain", "warning", `KUBE-SEP-PAY${c} is left over`, "shop/payments:grpc"),
    ),
  ],
});
// three problems, three findings
const stale = service("shop/search:http", {
  clusterIP: "10.96.50.5",
  endpoints: equalEndpoints("SEARCH", 2, () => 0),
  findings: [
    finding("probability-gap", "warning", "the cascade can fall through", "shop/search:http"),
    finding("unresolved-endpoint", "error", "An endpoint of shop/search:http has no address.", "shop/search:http"),
    finding("dangling-jump", "warning", "KUBE-SEP-GONE is not in the dump", "shop/search:http"),
  ],
});
const SERVICES: readonly Service[] = [skewed, even, quiet, refused, stale];
const COUNTS: Record<string, readonly number[]> = {
  [skewed.name]: [300, 20, 10],
  [even.name]: [110, 100, 90],
  [quiet.name]: [3, 2, 1],
  [stale.name]: [40, 40],
};

let r: Rendered | undefined;
afterEach(() => r?.unmount());

async function draw(columns: number, over: Parameters<typeof topology>[1] = {}): Promise<Rendered> {
  r = await renderApp({ columns, rows: 30 });
  const t = topology(SERVICES, over);
  const s = stats(t.services, (x) => {
    const counts = COUNTS[x.name];
    return counts ? windowSpec(counts) : undefined;
  });
  r.store.applySample(sample(t, s, NOW - 1000));
  await r.press();
  return r;
}

/** The list row of a service (selected or not). */
const rowOf = (frame: string, name: string): string =>
  frame.split("\n").find((l) => l.slice(2).startsWith(`${name} `)) ?? "";

/** Every line fits the width and the frame fits the height. */
function expectFits(frame: string, columns: number): void {
  const lines = frame.split("\n");
  expect(lines.length).toBeLessThanOrEqual(30);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
}

/** The service names in the order the list draws them. */
const listed = (frame: string): string[] =>
  frame
    .split("\n")
    .map((l) => /^[› ] (shop\/\S+)/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);

/** The frame's lines trimmed and joined, so wrapped prose reads as one text. */
const prose = (frame: string): string =>
  frame
    .split("\n")
    .map((l) => l.trim())
    .join(" ");

/** The line right under the detail's summary line. */
const headline = (frame: string, name: string): string[] => {
  const lines = frame.split("\n");
  const top = lines.findIndex((l) => l.startsWith(`${name} · `));
  return lines.slice(
    top + 1,
    lines.findIndex((l) => l.startsWith("path ")),
  );
};

describe.each([80, 200])("verdicts at %i columns", (columns) => {
  test("each row carries its verdict: ✖ or ▲ with the number of problems, ✓ when healthy", async () => {
    const f = (await draw(columns)).frame();
    expect(rowOf(f, refused.name)).toMatch(/ ✖2\s*$/);
    expect(rowOf(f, stale.name)).toMatch(/ ✖3\s*$/);
    expect(rowOf(f, skewed.name)).toMatch(/ ▲1\s*$/);
    expect(rowOf(f, even.name)).toMatch(/ ✓\s*$/);
    expect(rowOf(f, quiet.name)).toMatch(/ ✓\s*$/);
    expectFits(f, columns);
  });

  test("the findings sort ranks by verdict (errors, warnings, healthy), then by number of problems", async () => {
    const a = await draw(columns);
    expect(listed(a.frame())).toEqual([skewed.name, even.name, stale.name, quiet.name, refused.name]);
    await a.press("s", "s", "s");
    expect(a.frame()).toContain("sorted by findings");
    // three problems before two (however many findings repeat one), a live warning before a healthy service with
    // a note, a note before nothing
    expect(listed(a.frame())).toEqual([stale.name, refused.name, skewed.name, quiet.name, even.name]);
  });

  test("a skewed service's detail leads with the verdict and shows the skew test", async () => {
    const a = await draw(columns);
    await a.press(KEY.enter);
    const f = a.frame();
    const head = headline(f, skewed.name);
    expect(head[0]).toMatch(/^▲ load is uneven: recent connections stray from the configured shares/);
    expect(prose(head.join("\n"))).toContain("iptables balances connections, not requests");
    const load = /^load: skewed \(p = (\S+)\) over 330 connections · \? explains$/m.exec(f);
    expect(load, f).not.toBeNull();
    expect(Number(load?.[1])).toBeLessThan(0.001);
    // the numbers behind it: configured a third each, observed 300/330 on the first endpoint
    expect(f).toMatch(/10\.244\.0\.10:8080 .*33\.3% +90\.9%/);
    expectFits(f, columns);
  });

  test("an even service is within chance, a quiet one is too small to judge", async () => {
    const a = await draw(columns);
    await a.press("j", KEY.enter);
    let f = a.frame();
    expect(headline(f, even.name)).toEqual(["✓ healthy on this node: 3 endpoints"]);
    const load = /^load: within chance \(p = (\S+)\) over 300 connections$/m.exec(f);
    expect(load, f).not.toBeNull();
    expect(Number(load?.[1])).toBeGreaterThanOrEqual(0.001);
    await a.press(KEY.escape, "j", "j", KEY.enter);
    f = a.frame();
    expect(f).toContain(`${quiet.name} · `);
    expect(prose(headline(f, quiet.name).join("\n"))).toBe(
      "✓ healthy on this node: 3 endpoints; load-balancer traffic from outside 198.51.100.0/24 is dropped (loadBalancerSourceRanges)",
    );
    expect(f).toMatch(/^load: too few connections to tell \(6 of 15 needed\)$/m);
  });

  test("the detail lists the reasons the headline does not already say", async () => {
    const a = await draw(columns);
    await a.press("j", "j", KEY.enter);
    const f = a.frame();
    const head = headline(f, stale.name);
    expect(head[0]).toMatch(/^✖ stale rules: an endpoint has no usable DNAT target/);
    // most important first (CODE_ORDER), the headline's own reason not repeated
    expect(prose(f)).toContain(
      "Also (2) ▲ stale rules: a jump points to a chain that is not in the dump (kube-proxy may have stopped " +
        "syncing this node, or the dump is partial) ▲ some new connections find no endpoint: the endpoint cascade " +
        "can fall through (its last jump is conditional)",
    );
    expect(f.split("an endpoint has no usable DNAT target").length).toBe(2);
    expect(f).toContain("Findings (3)");
    expectFits(f, columns);
  });

  test("a service without endpoints says connections are refused, and has no skew line", async () => {
    const a = await draw(columns);
    await a.press("G", KEY.enter);
    const f = a.frame();
    expect(headline(f, refused.name)).toEqual(["✖ connections are refused: the service has no ready endpoints"]);
    expect(prose(f)).toContain("Also (1) ▲ stale rules: chains are left over that nothing jumps to");
    expect(f).not.toMatch(/^load:/m);
  });

  test("a problem with the dump itself takes one header line", async () => {
    const dumpFindings = [
      finding("legacy-tables-present", "warning", "rules in both backends", null),
      finding("orphan-chain", "warning", "KUBE-SEP-OLD is not jumped to", null),
    ];
    const a = await draw(columns, { findings: [...SERVICES.flatMap((s) => s.findings), ...dumpFindings] });
    const lines = a.frame().split("\n");
    expect(lines[2]).toMatch(/^▲ split brain: rules exist in both iptables-legacy and iptables-nft/);
    if (columns === 200) expect(lines[2]).toMatch(/ \(\+1 more\)$/);
    expect(lines[4]).toContain("Services 5");
    expect(listed(a.frame())).toHaveLength(5);
    expectFits(a.frame(), columns);
  });

  test("help explains uneven load", async () => {
    const a = await draw(columns);
    await a.press("?", "G");
    const f = a.frame();
    expect(f).toMatch(/^Uneven load\?$/m);
    const text = prose(f);
    expect(text).toContain("iptables balances connections, not requests");
    expect(text).toContain(
      "Long-lived connections (HTTP/2, gRPC, keep-alive pools, database pools) therefore pin load to a few pods",
    );
    expect(text).toContain("skewed when p < 0.001");
    expectFits(f, columns);
  });
});
