// End to end on a real kernel and a real terminal: kube-proxy-shaped loopback rules in a namespace, real TCP
// connections at a known rate, kube-nat-top running live inside the namespace under tmux, its screen read back
// and checked against the kernel's own DNAT counters and what the listeners accepted.

import { afterAll, beforeAll, expect, it } from "vitest";
import type { GeneratedRuleSet } from "../../src/gen/index.ts";
import {
  builtCli,
  type DnatCounter,
  IDLE,
  type Listeners,
  loadLoopbackCluster,
  readDnatCounters,
  startListeners,
  startTraffic,
  stopHelpers,
  type Traffic,
  WEB,
} from "../support/e2e-cluster.ts";
import { detailScreen, listRows } from "../support/e2e-screen.ts";
import { describeKernelTmux, shellQuote, TmuxSession } from "../support/e2e-tmux.ts";
import { createNetns, remove } from "../support/netns.ts";

const RATE = 20; // new connections per second, at most
// The traffic stops when the detail has been checked, or after this: well inside the 30-sample window of
// observed shares at --interval 1, so the final window holds every connection.
const MAX_SECONDS = 25;

describeKernelTmux("e2e: kube-nat-top live in a namespace, read from a tmux screen", () => {
  let ns: string | null = null;
  let rules: GeneratedRuleSet;
  let listeners: Listeners;
  let tmux: TmuxSession | null = null;
  let traffic: Traffic | null = null;

  const webRules = () => rules.services.find((s) => s.name === WEB.name)!;
  const sum = (counters: Map<string, DnatCounter>) =>
    WEB.endpoints.reduce((n, a) => n + (counters.get(a)?.packets ?? 0), 0);

  beforeAll(async () => {
    const cli = builtCli();
    ns = await createNetns("knt-e2e-");
    rules = await loadLoopbackCluster(ns);
    listeners = await startListeners(ns, WEB.endpoints, 180);
    const argv = ["ip", "netns", "exec", ns, process.execPath, cli, "--local", "--interval", "1"];
    // The shell stays after the program so its exit status can be read off the screen.
    tmux = await TmuxSession.start(`${argv.map(shellQuote).join(" ")}; echo EXIT=$?; sleep 60`, 200, 50);
  });

  afterAll(async () => {
    await tmux?.kill();
    stopHelpers();
    await traffic?.stop().catch(() => {});
    if (ns !== null) await remove(ns);
  });

  it("lists the idle services with a measured 0 conn/s before any traffic", async () => {
    const { value: rows } = await tmux!.waitFor(
      "the services list with a first measured rate",
      (screen) => {
        const rows = listRows(screen);
        return rows?.find((r) => r.name === WEB.name)?.rate === 0 && rows;
      },
      45_000,
    );
    expect(rows.map((r) => r.name).sort()).toEqual(rules.services.map((s) => s.name).sort());
    expect(rows.find((r) => r.name === WEB.name)).toMatchObject({ vip: `${WEB.vip}:${WEB.port}`, endpoints: 3 });
    expect(rows.find((r) => r.name === IDLE.name)?.rate).toBe(0);
    expect(sum(await readDnatCounters(ns!))).toBe(0);
  });

  it("puts the service with traffic at the top with about the rate it gets", async () => {
    traffic = startTraffic(ns!, WEB.vip, WEB.port, RATE, MAX_SECONDS);
    const { screen, value: rows } = await tmux!.waitFor(
      `${WEB.name} at ≥ ${RATE / 2} conn/s`,
      (s) => {
        const rows = listRows(s);
        return (rows?.find((r) => r.name === WEB.name)?.rate ?? 0) >= RATE / 2 && rows;
      },
      20_000,
    );
    expect(rows[0]?.name, screen).toBe(WEB.name);
    expect(rows.find((r) => r.name === IDLE.name)?.rate, screen).toBe(0);
    // The first reading may cover part of an interval; watch a few full ones: on top, never above the pace.
    const until = Date.now() + 2_500;
    while (Date.now() < until) {
      const later = await tmux!.capture();
      const top = listRows(later)?.[0];
      expect(top?.name, later).toBe(WEB.name);
      expect(top!.rate!, later).toBeLessThanOrEqual(RATE * 1.5);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  it("opens the detail with every endpoint, totals no ahead of the kernel's counters", async () => {
    await tmux!.keys("Enter");
    const { screen, value: detail } = await tmux!.waitFor(
      `the detail of ${WEB.name} with traffic counted on every endpoint`,
      (s) => {
        const d = detailScreen(s, WEB.name);
        if (d === null || d.endpoints.length !== 3) return null;
        return d.endpoints.every((e) => e.observed !== null && (e.total ?? 0) > 0) && d;
      },
    );
    const kernel = await readDnatCounters(ns!);
    expect(detail.endpoints.map((e) => e.address).sort(), screen).toEqual([...WEB.endpoints].sort());
    for (const row of detail.endpoints) {
      const expected = webRules().endpoints.find((e) => e.address === row.address)!;
      expect(expected.chain!.startsWith(row.chain.replace(/…$/, "")), screen).toBe(true);
      expect(row.configured, screen).toBe(33.3);
      // Counters only grow: the screen can lag the kernel, never lead it.
      expect(row.total!, screen).toBeLessThanOrEqual(kernel.get(row.address)!.packets);
    }
    const observedSum = detail.endpoints.reduce((n, e) => n + e.observed!, 0);
    expect(Math.abs(observedSum - 100), screen).toBeLessThanOrEqual(0.2);
  });

  it("settles on the kernel's counters once the traffic stops: totals, window, observed shares", async () => {
    const result = await traffic!.stop();
    expect(result.failed).toBe(0);
    expect(result.ok).toBeGreaterThan(0);
    const kernel = await readDnatCounters(ns!);
    // Every connection went through one DNAT rule, to the endpoint that accepted it.
    expect(sum(kernel)).toBe(result.ok);
    const accepted = listeners.accepts();
    for (const a of WEB.endpoints) expect(accepted.get(a) ?? 0, a).toBe(kernel.get(a)!.packets);

    const { screen, value: detail } = await tmux!.waitFor(
      "the detail at the final counters and 0 conn/s",
      (s) => {
        const d = detailScreen(s, WEB.name);
        const settled = d?.rate === 0 && d.endpoints.every((e) => e.total === kernel.get(e.address)?.packets);
        return settled && d.endpoints.length === 3 && d;
      },
      10_000,
    );
    // Counters were 0 when the program started, so its window holds every connection.
    expect(detail.total, screen).toBe(result.ok);
    expect(detail.window, screen).toBe(result.ok);
    for (const row of detail.endpoints) {
      const share = (100 * kernel.get(row.address)!.packets) / result.ok;
      expect(Math.abs(row.observed! - share), `${row.address}\n${screen}`).toBeLessThanOrEqual(0.051);
      expect(row.rate, screen).toBe(0);
    }
  });

  it("goes back with Esc and quits with q, exit status 0", async () => {
    await tmux!.keys("Escape");
    await tmux!.waitFor("the services list again", (s) => listRows(s)?.some((r) => r.name === WEB.name));
    await tmux!.keys("q");
    const { screen, value } = await tmux!.waitFor("the exit status", (s) => /^EXIT=(\d+)$/m.exec(s)?.[1]);
    expect(value, screen).toBe("0");
    expect(listRows(screen), "the UI is gone from the screen").toBeNull();
  });
});
