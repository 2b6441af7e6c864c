// A program on a real terminal for end-to-end tests: a detached tmux session on a private server (its socket in a
// fresh temporary folder, never the user's tmux), read with capture-pane and driven with send-keys.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { describe, it } from "vitest";
import { describeKernel, kernelRequired } from "./kernel.ts";

function tmuxMissing(): string | null {
  const r = spawnSync("tmux", ["-V"], { encoding: "utf8", timeout: 10_000 });
  return r.error || r.status !== 0 ? "tmux not found (install tmux)" : null;
}

/** describeKernel that also needs tmux: skips without it, or fails when KNT_KERNEL_TESTS=required. */
export function describeKernelTmux(name: string, fn: () => void): void {
  const missing = tmuxMissing();
  if (missing === null) {
    describeKernel(name, fn);
    return;
  }
  if (kernelRequired()) {
    describe(name, () => {
      it("has tmux (KNT_KERNEL_TESTS=required)", () => {
        throw new Error(`end-to-end tests are required but cannot run: ${missing}`);
      });
    });
    return;
  }
  console.warn(`[kernel tests] skipping "${name}": ${missing}. Set KNT_KERNEL_TESTS=required to fail instead.`);
  describe.skip(name, fn);
}

/** Quotes one word for sh. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** One tmux session running a shell command in a fixed-size window. */
export class TmuxSession {
  private constructor(
    private readonly socket: string,
    private readonly target: string,
  ) {}

  /** Starts `command` (a sh command line) in a new detached session `width`×`height` on a private tmux server. */
  static async start(command: string, width: number, height: number): Promise<TmuxSession> {
    const socket = join(mkdtempSync(join(tmpdir(), "knt-e2e-tmux-")), "socket");
    const session = new TmuxSession(socket, "main");
    await session.tmux(["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), command]);
    return session;
  }

  private tmux(args: readonly string[]) {
    // A clean environment: UTF-8 so glyphs survive capture, nothing from the test runner leaks into the program.
    return execa("tmux", ["-u", "-S", this.socket, ...args], {
      extendEnv: false,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", LANG: "C.UTF-8" },
      timeout: 10_000,
      stdin: "ignore",
    });
  }

  /** The visible screen as plain text (no colours), one line per row. */
  async capture(): Promise<string> {
    return String((await this.tmux(["capture-pane", "-p", "-t", this.target])).stdout);
  }

  /** Sends tmux key names ("Enter", "Escape", "q"). */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux(["send-keys", "-t", this.target, ...keys]);
  }

  /** Captures until `read(screen)` returns a value (not null/undefined/false); throws with the last screen on timeout. */
  async waitFor<T>(
    what: string,
    read: (screen: string) => T | null | undefined | false,
    timeoutMs = 15_000,
  ): Promise<{ screen: string; value: T }> {
    const deadline = Date.now() + timeoutMs;
    let screen = "";
    for (;;) {
      screen = await this.capture();
      const value = read(screen);
      if (value !== null && value !== undefined && value !== false) return { screen, value };
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Ends the private tmux server and whatever still runs in it, and removes its socket folder. */
  async kill(): Promise<void> {
    await this.tmux(["kill-server"]).catch(() => {});
    rmSync(dirname(this.socket), { recursive: true, force: true });
  }
}
