// Throwaway network namespaces for kernel tests. Every iptables call goes through `ip netns exec <ns>` on a
// namespace this process created: the host's own tables are never touched.

import { spawnSync } from "node:child_process";
import { execa, type Result } from "execa";
import { afterAll, beforeAll } from "vitest";

export type Family = 4 | 6;

const NAME = /^knt-[a-z0-9-]{1,40}$/;
const created = new Set<string>();
let counter = 0;
let exitHookInstalled = false;

function ownNamespace(ns: string): string {
  if (!NAME.test(ns) || !created.has(ns))
    throw new Error(`refusing to use network namespace ${ns}: not created by this test`);
  return ns;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when afterAll never ran (crash, killed worker): drop whatever is left.
  process.on("exit", () => {
    for (const ns of created) spawnSync("ip", ["netns", "del", ns], { stdio: "ignore" });
  });
}

/** Creates a uniquely named namespace (`<prefix><pid>-<n>`) with loopback up; returns its name. */
export async function createNetns(prefix = "knt-test-"): Promise<string> {
  const ns = `${prefix}${process.pid}-${counter++}`;
  if (!NAME.test(ns)) throw new Error(`bad namespace name ${ns}`);
  installExitHook();
  await execa("ip", ["netns", "add", ns], { timeout: 30_000 });
  created.add(ns);
  await execa("ip", ["-n", ns, "link", "set", "lo", "up"], { timeout: 30_000 });
  return ns;
}

/** Deletes a namespace this process created; a second call is a no-op. */
export async function remove(ns: string): Promise<void> {
  if (!created.has(ns)) return;
  const result = await execa("ip", ["netns", "del", ns], { reject: false, timeout: 30_000 });
  if (result.exitCode !== 0 && !/No such file/.test(String(result.stderr))) {
    throw new Error(`ip netns del ${ns} failed: ${result.stderr}`);
  }
  created.delete(ns);
}

/** Runs argv inside the namespace (`ip netns exec ns …`); never rejects, the caller reads exitCode. */
export async function exec(ns: string, argv: readonly string[], input?: string): Promise<Result> {
  return execa("ip", ["netns", "exec", ownNamespace(ns), ...argv], {
    reject: false,
    timeout: 120_000,
    maxBuffer: 512 * 1024 * 1024,
    stripFinalNewline: false,
    ...(input === undefined ? {} : { input }),
  });
}

/** Loads restore text with `iptables-restore` (or `ip6tables-restore`); throws with the offending line on failure. */
export async function restore(
  ns: string,
  text: string,
  options: { family?: Family; noflush?: boolean } = {},
): Promise<void> {
  const tool = options.family === 6 ? "ip6tables-restore" : "iptables-restore";
  const result = await exec(ns, [tool, ...(options.noflush ? ["--noflush"] : [])], text);
  if (result.exitCode === 0) return;
  const stderr = String(result.stderr);
  const lineNo = /line:? (\d+)/i.exec(stderr)?.[1];
  const line = lineNo ? `\n  line ${lineNo}: ${text.split("\n")[Number(lineNo) - 1] ?? "?"}` : "";
  throw new Error(`${tool} in ${ns} failed (exit ${result.exitCode}): ${stderr.trim()}${line}`);
}

/** Reads the tables back with `iptables-save` (`-c` unless counters is false), optionally one table. */
export async function save(
  ns: string,
  options: { family?: Family; counters?: boolean; table?: string } = {},
): Promise<string> {
  const tool = options.family === 6 ? "ip6tables-save" : "iptables-save";
  const argv = [tool, ...(options.counters === false ? [] : ["-c"]), ...(options.table ? ["-t", options.table] : [])];
  const result = await exec(ns, argv);
  if (result.exitCode !== 0)
    throw new Error(`${tool} in ${ns} failed (exit ${result.exitCode}): ${String(result.stderr).trim()}`);
  return String(result.stdout);
}

/** A namespace for the enclosing describe: created in beforeAll, removed in afterAll (even when tests fail). */
export function withNetns(prefix = "knt-test-"): { readonly name: string } {
  let name: string | null = null;
  beforeAll(async () => {
    name = await createNetns(prefix);
  });
  afterAll(async () => {
    if (name !== null) await remove(name);
  });
  return {
    get name(): string {
      if (name === null) throw new Error("withNetns: the namespace exists only inside tests (after beforeAll)");
      return name;
    },
  };
}
