// kube-nat-top's entry: parses flags and runs the live view, a one-shot print, or a subcommand.

import { CommanderError } from "commander";
import { registerDiagnoseCommands } from "./cli/diagnose.ts";
import { type CliIO, processIO } from "./cli/io.ts";
import { loadLive } from "./cli/load-live.ts";
import { runOneShot } from "./cli/one-shot.ts";
import { buildProgram, conflicts, toCliOptions } from "./cli/options.ts";
import { VERSION } from "./version.ts";

/** Runs kube-nat-top with the given arguments; resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const program = buildProgram(VERSION);
  let exitCode = 0;
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
  registerDiagnoseCommands(program, io, {
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  program.action(async () => {
    const options = toCliOptions(program.opts());
    const conflict = conflicts(options);
    if (conflict) {
      io.stderr.write(`kube-nat-top: ${conflict}\n`);
      exitCode = 2;
      return;
    }
    const oneShot = options.once || options.output === "json" || options.file === "-" || !io.stdout.isTTY;
    if (oneShot) exitCode = await runOneShot(options, io);
    else exitCode = await (await loadLive()).runLive(options, io);
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return exitCode;
}
