// Runs one command for a source: argv arrays, a timeout, cancellation, and the whole process group ended on either.

import { execa } from "execa";
import { SourceError } from "./errors.ts";

export interface RunOptions {
  /** Give up after this long (milliseconds). */
  readonly timeoutMs: number;
  /** Aborting ends the command; a reason named "TimeoutError" reports a timeout, anything else a cancellation. */
  readonly signal?: AbortSignal;
  /** Environment for the command (merged over process.env); tests put fake commands first on PATH. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How to name the command in messages; defaults to argv[0]. */
  readonly label?: string;
  /** Run `argv[0]` through /bin/sh -c (argv must then hold a single command string). */
  readonly shell?: boolean;
}

/** What a command printed and how it exited. Non-zero exits are returned, not thrown: callers know their meaning. */
export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly durationMs: number;
}

const KILL_GRACE_MS = 1500;

// Process groups still running: detached children are not ended by execa's cleanup when we exit, so we do it.
const running = new Set<number>();
let exitHook = false;

function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  running.add(pid);
  if (exitHook) return;
  exitHook = true;
  process.once("exit", () => {
    for (const group of running) killGroup(group, "SIGKILL");
  });
}

// Ends the command and anything it started (a shell's children, an ssh master) that holds our pipes open.
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Runs argv and returns its output; throws SourceError for a missing binary, a timeout or a cancellation. */
export async function runCommand(argv: readonly string[], options: RunOptions): Promise<RunResult> {
  const [file, ...args] = options.shell ? ["/bin/sh", "-c", ...argv] : argv;
  if (file === undefined) throw new SourceError("failed", "no command to run");
  const label = options.label ?? argv[0] ?? file;
  const signal = options.signal;
  if (signal?.aborted) throw abortError(label, signal, options.timeoutMs);

  const started = performance.now();
  const subprocess = execa(file, args, {
    reject: false,
    // own process group, so a timeout ends grandchildren too (execa alone ends only the child)
    detached: true,
    cleanup: true,
    stdin: "ignore",
    stripFinalNewline: false,
    env: options.env ? { ...options.env } : undefined,
    extendEnv: true,
    timeout: options.timeoutMs,
    forceKillAfterDelay: KILL_GRACE_MS,
    ...(signal ? { cancelSignal: signal } : {}),
  });
  trackGroup(subprocess.pid);
  let timedOut = false;
  const end = () => {
    killGroup(subprocess.pid, "SIGTERM");
    setTimeout(() => killGroup(subprocess.pid, "SIGKILL"), KILL_GRACE_MS).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    end();
  }, options.timeoutMs);
  signal?.addEventListener("abort", end, { once: true });
  try {
    const result = await subprocess;
    const durationMs = performance.now() - started;
    if (result.code === "ENOENT" && result.exitCode === undefined && !result.isCanceled && !result.timedOut) {
      throw new SourceError("missing-binary", `${file} not found: is it installed and on PATH?`, { cause: result });
    }
    if (timedOut || result.timedOut) throw timeoutError(label, options.timeoutMs);
    if (result.isCanceled) throw abortError(label, signal, options.timeoutMs);
    if (result.isMaxBuffer) throw new SourceError("failed", `${label} printed more output than can be kept`);
    if (result.exitCode === undefined) {
      const why = result.signal ? `was ended by ${result.signal}` : `could not run (${result.code ?? "unknown error"})`;
      throw new SourceError("failed", `${label} ${why}`, { cause: result });
    }
    return { stdout: String(result.stdout), stderr: String(result.stderr), exitCode: result.exitCode, durationMs };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", end);
    if (subprocess.pid !== undefined) running.delete(subprocess.pid);
  }
}

function timeoutError(label: string, timeoutMs: number): SourceError {
  return new SourceError("timeout", `${label} did not answer within ${formatSeconds(timeoutMs)}`);
}

function abortError(label: string, signal: AbortSignal | undefined, timeoutMs: number): SourceError {
  const reason = signal?.reason as { name?: string; timeoutMs?: unknown } | undefined;
  if (reason?.name === "TimeoutError") {
    return timeoutError(label, typeof reason.timeoutMs === "number" ? reason.timeoutMs : timeoutMs);
  }
  return new SourceError("cancelled", `${label} was cancelled`);
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}
