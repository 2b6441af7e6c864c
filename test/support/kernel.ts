// Whether this machine can run kernel tests (root, ip netns, iptables), and a describe that honours
// KNT_KERNEL_TESTS=required: missing prerequisites then fail the suite instead of skipping it.

import { spawnSync } from "node:child_process";
import { describe, it } from "vitest";

export type KernelStatus = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const TOOLS = ["ip", "iptables-restore", "iptables-save", "ip6tables-restore", "ip6tables-save"];
let cached: KernelStatus | null = null;

function run(argv: readonly string[], input?: string): { ok: boolean; output: string } {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: "utf8", timeout: 30_000, input });
  if (r.error) return { ok: false, output: r.error.message };
  return { ok: r.status === 0, output: `${r.stderr ?? ""}${r.stdout ?? ""}`.trim() };
}

function probe(): KernelStatus {
  if (process.platform !== "linux") return { ok: false, reason: `not Linux (${process.platform})` };
  if (process.getuid?.() !== 0) return { ok: false, reason: "not root (network namespaces and iptables need root)" };
  for (const tool of TOOLS) {
    if (!run(["sh", "-c", `command -v ${tool}`]).ok)
      return { ok: false, reason: `${tool} not found (install iproute2/iptables)` };
  }
  const ns = `knt-probe-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  const add = run(["ip", "netns", "add", ns]);
  if (!add.ok) return { ok: false, reason: `cannot create a network namespace: ${add.output}` };
  try {
    const text = "*nat\n:KNT-PROBE - [0:0]\n-A KNT-PROBE -j RETURN\nCOMMIT\n";
    for (const tool of ["iptables-restore", "ip6tables-restore"]) {
      const r = run(["ip", "netns", "exec", ns, tool], text);
      if (!r.ok) return { ok: false, reason: `${tool} in a namespace failed: ${r.output}` };
    }
    return { ok: true };
  } finally {
    run(["ip", "netns", "del", ns]);
  }
}

/** The kernel prerequisites, probed once per process (creates and removes a throwaway namespace). */
export function kernelStatus(): KernelStatus {
  cached ??= probe();
  return cached;
}

/** True when a missing kernel prerequisite must fail the run (KNT_KERNEL_TESTS=required). */
export function kernelRequired(): boolean {
  return process.env.KNT_KERNEL_TESTS === "required";
}

/** describe() for suites that need the kernel: runs, fails (required) or skips with a note, by kernelStatus(). */
export function describeKernel(name: string, fn: () => void): void {
  const status = kernelStatus();
  if (status.ok) {
    describe(name, fn);
    return;
  }
  if (kernelRequired()) {
    describe(name, () => {
      it("has the kernel prerequisites (KNT_KERNEL_TESTS=required)", () => {
        throw new Error(`kernel tests are required but cannot run: ${status.reason}`);
      });
    });
    return;
  }
  console.warn(`[kernel tests] skipping "${name}": ${status.reason}. Set KNT_KERNEL_TESTS=required to fail instead.`);
  describe.skip(name, fn);
}
