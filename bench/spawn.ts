// Runs benchmark children and the CLI as separate processes.

import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeBundle } from "../scripts/esbuild-options.mjs";
import { median } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const CHILD_BUNDLE = join(ROOT, "bench", ".build", "child.mjs");

/**
 * Bundles bench/child.ts and tick-dump.ts with the CLI's esbuild options (scripts/esbuild-options.mjs), so the
 * children run the code users run: under tsx a process carries its loader and transpiler (~40 MB more RSS before
 * any work) and TypeScript compiled on the fly.
 */
export async function bundleChild(): Promise<void> {
  const { build } = await import("esbuild");
  mkdirSync(dirname(CHILD_BUNDLE), { recursive: true });
  await build({
    entryPoints: [join(ROOT, "bench", "child.ts"), join(ROOT, "bench", "tick-dump.ts")],
    outdir: dirname(CHILD_BUNDLE),
    outExtension: { ".js": ".mjs" },
    ...nodeBundle,
  });
}

/** Runs one bench/child.ts case (bundled by bundleChild) in a fresh Node process and returns its JSON result. */
export function runChild<T>(kind: string, file: string, arg: number, nodeArgs: readonly string[] = []): T {
  const r = spawnSync(process.execPath, [...nodeArgs, CHILD_BUNDLE, kind, file, String(arg)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    timeout: 900_000,
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error(`bench child ${kind} failed (${r.status ?? r.signal}): ${r.stderr.trim()}`);
  const last = r.stdout.split("\n").findLast((l) => l.startsWith("{")) ?? "";
  return JSON.parse(last) as T;
}

/** Wall ms of the whole CLI, `kube-nat-top --file <file> --output json`, start to exit (median of `runs`). */
export function timeCli(file: string, runs: number): { wallMs: number; runs: number[] } {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = openSync("/dev/null", "w");
    try {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ["bin/kube-nat-top.js", "--file", file, "--output", "json"], {
        cwd: ROOT,
        stdio: ["ignore", out, "pipe"],
        timeout: 600_000,
      });
      walls.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`kube-nat-top exited ${r.status ?? r.signal}: ${String(r.stderr).trim()}`);
    } finally {
      closeSync(out);
    }
  }
  return { wallMs: median(walls), runs: walls };
}
