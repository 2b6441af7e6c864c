// What one command line (`-A …`, `-N …`, `-P …`, `-X …`, `-F …`) says. A pure function of the line's text,
// so callers may cache results by text; counters from a `[p:b]` prefix are not part of it.
import type { Counters, RuleOption, RuleVerb } from "./types.ts";

/** A rule line: everything a Rule needs except table, line number and `[p:b]` counters. */
export interface RuleCommand {
  readonly kind: "rule";
  readonly verb: RuleVerb;
  readonly chain: string;
  /** Rule number of `-I CHAIN N`, else null. */
  readonly position: number | null;
  readonly options: readonly RuleOption[];
  readonly target: string | null;
  readonly goto: boolean;
  /** `-c P B` inside the rule (iptables -S -v), else null. */
  readonly counters: Counters | null;
  /** The text without `-c P B`: identical keys in one chain are duplicates. */
  readonly key: string;
}

/** `-N CHAIN` (-S output or restore input). */
export interface NewChainCommand {
  readonly kind: "new-chain";
  readonly chain: string;
}

/** `-P CHAIN POLICY [-c P B]`. */
export interface PolicyCommand {
  readonly kind: "policy";
  readonly chain: string;
  readonly policy: string;
  readonly counters: Counters | null;
}

/** `-X [CHAIN]` or `-F [CHAIN]` (restore input); chain null means all chains. */
export interface ChainOpCommand {
  readonly kind: "delete-chain" | "flush";
  readonly chain: string | null;
}

/** A line that is not a readable command; column is 0-based within the text. */
export interface CommandError {
  readonly kind: "error";
  readonly column: number;
  readonly message: string;
}

/** A note about a line that was read anyway (e.g. an unquoted multi-word comment). */
export interface CommandNote {
  readonly column: number;
  readonly message: string;
}

export type Command = (RuleCommand | NewChainCommand | PolicyCommand | ChainOpCommand) & {
  readonly note?: CommandNote;
};

export type CommandResult = Command | CommandError;
