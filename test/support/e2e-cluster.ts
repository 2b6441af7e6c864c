// A loopback "cluster" in a test namespace for end-to-end runs: kube-proxy rules whose cluster IP and endpoints are
// 127.x addresses, listeners on the endpoints, a traffic generator, and the kernel's own DNAT counters.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { execa, type ResultPromise } from "execa";
import { type GeneratedRuleSet, generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { restore, save } from "./netns.ts";
import { binPath, projectRoot } from "./paths.ts";

const here = join(projectRoot, "test", "support");
const ep = (ip: string, port: number) => ({ ip, port, local: false, ready: true });

/** The service that gets traffic: a loopback cluster IP in front of three loopback endpoints. */
export const WEB = {
  name: "zz-e2e/web:http",
  vip: "127.0.100.10",
  port: 80,
  endpoints: ["127.0.1.1:8080", "127.0.1.2:8080", "127.0.1.3:8080"],
} as const;

/** An idle service (never connected to: its addresses may be anything) and one without endpoints. */
export const IDLE = { name: "default/idle:http", vip: "10.96.0.20" } as const;
export const NO_ENDPOINTS = { name: "default/no-eps:http", vip: "10.96.0.30" } as const;

// Names sort WEB last, so it can only reach the top of the list by its rate.
const SERVICES: ServiceSpec[] = [
  {
    namespace: "zz-e2e",
    name: "web",
    ports: [{ name: "http", protocol: "tcp", port: WEB.port }],
    clusterIP: WEB.vip,
    endpoints: WEB.endpoints.map((a) => ep(a.split(":")[0]!, Number(a.split(":")[1]))),
  },
  {
    namespace: "default",
    name: "idle",
    ports: [{ name: "http", protocol: "tcp", port: 80 }],
    clusterIP: IDLE.vip,
    endpoints: [ep("10.244.0.1", 8080), ep("10.244.0.2", 8080)],
  },
  {
    namespace: "default",
    name: "no-eps",
    ports: [{ name: "http", protocol: "tcp", port: 80 }],
    clusterIP: NO_ENDPOINTS.vip,
    endpoints: [],
  },
];

/** The built CLI; throws with the fix when dist/ is missing (the bin imports dist/cli.js). */
export function builtCli(): string {
  if (!existsSync(join(projectRoot, "dist", "cli.js")))
    throw new Error("dist/cli.js is missing: run `npm run build` before the end-to-end tests");
  return binPath;
}

/**
 * Loads the rules into the namespace: hooks from nat OUTPUT (connections made inside the namespace) and a cluster
 * CIDR of 127.0.0.0/8, so loopback clients are not masqueraded. Returns what the generator says it wrote.
 */
export async function loadLoopbackCluster(ns: string): Promise<GeneratedRuleSet> {
  const set = generateRuleSet(SERVICES, { era: "v1.32", hooks: true, clusterCIDR: "127.0.0.0/8" });
  await restore(ns, set.text);
  const nat = await save(ns, { table: "nat", counters: false });
  if (!/^-A OUTPUT .*-j KUBE-SERVICES$/m.test(nat)) throw new Error(`nat OUTPUT does not reach KUBE-SERVICES:\n${nat}`);
  return set;
}

const running = new Set<ResultPromise>();

function spawnIn(ns: string, script: string, args: readonly (string | number)[], timeoutMs: number): ResultPromise {
  const child = execa("ip", ["netns", "exec", ns, process.execPath, join(here, script), ...args.map(String)], {
    reject: false,
    timeout: timeoutMs,
    stdin: "ignore",
  });
  running.add(child);
  void child.finally(() => running.delete(child));
  return child;
}

/** Stops every helper process this file started that is still running (by its own pid). */
export function stopHelpers(): void {
  for (const child of running) child.kill("SIGKILL");
}

export interface Listeners {
  /** Connections accepted so far, by the address they reached. */
  accepts(): Map<string, number>;
}

/** Starts TCP listeners (accept, close) on `addresses` inside the namespace; resolves once all are bound. */
export async function startListeners(ns: string, addresses: readonly string[], maxSeconds: number): Promise<Listeners> {
  const args = [maxSeconds, ...addresses.flatMap((a) => a.split(":"))];
  const child = spawnIn(ns, "e2e-listen.mjs", args, (maxSeconds + 5) * 1000);
  const counts = new Map<string, number>();
  let pending = "";
  let ready: () => void = () => {};
  const listening = new Promise<void>((resolve) => {
    ready = resolve;
  });
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "LISTENING") ready();
      const accepted = /^ACCEPT (\S+)$/.exec(line)?.[1];
      if (accepted) counts.set(accepted, (counts.get(accepted) ?? 0) + 1);
    }
  });
  const outcome = await Promise.race([
    listening.then(() => "ok" as const),
    child.then((r) => `listeners exited (${r.exitCode}): ${r.stderr}`),
    new Promise<string>((resolve) => setTimeout(() => resolve("listeners not ready after 10 s"), 10_000).unref()),
  ]);
  if (outcome !== "ok") {
    child.kill("SIGKILL");
    throw new Error(outcome);
  }
  return { accepts: () => new Map(counts) };
}

export interface TrafficResult {
  readonly ok: number;
  readonly failed: number;
}

export interface Traffic {
  /** Settles when the generator has ended (stopped, or after its maximum time) and every connection has closed. */
  readonly result: Promise<TrafficResult>;
  /** Stops opening connections; resolves with the result. */
  stop(): Promise<TrafficResult>;
}

/** From inside the namespace, opens at most `rate` connections per second to host:port until stopped or `maxSeconds`. */
export function startTraffic(ns: string, host: string, port: number, rate: number, maxSeconds: number): Traffic {
  const child = spawnIn(ns, "e2e-traffic.mjs", [host, port, rate, maxSeconds], (maxSeconds + 15) * 1000);
  const result = child.then((r) => {
    const line = String(r.stdout).trim().split("\n").pop() ?? "";
    if (r.exitCode !== 0 || !line.startsWith("{"))
      throw new Error(`traffic generator failed (exit ${r.exitCode}, ${r.signal ?? "no signal"}): ${r.stderr}`);
    return JSON.parse(line) as TrafficResult;
  });
  result.catch(() => {}); // read by whoever awaits it; never an unhandled rejection
  return {
    result,
    stop() {
      child.kill("SIGTERM");
      return result;
    },
  };
}

export interface DnatCounter {
  readonly chain: string;
  readonly packets: number;
}

/** The packet counter of each KUBE-SEP DNAT rule in `iptables-save -c -t nat` output, by DNAT destination. */
export function dnatCounters(natDump: string): Map<string, DnatCounter> {
  const out = new Map<string, DnatCounter>();
  const rule = /^\[(\d+):\d+\] -A (KUBE-SEP-\w+) .*-j DNAT --to-destination (\S+)/;
  for (const line of natDump.split("\n")) {
    const m = rule.exec(line);
    if (m) out.set(m[3]!, { chain: m[2]!, packets: Number(m[1]) });
  }
  return out;
}

/** Reads the kernel's DNAT counters in the namespace right now. */
export async function readDnatCounters(ns: string): Promise<Map<string, DnatCounter>> {
  return dnatCounters(await save(ns, { table: "nat" }));
}

/** Polls `check` every 100 ms until it returns a value other than null/undefined/false; throws after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  describeLast: () => string = () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeLast()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
