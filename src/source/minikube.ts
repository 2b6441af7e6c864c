// Reads a minikube node: `minikube ssh [-n NODE] -- sudo -n iptables-save -c` (-n: fail, never prompt).

import type { ToolRunner } from "./backend.ts";
import { commandFailure } from "./interpret.ts";
import { createIptablesSource } from "./iptables-source.ts";
import { type CommandSourceOptions, DEFAULT_TIMEOUT_MS } from "./local.ts";
import { runCommand } from "./run.ts";
import type { Source } from "./types.ts";

export interface MinikubeSourceOptions extends CommandSourceOptions {
  /** The node (`-n`); the default node when absent. */
  readonly node?: string;
  /** `minikube -p PROFILE`. */
  readonly profile?: string;
}

/** The minikube argv that runs one tool on the node through sudo. */
export function minikubeArgv(options: MinikubeSourceOptions, tool: readonly string[]): string[] {
  const argv = ["minikube"];
  if (options.profile) argv.push("-p", options.profile);
  argv.push("ssh");
  if (options.node) argv.push("-n", options.node);
  return [...argv, "--", "sudo", "-n", ...tool];
}

/** A source reading a minikube node (minikube ssh runs the tools; its default timeout is longer: 20 s). */
export function createMinikubeSource(options: MinikubeSourceOptions = {}): Source {
  const host = options.node ?? "minikube";
  const run: ToolRunner = async (argv, signal) => {
    const full = minikubeArgv(options, argv);
    const result = await runCommand(full, {
      timeoutMs: options.timeoutMs ?? 2 * DEFAULT_TIMEOUT_MS,
      signal,
      label: full.join(" "),
      ...(options.env ? { env: options.env } : {}),
    });
    if (result.exitCode !== 0) {
      throw commandFailure(result, { tool: argv[0] ?? "iptables-save", transport: "minikube", host });
    }
    // minikube ssh may hand back a terminal's line endings
    return { stdout: result.stdout.replace(/\r\n/g, "\n"), stderr: result.stderr };
  };
  return createIptablesSource({
    label: `minikube ${host}`,
    run,
    ...(options.family !== undefined ? { family: options.family } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
