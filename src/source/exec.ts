// `--exec "CMD ARGS…"`: any command that prints a dump. Split into argv (no shell) unless `shell` asks for sh -c.

import { checkDump } from "./dump-check.ts";
import { SourceError } from "./errors.ts";
import { commandFailure } from "./interpret.ts";
import { DEFAULT_TIMEOUT_MS } from "./local.ts";
import { runCommand } from "./run.ts";
import { splitWords } from "./shell-words.ts";
import type { DumpRead, Source } from "./types.ts";

export interface ExecSourceOptions {
  readonly command: string;
  /** Run the command through sh -c on purpose (pipes, globs, variables). */
  readonly shell?: boolean;
  readonly timeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => number;
}

/** A source that runs a command each poll and reads its stdout as the dump. */
export function createExecSource(options: ExecSourceOptions): Source {
  const argv = options.shell ? [options.command] : splitWords(options.command);
  if (argv.length === 0 || argv[0]?.trim() === "") throw new SourceError("failed", "--exec needs a command");
  const tool = options.shell ? "sh" : (argv[0] as string);
  const now = options.now ?? Date.now;
  const label = `exec: ${options.command}`;

  async function read(signal: AbortSignal): Promise<DumpRead> {
    const started = now();
    const result = await runCommand(argv, {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal,
      label: options.shell ? `sh -c ${JSON.stringify(options.command)}` : tool,
      ...(options.shell ? { shell: true } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    if (result.exitCode !== 0) throw commandFailure(result, { tool, transport: "exec" });
    const takenAt = now();
    return { takenAt, durationMs: Math.max(0, takenAt - started), text: checkDump(result.stdout, tool), notes: [] };
  }

  return { label, read };
}
