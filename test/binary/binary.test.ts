// The standalone binary (`npm run build:binary`): built once here into a temporary folder, then run with a PATH that
// holds no `node` at all: on a dump file, on the demo (one-shot, recorded and replayed, and live under tmux), and
// inside a network namespace on real kube-proxy rules with known counters.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topologyOf } from "../../src/app/pipeline.ts";
import { type GeneratedRuleSet, generateRuleSet, type ServiceSpec } from "../../src/gen/index.ts";
import { VERSION } from "../../src/version.ts";
import { describeKernelTmux, shellQuote, TmuxSession } from "../support/e2e-tmux.ts";
import { describeKernel } from "../support/kernel.ts";
import { createNetns, exec, remove } from "../support/netns.ts";
import { dumpPath, projectRoot } from "../support/paths.ts";

const work = mkdtempSync(join(tmpdir(), "knt-binary-"));
const out = join(work, "build");
const binary = join(out, `kube-nat-top-${process.platform}-${process.arch}`);
/** A PATH with the iptables tools the binary may run and nothing else: no node. */
const nodeless = join(work, "path");
const TOOLS = ["iptables-save", "iptables-legacy-save", "iptables-nft-save", "ip6tables-save"];

beforeAll(async () => {
  const built = await execa(process.execPath, [join(projectRoot, "scripts", "build-binary.mjs"), "--out", out], {
    cwd: projectRoot,
    reject: false,
    timeout: 300_000,
  });
  if (built.exitCode !== 0) throw new Error(`npm run build:binary failed:\n${built.stdout}\n${built.stderr}`);
  mkdirSync(nodeless);
  for (const tool of TOOLS) {
    const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
    if (found) symlinkSync(found, join(nodeless, tool));
  }
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the binary with only the node-less PATH in its environment. */
function runBinary(args: readonly string[], prefix: readonly string[] = []) {
  const [file, ...rest] = [...prefix, binary, ...args];
  return execa(file!, rest, {
    reject: false,
    extendEnv: false,
    env: { PATH: nodeless, NO_COLOR: "1" },
    stdin: "ignore",
    timeout: 60_000,
  });
}

interface JsonDoc {
  services: { name: string; endpoints: { address: string; chain: string | null; packets: number | null }[] }[];
  sampling?: { samples: number };
}

describe("the standalone binary, where there is no node", () => {
  it("was built as one executable file, and its PATH finds no node", () => {
    expect(existsSync(binary)).toBe(true);
    const which = spawnSync("/bin/sh", ["-c", "command -v node nodejs"], { env: { PATH: nodeless } });
    expect(which.status).not.toBe(0);
  });

  it("prints its version, and a help that fits 80 columns", async () => {
    const version = await runBinary(["--version"]);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toBe(VERSION);
    const help = await runBinary(["--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("--replay <file>");
    expect(help.stdout.split("\n").filter((l) => [...l].length > 80)).toEqual([]);
  });

  it("reads a dump file and prints the JSON with every service of it", async () => {
    const file = dumpPath("canonical-v1.32-ipv4.txt");
    const r = await runBinary(["--file", file, "--output", "json"]);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonDoc;
    const expected = topologyOf(readFileSync(file, "utf8")).services.map((s) => s.name);
    expect(expected.length).toBeGreaterThan(3);
    expect(doc.services.map((s) => s.name)).toEqual(expected);
  });

  it("records the demo and replays the recording to the same rates", async () => {
    const recording = join(work, "demo.knt.gz");
    const live = await runBinary(["--demo", "--once", "-n", "3", "-d", "0.3", "-o", "json", "--record", recording]);
    expect(live.exitCode, live.stderr).toBe(0);
    const replay = await runBinary(["--replay", recording, "--output", "json"]);
    expect(replay.exitCode, replay.stderr).toBe(0);
    expect(replay.stdout).toBe(live.stdout);
    expect((JSON.parse(replay.stdout) as JsonDoc).sampling?.samples).toBe(3);
  });
});

describeKernelTmux("the standalone binary's live view on a terminal", () => {
  let session: TmuxSession | null = null;
  afterAll(async () => {
    await session?.kill();
  });

  it("draws the demo, opens a service's detail, and quits with q", async () => {
    const env = `env -i PATH=${shellQuote(nodeless)} TERM=xterm-256color LANG=C.UTF-8`;
    session = await TmuxSession.start(
      `${env} ${shellQuote(binary)} --demo --interval 1; echo "exit=$?"; sleep 60`,
      120,
      30,
    );
    await session.waitFor("the demo's list", (s) => s.includes("kube-nat-top · demo") && s.includes("kube-dns:dns"));
    await session.keys("Enter");
    await session.waitFor("a detail screen", (s) => /10\.244\.\d+\.\d+:\d+/.test(s));
    await session.keys("q");
    const { screen } = await session.waitFor("the exit status", (s) => /exit=\d+/.exec(s)?.[0]);
    expect(screen).toContain("exit=0");
  }, 60_000);
});

const ep = (ip: string) => ({ ip, port: 8080, local: false, ready: true });
const SERVICES: ServiceSpec[] = [
  {
    namespace: "default",
    name: "web",
    clusterIP: "10.96.0.20",
    ports: [{ name: "http", port: 80, protocol: "tcp" }],
    endpoints: [ep("10.244.0.5"), ep("10.244.0.6"), ep("10.244.0.7")],
  },
  {
    namespace: "kube-system",
    name: "kube-dns",
    clusterIP: "10.96.0.10",
    ports: [{ name: "dns", port: 53, protocol: "udp" }],
    endpoints: [ep("10.244.1.2")],
  },
  {
    namespace: "default",
    name: "empty",
    clusterIP: "10.96.0.30",
    ports: [{ name: "", port: 80, protocol: "tcp" }],
    endpoints: [],
  },
];

describeKernel("the standalone binary on real rules in a network namespace", () => {
  let ns: string | null = null;
  let rules: GeneratedRuleSet;
  const packets = new Map<string, number>(); // by SEP chain: the counter loaded with the rules

  beforeAll(async () => {
    ns = await createNetns("knt-bin-");
    rules = generateRuleSet(SERVICES, { era: "v1.32", hooks: true });
    let n = 0;
    const text = rules.text.replace(/^-A (KUBE-SEP-\w+) .*-j DNAT .*$/gm, (line, chain: string) => {
      n += 7;
      packets.set(chain, n);
      return `[${n}:${n * 60}] ${line}`;
    });
    const loaded = await exec(ns, ["iptables-restore", "--counters"], text);
    if (loaded.exitCode !== 0) throw new Error(`iptables-restore --counters failed: ${loaded.stderr}`);
  }, 60_000);

  afterAll(async () => {
    if (ns !== null) await remove(ns);
  });

  it("--once prints every service and endpoint with the kernel's counters", async () => {
    const ip = spawnSync("sh", ["-c", "command -v ip"], { encoding: "utf8" }).stdout.trim();
    const r = await runBinary(["--local", "--once", "--output", "json"], [ip, "netns", "exec", ns!]);
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonDoc;
    expect(doc.services.map((s) => s.name).sort()).toEqual(rules.services.map((s) => s.name).sort());
    expect(packets.size).toBe(4);
    for (const expected of rules.services) {
      const service = doc.services.find((s) => s.name === expected.name)!;
      const shown = service.endpoints.map((e) => ({ address: e.address, chain: e.chain, packets: e.packets }));
      const wanted = expected.endpoints.map((e) => ({
        address: e.address,
        chain: e.chain,
        packets: packets.get(e.chain!),
      }));
      expect(shown, expected.name).toEqual(wanted);
    }
  });
});
