// Turns a command's non-zero exit into a SourceError whose message says what to do about it.

import { SourceError } from "./errors.ts";
import type { RunResult } from "./run.ts";
import { lastLine } from "./sanitize.ts";

/** Where a command ran, for messages: locally, or over ssh / minikube on a named node. */
export interface CommandPlace {
  /** The tool the user cares about, e.g. "iptables-save". */
  readonly tool: string;
  readonly transport: "local" | "ssh" | "minikube" | "exec";
  /** The node, for ssh and minikube. */
  readonly host?: string;
}

const SUDO_PASSWORD = /sudo: (?:a password is required|a terminal is required|no tty present)/;
const NOT_FOUND = /(?:^|\s)(?:sudo: )?([^\s:]+): (?:command )?not found/m;
const NOT_ROOT = /permission denied|must be root|operation not permitted/i;

/** The SourceError for a command that exited non-zero. */
export function commandFailure(result: RunResult, place: CommandPlace): SourceError {
  const stderr = result.stderr;
  const detail = lastLine(stderr) || lastLine(result.stdout) || "no message";
  const on = place.host ? ` on ${place.host}` : "";
  if (place.transport === "ssh" && result.exitCode === 255) {
    const code = /timed out/i.test(stderr) ? "timeout" : "failed";
    return new SourceError(code, `ssh to ${place.host ?? "the node"} failed: ${detail}`);
  }
  if (SUDO_PASSWORD.test(stderr)) {
    return new SourceError(
      "not-root",
      `sudo${on} needs a password: allow passwordless sudo for ${place.tool}, or connect as root`,
    );
  }
  const missing = NOT_FOUND.exec(stderr);
  if (missing || result.exitCode === 127) {
    const name = missing?.[1] ?? place.tool;
    return new SourceError("missing-binary", `${name} not found${on}: is it installed and on PATH?`);
  }
  if (place.transport !== "exec" && NOT_ROOT.test(stderr)) {
    if (place.transport === "local") {
      return new SourceError("not-root", `run with sudo: reading iptables needs root (${place.tool}: ${detail})`);
    }
    return new SourceError("not-root", `${place.tool}${on} needs root: ${detail}`);
  }
  return new SourceError("failed", `${place.tool}${on} failed (exit ${result.exitCode}): ${detail}`);
}
