// Runs the diagnose subcommands in-process on a program built like main's, capturing output and exit code.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { CommanderError } from "commander";
import { registerDiagnoseCommands } from "../../src/cli/diagnose.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { buildProgram } from "../../src/cli/options.ts";

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough();
  let text = "";
  s.on("data", (c: Buffer) => {
    text += c.toString("utf8");
  });
  return { stream: s as unknown as NodeJS.WriteStream, text: () => text };
}

/** Parses argv as `kube-nat-top …` with the diagnose commands registered; stdin is the given text. */
export async function runDiagnose(argv: readonly string[], stdin = ""): Promise<RunResult> {
  const out = sink();
  const err = sink();
  const input = new PassThrough();
  input.end(stdin);
  const io: CliIO = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: input as unknown as NodeJS.ReadStream,
    env: { NO_COLOR: "1" },
  };
  const program = buildProgram("test");
  let code = 0;
  program.exitOverride();
  program.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerDiagnoseCommands(program, io, { setExitCode: (c) => (code = c) });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    code = e.exitCode === 0 ? 0 : 2;
  }
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.text(), stderr: err.text() };
}

/** Writes text to a fresh temporary file and returns its path. */
export function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "knt-diagnose-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
