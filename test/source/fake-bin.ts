// A throwaway PATH for source tests: fake commands from test/fixtures/bin under the names a source runs
// (iptables-save, iptables-legacy-save, sudo…), plus the few tools the fakes use. Nothing else is on it, so a
// source can never reach the machine's real iptables.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The fake commands in test/fixtures/bin. */
export type Fake =
  | "rising-counters"
  | "slow-counters"
  | "fail"
  | "hang"
  | "not-root"
  | "garbage"
  | "no-kube-rules"
  | "fake-sudo"
  | "empty"
  | "hang-once"
  | "fake-minikube";

const FAKES: readonly Fake[] = [
  "rising-counters",
  "slow-counters",
  "fail",
  "hang",
  "not-root",
  "garbage",
  "no-kube-rules",
  "fake-sudo",
  "empty",
  "hang-once",
  "fake-minikube",
];

export const fixturesBin = resolve(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "bin");

const TOOLS = ["cat", "sleep", "mkdir", "rmdir", "dirname", "basename", "sed"];

function which(tool: string): string {
  const r = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  const path = r.stdout.trim();
  if (r.status !== 0 || !path.startsWith("/")) throw new Error(`${tool} not found for the fake PATH`);
  return path;
}

export interface FakeBin {
  /** The directory on PATH. */
  readonly dir: string;
  /** The fakes' state file (KNT_FAKE_STATE). */
  readonly state: string;
  /** Environment for the source: PATH = only the fake dir, plus KNT_FAKE_STATE and any extras. */
  readonly env: Record<string, string>;
  /** The fakes' calls so far, one "name args" line each. */
  calls(): string[];
  remove(): void;
}

/** A PATH holding `name → fake` links, e.g. { "iptables-save": "no-kube-rules", "iptables-legacy-save": "rising-counters" }. */
export function fakeBin(commands: Record<string, Fake>, extraEnv: Record<string, string> = {}): FakeBin {
  const root = mkdtempSync(join(tmpdir(), "knt-fake-"));
  const dir = join(root, "bin");
  mkdirSync(dir);
  for (const tool of TOOLS) symlinkSync(which(tool), join(dir, tool));
  // every fake under its own name too: some call another beside them
  for (const fake of FAKES) symlinkSync(join(fixturesBin, fake), join(dir, fake));
  for (const [name, fake] of Object.entries(commands)) symlinkSync(join(fixturesBin, fake), join(dir, name));
  const state = join(root, "state");
  return {
    dir,
    state,
    env: { PATH: dir, KNT_FAKE_STATE: state, ...extraEnv },
    calls: () => {
      const file = `${state}.calls`;
      return existsSync(file)
        ? readFileSync(file, "utf8")
            .split("\n")
            .filter((l) => l !== "")
        : [];
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
