// Reads a remote node over ssh: `ssh host sudo -n iptables-save -c`, one shared connection (ControlMaster) so a
// poll doesn't pay a handshake; close() ends the master and removes its private directory.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ToolRunner } from "./backend.ts";
import { SourceError } from "./errors.ts";
import { commandFailure } from "./interpret.ts";
import { createIptablesSource } from "./iptables-source.ts";
import { type CommandSourceOptions, DEFAULT_TIMEOUT_MS } from "./local.ts";
import { runCommand } from "./run.ts";
import { splitWords } from "./shell-words.ts";
import type { Source } from "./types.ts";

export interface SshSourceOptions extends CommandSourceOptions {
  /** `[user@]host`. */
  readonly host: string;
  /** `--ssh-opt` values: `Key=value` becomes `-o Key=value`; a value starting with `-` is passed as words (`-i key`). */
  readonly sshOptions?: readonly string[];
  /** Seconds ssh waits for the connection (ConnectTimeout). Default 5. */
  readonly connectTimeoutS?: number;
  /** Run the tools through `sudo -n` (default true). */
  readonly sudo?: boolean;
  /** Seconds the shared connection outlives the last use (ControlPersist). Default 60. */
  readonly persistS?: number;
}

/** The ssh arguments before the destination, for a control socket path. */
export function sshArgs(options: SshSourceOptions, controlPath: string): string[] {
  const args = [
    "-o",
    "ControlMaster=auto",
    "-o",
    `ControlPath=${controlPath}`,
    "-o",
    `ControlPersist=${options.persistS ?? 60}`,
    "-o",
    "BatchMode=yes",
    "-o",
    `ConnectTimeout=${options.connectTimeoutS ?? 5}`,
  ];
  for (const opt of options.sshOptions ?? []) {
    if (opt.trimStart().startsWith("-")) args.push(...splitWords(opt));
    else args.push("-o", opt);
  }
  return args;
}

/** A source reading `[user@]host` over ssh. */
export function createSshSource(options: SshSourceOptions): Source & { readonly controlPath: string } {
  const host = options.host;
  if (host === "" || host.startsWith("-") || /\s/.test(host)) {
    throw new SourceError("failed", `not a host name for --ssh: "${host}"`);
  }
  const dir = mkdtempSync(join(tmpdir(), "knt-ssh-"));
  const controlPath = join(dir, "cm");
  const base = sshArgs(options, controlPath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const env = options.env ? { env: options.env } : {};

  const run: ToolRunner = async (argv, signal) => {
    const remote = options.sudo === false ? [...argv] : ["sudo", "-n", ...argv];
    const label = `ssh ${host} ${remote.join(" ")}`;
    const result = await runCommand(["ssh", ...base, "--", host, ...remote], { timeoutMs, signal, label, ...env });
    if (result.exitCode !== 0) {
      throw commandFailure(result, { tool: argv[0] ?? "iptables-save", transport: "ssh", host });
    }
    return result;
  };

  let closed = false;
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    try {
      await runCommand(["ssh", ...base, "-O", "exit", "--", host], {
        timeoutMs: 5000,
        ...env,
      });
    } catch {
      // no master running, or ssh missing: nothing to end
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const source = createIptablesSource({
    label: `ssh ${host}`,
    run,
    close,
    ...(options.family !== undefined ? { family: options.family } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return Object.assign(source, { controlPath });
}
