// The benchmark's kernel: one network namespace per run (`knt-bench-<pid>`), rule sets loaded with
// iptables-restore and read back with iptables-save -c inside it. The host's own tables are never touched.

import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { childrenCpuMs } from "./measure.ts";

/** The save/restore pair used as the yardstick. */
export interface Tools {
  readonly save: string;
  readonly restore: string;
  /** "legacy" or "nf_tables", from `iptables-save --version`. */
  readonly backend: string;
}

export type KernelProbe =
  | { readonly ok: true; readonly tools: Tools }
  | { readonly ok: false; readonly reason: string };

const NAME = /^knt-bench-\d+$/;

function has(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

/** The faster pair available: iptables-legacy (one blob from the kernel) over the nf_tables tools when both exist. */
export function pickTools(): Tools | null {
  if (has("iptables-legacy-save") && has("iptables-legacy-restore"))
    return { save: "iptables-legacy-save", restore: "iptables-legacy-restore", backend: "legacy" };
  if (!has("iptables-save") || !has("iptables-restore")) return null;
  const version = spawnSync("iptables-save", ["--version"], { encoding: "utf8" }).stdout ?? "";
  return {
    save: "iptables-save",
    restore: "iptables-restore",
    backend: /nf_tables/.test(version) ? "nf_tables" : "legacy",
  };
}

/** Whether namespaces and iptables can be used here (root, ip, the tools). */
export function probeKernel(): KernelProbe {
  if (process.platform !== "linux") return { ok: false, reason: `not Linux (${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: "not root" };
  if (!has("ip")) return { ok: false, reason: "no `ip` (iproute2)" };
  const tools = pickTools();
  if (!tools) return { ok: false, reason: "no iptables-save/iptables-restore" };
  return { ok: true, tools };
}

/** A namespace this process created; `remove()` is safe to call twice and also runs on exit. */
export class BenchNamespace {
  readonly name = `knt-bench-${process.pid}`;
  private live = false;
  private readonly onExit = (): void => this.remove();

  /** Creates the namespace with loopback up; throws with the tool's message on failure. */
  create(): void {
    if (!NAME.test(this.name)) throw new Error(`bad namespace name ${this.name}`);
    run(["ip", "netns", "add", this.name]);
    this.live = true;
    process.on("exit", this.onExit);
    run(["ip", "-n", this.name, "link", "set", "lo", "up"]);
  }

  /** Deletes the namespace (and every table in it). */
  remove(): void {
    if (!this.live) return;
    this.live = false;
    process.off("exit", this.onExit);
    spawnSync("ip", ["netns", "del", this.name], { stdio: "ignore" });
  }

  /** Replaces the namespace's tables with restore text (tables not named in it are kept). */
  restore(tool: string, text: string): void {
    run(["ip", "netns", "exec", this.owned(), tool], text);
  }

  /** Runs `<tool> -c` with stdout into `file`; wall and children-CPU milliseconds of that one run. */
  timedSave(tool: string, file: string): { wallMs: number; cpuMs: number | null } {
    const fd = openSync(file, "w");
    try {
      const cpu0 = childrenCpuMs();
      const t0 = performance.now();
      const r = spawnSync("ip", ["netns", "exec", this.owned(), tool, "-c"], {
        stdio: ["ignore", fd, "pipe"],
        timeout: 600_000,
      });
      const wallMs = performance.now() - t0;
      const cpu1 = childrenCpuMs();
      if (r.status !== 0) throw new Error(`${tool} -c failed: ${r.error?.message ?? String(r.stderr).trim()}`);
      return { wallMs, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
    } finally {
      closeSync(fd);
    }
  }

  private owned(): string {
    if (!this.live) throw new Error(`namespace ${this.name} is not ours (not created, or removed)`);
    return this.name;
  }
}

function run(argv: readonly string[], input?: string): void {
  const r = spawnSync(argv[0]!, argv.slice(1), {
    input,
    encoding: "utf8",
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed: ${r.error?.message ?? r.stderr.trim()}`);
}

/** Reads a file written by timedSave. */
export function readDump(file: string): string {
  return readFileSync(file, "utf8");
}
