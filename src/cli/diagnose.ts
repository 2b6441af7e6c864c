// The diagnose subcommands: `check` (verdicts, exit 0/1/2), `trace` (one packet's path), `diff` (two dumps).

import { type Command, Help, InvalidArgumentError, Option } from "commander";
import { SKEW_HELP } from "../stats/skew.ts";
import { runCheck } from "./diagnose-check.ts";
import { runDiff } from "./diagnose-diff.ts";
import { runTrace } from "./diagnose-trace.ts";
import type { CliIO } from "./io.ts";
import { addSourceOptions, conflicts, toCliOptions } from "./options.ts";

/** What the subcommands need from main: a way to set the process exit code. */
export interface DiagnoseHelpers {
  readonly setExitCode: (code: number) => void;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("must be a number of seconds ≥ 0");
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const outputOption = () =>
  new Option("-o, --output <format>", "output format").choices(["text", "json"]).default("text");

/** Adds `check`, `trace` and `diff` to the program (call after exitOverride/configureOutput so they inherit them). */
export function registerDiagnoseCommands(program: Command, io: CliIO, helpers: DiagnoseHelpers): void {
  // program flags stop at the subcommand name, so `check --file X` reaches check's own --file
  program.enablePositionalOptions();

  const check = program
    .command("check")
    .description("print a verdict per service port; exit 0 healthy, 1 warnings, 2 errors, 3 no dump")
    .option("--service <name>", "only this service port (ns/name:port) or every port of ns/name")
    .option("--window <seconds>", "read twice this far apart and check where new connections went", nonNegative)
    .addOption(outputOption())
    .addHelpText(
      "after",
      // wrapped like the rest of the help: 80 columns (commander leaves added text as it is)
      new Help().boxWrap(
        `\nWith --window, uneven load is tested against the configured shares (chi-square, p < 0.001).\n${SKEW_HELP}\n`,
        80,
      ),
    );
  addSourceOptions(check).action(async (raw: Record<string, unknown>) => {
    const options = toCliOptions(raw);
    const conflict = conflicts(options);
    if (conflict) {
      io.stderr.write(`kube-nat-top check: ${conflict}\n`);
      helpers.setExitCode(3);
      return;
    }
    const service = (raw.service as string | undefined) ?? null;
    const window = (raw.window as number | undefined) ?? null;
    helpers.setExitCode(await runCheck(options, io, { service, window }));
  });

  const trace = program
    .command("trace")
    .description("walk one packet through the rules: path, branch shares, endpoints, masquerade, verdict")
    .requiredOption("--to <ip:port[/proto]>", "destination, e.g. 10.96.0.10:53/udp or [fd00::10]:443 (tcp by default)")
    .option("--from <ip>", "source address (default: an outside client that matches no -s range)")
    .option("--from-local", "the node itself opens the connection (nat OUTPUT)")
    .option("--node-ip <ip>", "an address of the node (addrtype LOCAL), repeatable", collect, [])
    .addOption(outputOption());
  addSourceOptions(trace).action(async (raw: Record<string, unknown>) => {
    const options = toCliOptions(raw);
    const conflict = conflicts(options);
    if (conflict) {
      io.stderr.write(`kube-nat-top trace: ${conflict}\n`);
      helpers.setExitCode(2);
      return;
    }
    const packet = {
      to: raw.to as string,
      from: (raw.from as string | undefined) ?? null,
      fromLocal: Boolean(raw.fromLocal),
      nodeIPs: (raw.nodeIp as string[] | undefined) ?? [],
    };
    helpers.setExitCode(await runTrace(options, io, packet));
  });

  program
    .command("diff")
    .description(
      "compare two dumps: services, endpoints, shares, chains, counters; exit 0 same, 1 different, 2 trouble",
    )
    .argument("<a>", "the first dump (a file, or - for stdin)")
    .argument("<b>", "the second dump (a file, or - for stdin)")
    .addOption(outputOption())
    .action(async (a: string, b: string, raw: Record<string, unknown>) => {
      helpers.setExitCode(await runDiff(a, b, (raw.output as "text" | "json" | undefined) ?? "text", io));
    });
}
