// The default source: iptables-save -c on this machine (all tables in one call: nat for topology, filter for
// "has no endpoints" rejects), with legacy/nft backend detection.

import type { ToolRunner } from "./backend.ts";
import { commandFailure } from "./interpret.ts";
import { createIptablesSource, type FamilyOption } from "./iptables-source.ts";
import { runCommand } from "./run.ts";
import type { Source } from "./types.ts";

export interface CommandSourceOptions {
  /** Give up on one command after this long. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Environment merged over process.env (PATH for the binaries). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly family?: FamilyOption;
  readonly now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Reads this machine's iptables: needs root; a SourceError "not-root" says so. */
export function createLocalSource(options: CommandSourceOptions = {}): Source {
  const run: ToolRunner = async (argv, signal) => {
    const result = await runCommand(argv, {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal,
      ...(options.env ? { env: options.env } : {}),
    });
    if (result.exitCode !== 0) throw commandFailure(result, { tool: argv[0] ?? "iptables-save", transport: "local" });
    return result;
  };
  return createIptablesSource({
    label: options.family === 6 ? "local (ip6tables-save -c)" : "local (iptables-save -c)",
    run,
    ...(options.family !== undefined ? { family: options.family } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
