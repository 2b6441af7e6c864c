// End to end on a real kernel, non-interactive: `kube-nat-top --once --count 3 --interval 1 --output json` inside
// a namespace while real TCP connections flow to a loopback service; its rates and observed shares are checked
// against the kernel's DNAT counters read with `iptables-save -c` in the same namespace just before and after.

import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { GeneratedRuleSet } from "../../src/gen/index.ts";
import {
  builtCli,
  type DnatCounter,
  eventually,
  IDLE,
  type Listeners,
  loadLoopbackCluster,
  NO_ENDPOINTS,
  readDnatCounters,
  startListeners,
  startTraffic,
  stopHelpers,
  type Traffic,
  WEB,
} from "../support/e2e-cluster.ts";
import { describeKernel } from "../support/kernel.ts";
import { createNetns, remove } from "../support/netns.ts";

const RATE = 20; // new connections per second, at most
const MAX_SECONDS = 90; // the traffic is stopped once the program has run

interface JsonEndpoint {
  address: string;
  chain: string;
  probability: number;
  packets: number | null;
  rate: number | null;
  observedShare: number | null;
  windowCount: number | null;
}
interface JsonService {
  name: string;
  clusterIP: string;
  port: number;
  rate: number | null;
  endpoints: JsonEndpoint[];
}
interface JsonDoc {
  services: JsonService[];
  sampling: { samples: number; elapsedSeconds: number | null };
}

describeKernel("e2e: kube-nat-top --once --count 3 --output json in a namespace with live traffic", () => {
  let ns: string | null = null;
  let rules: GeneratedRuleSet;
  let listeners: Listeners;
  let traffic: Traffic | null = null;
  let before = new Map<string, DnatCounter>();
  let after = new Map<string, DnatCounter>();
  let doc: JsonDoc;
  let stderr = "";

  const total = (counters: Map<string, DnatCounter>) =>
    WEB.endpoints.reduce((n, a) => n + (counters.get(a)?.packets ?? 0), 0);
  const service = (name: string) => doc.services.find((s) => s.name === name);

  beforeAll(async () => {
    const cli = builtCli();
    ns = await createNetns("knt-e2e-");
    rules = await loadLoopbackCluster(ns);
    listeners = await startListeners(ns, WEB.endpoints, 120);
    traffic = startTraffic(ns, WEB.vip, WEB.port, RATE, MAX_SECONDS);
    // Sample only once traffic is flowing: every counter has then moved at least once before the first sample.
    before = await eventually(
      "traffic on every endpoint",
      async () => {
        const counters = await readDnatCounters(ns!);
        return WEB.endpoints.every((a) => (counters.get(a)?.packets ?? 0) > 0) && counters;
      },
      20_000,
    );
    const argv = [process.execPath, cli, "--local", "--once", "--count", "3", "--interval", "1", "--output", "json"];
    const r = await execa("ip", ["netns", "exec", ns, ...argv], { reject: false, timeout: 60_000, stdin: "ignore" });
    after = await readDnatCounters(ns);
    stderr = String(r.stderr);
    if (r.exitCode !== 0) throw new Error(`kube-nat-top exited ${r.exitCode}: ${stderr}`);
    doc = JSON.parse(String(r.stdout)) as JsonDoc;
  }, 120_000);

  afterAll(async () => {
    stopHelpers();
    await traffic?.stop().catch(() => {});
    if (ns !== null) await remove(ns);
  });

  it("took three samples and lists every service of the namespace's rules", () => {
    expect(doc.sampling.samples).toBe(3);
    expect(doc.sampling.elapsedSeconds).toBeGreaterThan(0.5);
    expect(doc.services.map((s) => s.name).sort()).toEqual(rules.services.map((s) => s.name).sort());
    expect(service(NO_ENDPOINTS.name)?.endpoints).toEqual([]);
  });

  it("reports a non-zero rate for the service with traffic, about the rate it gets", () => {
    const web = service(WEB.name)!;
    expect(web).toMatchObject({ clusterIP: WEB.vip, port: WEB.port });
    // Paced at RATE at most; a loaded machine may fall behind, never ahead.
    expect(web.rate, stderr).toBeGreaterThanOrEqual(RATE / 4);
    expect(web.rate).toBeLessThanOrEqual(RATE * 1.5);
    for (const e of web.endpoints) {
      expect(e.rate, e.address).toBeGreaterThanOrEqual(0);
      expect(e.windowCount, e.address).toBeGreaterThanOrEqual(0);
    }
    const perEndpoint = web.endpoints.reduce((n, e) => n + e.rate!, 0);
    expect(Math.abs(perEndpoint - web.rate!)).toBeLessThan(1e-9);
  });

  it("reports the idle service at 0 conn/s with no observed share (nothing to share)", () => {
    const idle = service(IDLE.name)!;
    expect(idle.rate).toBe(0);
    for (const e of idle.endpoints)
      expect(e).toMatchObject({ packets: 0, rate: 0, windowCount: 0, observedShare: null });
  });

  it("reads each endpoint's counter between the kernel's counters before and after, and shares by that window", () => {
    const web = service(WEB.name)!;
    const expected = rules.services.find((s) => s.name === WEB.name)!;
    expect(web.endpoints.map((e) => e.address).sort()).toEqual([...WEB.endpoints].sort());
    const windowTotal = web.endpoints.reduce((n, e) => n + e.windowCount!, 0);
    for (const e of web.endpoints) {
      const kernelBefore = before.get(e.address)!;
      const kernelAfter = after.get(e.address)!;
      expect(e.chain, e.address).toBe(kernelBefore.chain);
      expect(e.chain, e.address).toBe(expected.endpoints.find((x) => x.address === e.address)?.chain);
      expect(e.probability, e.address).toBeCloseTo(1 / 3, 6);
      // The last sample's counter, and the first one's (last minus the window), lie inside the kernel's bracket.
      expect(e.packets!, e.address).toBeLessThanOrEqual(kernelAfter.packets);
      expect(e.packets! - e.windowCount!, e.address).toBeGreaterThanOrEqual(kernelBefore.packets);
      expect(e.observedShare!, e.address).toBeCloseTo(e.windowCount! / windowTotal, 9);
    }
    // Two intervals of the connections the kernel counted between the two reads.
    expect(windowTotal).toBeGreaterThan(0);
    expect(windowTotal).toBeLessThanOrEqual(total(after) - total(before));
  });

  it("saw connections the kernel and the listeners agree on, once the traffic is over", async () => {
    const result = await traffic!.stop();
    expect(result.failed).toBe(0);
    const final = await readDnatCounters(ns!);
    expect(total(final)).toBe(result.ok);
    const accepted = listeners.accepts();
    for (const a of WEB.endpoints) expect(accepted.get(a) ?? 0, a).toBe(final.get(a)!.packets);
  }, 30_000);
});
