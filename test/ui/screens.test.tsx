import { afterEach, describe, expect, test } from "vitest";
import { finding, sample, stats, topology } from "./helpers/builders.ts";
import { cluster } from "./helpers/cluster.ts";
import { KEY, NOW, type Rendered, renderApp } from "./helpers/render.tsx";

let r: Rendered | undefined;
afterEach(() => r?.unmount());

const ROWS = 30;

/** Renders at a width with the small cluster applied one second ago. */
async function withCluster(columns: number): Promise<Rendered> {
  r = await renderApp({ columns, rows: ROWS });
  const { topology: t, stats: s } = cluster();
  r.store.applySample(sample(t, s, NOW - 1000, ["reading iptables-nft: kube-proxy's rules are there"]));
  await r.press();
  return r;
}

/** Every line fits the width and the frame fits the height. */
function expectFits(frame: string, columns: number, rows = ROWS): void {
  const lines = frame.split("\n");
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(columns);
}

describe.each([80, 200])("at %i columns", (columns) => {
  test("the services list shows the header, every service sorted by rate, and the key hints", async () => {
    const app = await withCluster(columns);
    const f = app.frame();
    expect(f).toContain("kube-nat-top · demo · nf_tables · kube-proxy ≥1.24");
    expect(f).toContain("6 services · 9 endpoints · 96 rules · every 2s · poll 85 ms, 1s ago");
    expect(f).toContain("reading iptables-nft");
    expect(f).toContain("sorted by rate");
    expect(f).toContain("CONN/S");
    const order = [
      "kube-dns:dns",
      "hello-world:http",
      "frontend:web",
      "kubernetes:https",
      "checkout:https",
      "payments:grpc",
    ];
    const at = order.map((n) => f.indexOf(n));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(f).toMatch(/› kube-system\/kube-dns:dns/);
    expect(f).toContain("40.0");
    // verdict markers: the refused service, the uneven one, the healthy ones
    const row = (name: string) => f.split("\n").find((l) => l.includes(name)) ?? "";
    expect(row("payments:grpc")).toMatch(/ ✖1\s*$/);
    expect(row("hello-world:http")).toMatch(/ ▲1\s*$/);
    for (const ok of ["kube-dns:dns", "frontend:web", "kubernetes:https", "checkout:https"]) {
      expect(row(ok)).toMatch(/ ✓\s*$/);
    }
    expect(f).toContain("s sort");
    if (columns === 200) expect(f).toContain("10.96.0.10:53/udp");
    expectFits(f, columns);
    expect(f).toMatchSnapshot();
  });

  test("a service without a rate shows a dash, not zero", async () => {
    const app = await withCluster(columns);
    const line = app
      .frame()
      .split("\n")
      .find((l) => l.includes("shop/checkout:https"));
    expect(line).toMatch(/ — /);
    expect(line).not.toMatch(/ 0\.00 /);
  });

  test("the detail shows the verdict, each endpoint's shares, rates and totals, the chain path and findings", async () => {
    const app = await withCluster(columns);
    await app.press(KEY.down, KEY.enter);
    const f = app.frame();
    expect(f).toContain("default/hello-world:http · ClusterIP · 10.96.12.34:8080\n▲ load is uneven:");
    expect(f).toMatch(/^load: skewed \(p = \S+\) over 340 connections · \? explains$/m);
    expect(f).toContain("path KUBE-SERVICES → KUBE-SVC-HELLO → KUBE-SEP-… (3)");
    expect(f).toContain("conn/s 12.5");
    expect(f).toContain("window 340 · total 3800 · 3 endpoints");
    for (const addr of ["10.244.0.10:8080", "10.244.1.11:8080", "10.244.2.12:8080"]) expect(f).toContain(addr);
    expect(f).toContain("33.3%");
    expect(f).toContain("46.0%");
    expect(f).toContain("1500");
    expect(f).toContain("Findings (0)");
    if (columns === 200) expect(f).toContain("KUBE-SEP-HELLO2");
    expectFits(f, columns);
    expect(f).toMatchSnapshot();
  });

  test("the detail of a service with findings lists them with their severity", async () => {
    const app = await withCluster(columns);
    await app.press("G", KEY.enter);
    const f = app.frame();
    expect(f).toContain("shop/payments:grpc · ClusterIP · 10.96.202.9:9000\n✖ connections are refused");
    expect(f).toContain("no endpoints in this dump");
    expect(f).toContain("✖ error no-endpoints: connections are refused");
    expect(f).toMatchSnapshot();
  });

  test("the tree shows service → chains → endpoints with shares and counters", async () => {
    const app = await withCluster(columns);
    await app.press("t");
    const f = app.frame();
    expect(f).toContain("kube-system/kube-dns:dns");
    expect(f).toContain("└─ KUBE-SVC-TCOU7JCQXEZGVUNU");
    expect(f).toContain("├─ KUBE-SEP-DNS0 → 10.244.0.10:8080  cfg 50.0%");
    expect(f).toContain("└─ KUBE-SVL-SHOP");
    expectFits(f, columns);
    expect(f).toMatchSnapshot();
  });

  test("help lists the keys", async () => {
    const app = await withCluster(columns);
    await app.press("?");
    const f = app.frame();
    expect(f).toContain("Keys (Esc or ? closes this help)");
    expect(f).toContain("cycle the sort: rate, name, endpoints, findings");
    expectFits(f, columns);
    expect(f).toMatchSnapshot();
  });

  test("before the first sample it says what it is waiting for", async () => {
    r = await renderApp({ columns, rows: ROWS });
    const f = r.frame();
    expect(f).toContain("waiting for the first dump from demo…");
    expect(f).toMatchSnapshot();
  });

  test("a failing source with nothing read yet shows the error in red terms and keeps running", async () => {
    r = await renderApp({ columns, rows: ROWS });
    r.store.applyError({ message: "iptables-save: Permission denied (you must be root)", at: NOW - 3000 });
    await r.press();
    const f = r.frame();
    expect(f).toContain("✖ poll failed 3s ago: iptables-save: Permission denied");
    expect(f).toContain("Cannot read kube-proxy's rules: iptables-save: Permission denied");
    expect(f).toContain("retrying every 2s");
    expect(r.quits()).toBe(0);
    expect(f).toMatchSnapshot();
  });

  test("an error after good samples keeps the last good data on screen", async () => {
    const app = await withCluster(columns);
    app.store.applyError({ message: "ssh: connection reset", at: NOW });
    await app.press();
    const f = app.frame();
    expect(f).toContain("✖ poll failed 0s ago: ssh: connection reset");
    expect(f).toContain("kube-system/kube-dns:dns");
    expect(f).toContain("poll 85 ms, 1s ago");
    expect(f).toMatchSnapshot();
  });

  test("a dump without kube-proxy rules says why", async () => {
    r = await renderApp({ columns, rows: ROWS });
    const empty = topology([], {
      findings: [finding("ipvs-mode", "warning", "kube-proxy runs in IPVS mode: KUBE-SERVICES matches ipsets", null)],
      era: null,
    });
    r.store.applySample(
      sample(
        empty,
        stats([], () => undefined),
        NOW - 1000,
      ),
    );
    await r.press();
    const f = r.frame();
    expect(f).toContain("no kube-proxy rules found");
    expect(f).toContain("kube-proxy runs in IPVS mode");
    expect(f).toContain("0 services · 0 endpoints");
    expect(f.split("\n")[2]).toMatch(/^▲ kube-proxy runs in IPVS mode here: services live in IPVS/);
    expect(f).toMatchSnapshot();
  });

  test("paused shows a PAUSED marker and says when new data is waiting", async () => {
    const app = await withCluster(columns);
    await app.press("p");
    expect(app.frame()).toContain(" PAUSED ");
    const { topology: t, stats: s } = cluster();
    app.store.applySample(sample(t, s, NOW));
    await app.press();
    const f = app.frame();
    expect(f).toContain("PAUSED · new data waiting");
    expect(f).toMatchSnapshot();
  });
});
