// Command-line options: one declaration (commander), parsed into a typed value.

import { Command, InvalidArgumentError, Option } from "commander";

export type OutputFormat = "text" | "json";
export type Family = "4" | "6" | "both";

/** Everything the flags say, after validation. */
export interface CliOptions {
  readonly file: string | null;
  readonly watch: boolean;
  readonly exec: string | null;
  readonly shell: boolean;
  readonly ssh: string | null;
  readonly sshOpt: readonly string[];
  readonly minikube: string | true | null;
  readonly demo: boolean;
  readonly local: boolean;
  readonly family: Family;
  readonly once: boolean;
  readonly count: number;
  readonly interval: number;
  readonly timeout: number;
  readonly output: OutputFormat;
  readonly color: boolean;
  /** `--record FILE`: append every sample to this recording. */
  readonly record: string | null;
  /** `--replay FILE`: play a recording back instead of reading a node. */
  readonly replay: string | null;
  /** With --replay: playback speed; null when not given (1). */
  readonly speed: number | null;
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number ≥ 1");
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the flags that say where dumps come from (shared by the live view and, later, subcommands). */
export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option("-f, --file <path>", "read a dump from a file (`-` reads stdin once)")
    .option("-w, --watch", "with --file: re-read the file when it changes")
    .option("--exec <command>", "run a command that prints a dump (split into argv, no shell)")
    .option("--shell", "with --exec: run the command through sh")
    .option("--ssh <[user@]host>", "read the node over ssh: sudo -n iptables-save -c")
    .option("--ssh-opt <option>", "extra ssh -o option, repeatable", collect, [] as string[])
    .option("--minikube [node]", "read a minikube node: minikube ssh [-n NODE] -- sudo -n iptables-save -c")
    .option("--demo", "show the built-in moving demo")
    .option("--local", "read this machine's iptables (the default, but without falling back to the demo)")
    .addOption(new Option("--family <family>", "IP family to read").choices(["4", "6", "both"]).default("4"))
    .option("--timeout <seconds>", "give up on one read after this long", positiveNumber("--timeout"), 10);
}

/** The main command's flags. */
export function buildProgram(version: string): Command {
  const program = new Command("kube-nat-top")
    .description("top for Kubernetes service NAT: kube-proxy's iptables rules as live service → endpoint trees")
    .version(version, "-V, --version")
    .helpOption("-h, --help", "show this help")
    .showHelpAfterError("(run kube-nat-top --help for the flags)")
    // 80 columns whatever the terminal's width: the help reads the same everywhere, and in the README
    .configureHelp({ helpWidth: 80 });
  addSourceOptions(program)
    .option("-1, --once", "print the tree once and exit (also when stdout is not a terminal)")
    .option("-n, --count <n>", "with --once: take n samples --interval apart and print rates", positiveInteger, 1)
    .option("-d, --interval <seconds>", "seconds between polls", positiveNumber("--interval"), 2)
    .addOption(new Option("-o, --output <format>", "one-shot output format").choices(["text", "json"]).default("text"))
    .option("--no-color", "no colours (NO_COLOR is honoured too)")
    .option("--record <file>", "append every sample to a recording (gzip) while running")
    .option("--replay <file>", "play a recording back (with --once: print its final state)")
    .option("--speed <n>", "with --replay: play n times faster", positiveNumber("--speed"));
  return program;
}

/** Reads commander's parsed values into CliOptions. */
export function toCliOptions(raw: Record<string, unknown>): CliOptions {
  return {
    file: (raw.file as string | undefined) ?? null,
    watch: Boolean(raw.watch),
    exec: (raw.exec as string | undefined) ?? null,
    shell: Boolean(raw.shell),
    ssh: (raw.ssh as string | undefined) ?? null,
    sshOpt: (raw.sshOpt as string[] | undefined) ?? [],
    minikube: (raw.minikube as string | true | undefined) ?? null,
    demo: Boolean(raw.demo),
    local: Boolean(raw.local),
    family: (raw.family as Family | undefined) ?? "4",
    once: Boolean(raw.once),
    count: (raw.count as number | undefined) ?? 1,
    interval: (raw.interval as number | undefined) ?? 2,
    timeout: (raw.timeout as number | undefined) ?? 10,
    output: (raw.output as OutputFormat | undefined) ?? "text",
    color: raw.color !== false,
    record: (raw.record as string | undefined) ?? null,
    replay: (raw.replay as string | undefined) ?? null,
    speed: (raw.speed as number | undefined) ?? null,
  };
}

/** A message when flags contradict each other, else null. */
export function conflicts(o: CliOptions): string | null {
  const named = [o.file, o.exec, o.ssh, o.minikube, o.replay].filter((v) => v !== null).length;
  if (named + (o.demo ? 1 : 0) + (o.local ? 1 : 0) > 1)
    return "choose one source: --local, --file, --exec, --ssh, --minikube, --demo or --replay";
  if (o.speed !== null && o.replay === null) return "--speed goes with --replay";
  if (o.replay !== null && o.record !== null) return "--record cannot record a replay (copy the file instead)";
  if (o.replay !== null && o.count > 1)
    return "--count does not apply to --replay: --once prints the recording's final state";
  if (o.record === "-") return "--record needs a file (it is written as it goes, not to stdout)";
  if (o.watch && o.file === null) return "--watch goes with --file";
  if (o.watch && o.file === "-") return "--watch cannot watch stdin";
  if (o.shell && o.exec === null) return "--shell goes with --exec";
  return null;
}
