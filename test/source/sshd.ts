// A real sshd on 127.0.0.1 for the --ssh tests: throwaway host and client keys, a free port, and a remote PATH that
// holds only fake commands (sudo included), so the remote side never reaches the machine's real iptables.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, it } from "vitest";
import { type Fake, type FakeBin, fakeBin } from "./fake-bin.ts";

const SSHD = "/usr/sbin/sshd";

export type SshdStatus = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether a test sshd can run here: sshd, ssh and ssh-keygen installed, and /run/sshd present or creatable. */
export function sshdStatus(): SshdStatus {
  if (process.platform !== "linux") return { ok: false, reason: `not Linux (${process.platform})` };
  if (!existsSync(SSHD)) return { ok: false, reason: `${SSHD} not found (install openssh-server)` };
  for (const tool of ["ssh", "ssh-keygen"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return { ok: false, reason: `${tool} not found` };
  }
  if (!existsSync("/run/sshd")) {
    try {
      mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
    } catch (err) {
      return { ok: false, reason: `cannot create /run/sshd: ${(err as Error).message}` };
    }
  }
  return { ok: true };
}

/** describe() that runs with a usable sshd, fails without one under KNT_KERNEL_TESTS=required, else skips. */
export function describeSshd(name: string, fn: () => void): void {
  const status = sshdStatus();
  if (status.ok) {
    describe(name, fn);
    return;
  }
  if (process.env.KNT_KERNEL_TESTS === "required") {
    describe(name, () => {
      it("has sshd (KNT_KERNEL_TESTS=required)", () => {
        throw new Error(`the ssh tests are required but cannot run: ${status.reason}`);
      });
    });
    return;
  }
  console.warn(`[ssh tests] skipping "${name}": ${status.reason}. Set KNT_KERNEL_TESTS=required to fail instead.`);
  describe.skip(name, fn);
}

/** A free TCP port on 127.0.0.1 (free when asked; the caller retries if someone takes it first). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface TestSshd {
  readonly port: number;
  /** The client key to log in with. */
  readonly key: string;
  /** The remote side's fake commands (their state and call log). */
  readonly bin: FakeBin;
  /** `--ssh-opt` values for the ssh source: no user config, no host-key checks, the key and the port. */
  readonly sshOptions: string[];
  /** sshd's log so far (-e: to stderr). */
  log(): string;
  stop(): Promise<void>;
}

function keygen(path: string): void {
  const r = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "knt-test", "-f", path]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

/** Starts sshd on a free port; on the remote side `commands` are the only commands on PATH. */
export async function startSshd(commands: Record<string, Fake>): Promise<TestSshd> {
  const bin = fakeBin(commands);
  const dir = join(bin.dir, "..");
  const hostKey = join(dir, "host_key");
  const key = join(dir, "client_key");
  keygen(hostKey);
  keygen(key);
  writeFileSync(join(dir, "authorized_keys"), spawnSync("cat", [`${key}.pub`], { encoding: "utf8" }).stdout);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const config = join(dir, "sshd_config");
    writeFileSync(
      config,
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${hostKey}`,
        `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "StrictModes no",
        "UsePAM no",
        `PidFile ${join(dir, "sshd.pid")}`,
        `SetEnv PATH=${bin.dir} KNT_FAKE_STATE=${bin.state}`,
        "",
      ].join("\n"),
    );
    const child = spawn(SSHD, ["-D", "-f", config, "-e"], { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString("utf8");
    });
    const ready = await listening(child, () => log);
    if (!ready) {
      child.kill("SIGKILL");
      if (attempt < 3 && /Address already in use/.test(log)) continue;
      bin.remove();
      throw new Error(`sshd did not start: ${log.trim()}`);
    }
    return {
      port,
      key,
      bin,
      sshOptions: [
        "-F /dev/null",
        `-i ${key}`,
        `-p ${port}`,
        "StrictHostKeyChecking=no",
        "UserKnownHostsFile=/dev/null",
        "LogLevel=ERROR",
      ],
      log: () => log,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once("exit", resolve));
          child.kill("SIGTERM");
          await exited;
        }
        bin.remove();
      },
    };
  }
}

// Waits for "Server listening" in sshd's log; false if sshd exits or stays silent for 10 s.
async function listening(child: ChildProcess, log: () => string): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (/Server listening on 127\.0\.0\.1/.test(log())) return true;
    if (child.exitCode !== null) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}
