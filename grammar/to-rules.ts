// Lexes and parses one command line and turns its option list into a Command (or an error with a column).
// Lines whose shape chevrotain has already read once are filled in from a template (command-templates.ts).
import type { IRecognitionException } from "chevrotain";
import type { CommandNote, CommandResult, RuleCommand } from "./command.ts";
import { type ChevrotainRead, CommandTemplates, type CompactRead } from "./command-templates.ts";
import { type ParsedLine, parseOptions, releaseParserInput } from "./parser.ts";
import { lineLexer, Quoted } from "./tokens.ts";
import type { Counters, RuleOption } from "./types.ts";
import { isClosed } from "./unquote.ts";

const COMMANDS: Readonly<Record<string, string>> = {
  "-A": "-A",
  "--append": "-A",
  "-I": "-I",
  "--insert": "-I",
  "-N": "-N",
  "--new-chain": "-N",
  "-P": "-P",
  "--policy": "-P",
  "-X": "-X",
  "--delete-chain": "-X",
  "-F": "-F",
  "--flush": "-F",
};
const UNSUPPORTED = new Set(["-D", "--delete", "-R", "--replace", "-Z", "--zero", "-E", "--rename-chain"]);
const COUNTER_OPTIONS = new Set(["-c", "--set-counters"]);
const DIGITS = /^\d+$/;
const COUNTERS_IN_TEXT = /(?:^|[ \t]+)(?:-c|--set-counters)[ \t]+\d+[ \t]+\d+(?=[ \t]|$)/;

const error = (column: number, message: string): CommandResult => ({ kind: "error", column, message });

const shared = new CommandTemplates();

/** Reads one command line (no `[p:b]` prefix, no leading blanks). Pure: same text, same (deep-equal) result. */
export function parseCommand(text: string, templates: CommandTemplates = shared): CommandResult {
  const filled = templates.lookup(text);
  if (filled !== null) return filled;
  const read = chevrotainRead(text);
  templates.learn(text, read);
  return read.result;
}

/** A line a recent template reads as compact columns (see CommandTemplates.readCompact); null otherwise. */
export function compactCommand(text: string): CompactRead | null {
  return shared.readCompact(text);
}

/** parseCommand for a line its shape's template regex fills in (printable ASCII only); null for any other line. */
export function plainCommand(text: string): RuleCommand | null {
  return shared.lookupPlain(text);
}

/** Called once a dump is read: the shared templates and parser then keep no text of it alive. */
export function releaseDumpText(): void {
  shared.release();
  releaseParserInput();
}

/** Reads one command line with chevrotain's lexer and parser only (no templates); also returns its tokens and parse. */
export function chevrotainRead(text: string): ChevrotainRead {
  const lexed = lineLexer.tokenize(text);
  const lexError = lexed.errors[0];
  const failed = (result: CommandResult): ChevrotainRead => ({ result, tokens: lexed.tokens, parsed: null });
  if (lexError) return failed(error(lexError.offset, `unexpected character ${JSON.stringify(text[lexError.offset])}`));
  if (text.indexOf('"') >= 0) {
    for (const token of lexed.tokens) {
      if (token.tokenType === Quoted && !isClosed(token.image))
        return failed(error(token.startOffset, "unterminated quote"));
    }
  }
  const parsed = parseOptions(lexed.tokens);
  if (!("options" in parsed)) return failed(syntaxError(parsed, text));
  return { result: commandOf(parsed, text), tokens: lexed.tokens, parsed };
}

function commandOf(parsed: ParsedLine, text: string): CommandResult {
  const { options, offsets } = parsed;
  const first = options[0];
  if (!first) return error(0, "empty command");
  const command = COMMANDS[first.name];
  if (!command) {
    if (UNSUPPORTED.has(first.name)) return error(0, `command ${first.name} is not read (only -A -I -N -P -X -F)`);
    return error(0, `expected a command (-A, -I, -N, -P, -X, -F), found ${first.name}`);
  }
  if (first.negated) return error(0, `'!' before ${first.name}`);
  if (command === "-A" || command === "-I") return ruleCommand(command, parsed, text);
  const chain = first.values[0] ?? null;
  if (command === "-X" || command === "-F") {
    if (first.values.length > 1 || options.length > 1)
      return error(offsets[1] ?? 0, `unexpected words after ${first.name}`);
    return { kind: command === "-X" ? "delete-chain" : "flush", chain };
  }
  if (chain === null) return error(0, `${first.name} needs a chain name`);
  if (command === "-N") {
    if (first.values.length > 1 || options.length > 1)
      return error(offsets[1] ?? 0, `unexpected words after ${first.name}`);
    return { kind: "new-chain", chain };
  }
  const policy = first.values[1];
  if (policy === undefined || first.values.length > 2) return error(0, `${first.name} needs a chain and a policy`);
  let counters: Counters | null = null;
  for (let i = 1; i < options.length; i++) {
    const option = options[i]!;
    counters = COUNTER_OPTIONS.has(option.name) ? readCounters(option) : null;
    if (!counters) return error(offsets[i]!, `unexpected ${option.name} after policy`);
  }
  return { kind: "policy", chain, policy, counters };
}

function ruleCommand(command: string, parsed: ParsedLine, text: string): CommandResult {
  const { options: all, offsets } = parsed;
  const first = all[0]!;
  const chain = first.values[0];
  if (chain === undefined) return error(0, `${first.name} needs a chain name`);
  let position: number | null = null;
  if (first.values.length > (command === "-I" ? 2 : 1)) return error(0, `unexpected word after chain ${chain}`);
  if (first.values[1] !== undefined) {
    if (!DIGITS.test(first.values[1])) return error(0, "rule number must be a number");
    position = Number(first.values[1]);
  }
  const options: RuleOption[] = new Array(all.length - 1);
  let kept = 0;
  let counters: Counters | null = null;
  let target: string | null = null;
  let goto = false;
  let note: CommandNote | undefined;
  for (let i = 1; i < all.length; i++) {
    let option = all[i]!;
    const name = option.name;
    if (name === "-j" || name === "-g" || name === "--jump" || name === "--goto") {
      if (option.negated) return error(offsets[i]!, `'!' before ${name}`);
      if (option.values.length !== 1) {
        return error(offsets[i]!, option.values.length ? `extra word after ${name} target` : `${name} needs a target`);
      }
      target = option.values[0]!;
      goto = name === "-g" || name === "--goto";
    } else if (name === "-c" || name === "--set-counters") {
      counters = readCounters(option);
      if (!counters || option.negated) return error(offsets[i]!, `${name} needs two numbers`);
      continue;
    } else if (name === "--comment" && option.values.length > 1) {
      note ??= { column: offsets[i]!, message: "unquoted comment with spaces (iptables would reject it)" };
      option = { name, values: [option.values.join(" ")], negated: option.negated };
    }
    options[kept++] = option;
  }
  options.length = kept;
  const key = counters ? text.replace(COUNTERS_IN_TEXT, "") : text;
  const verb = command === "-A" ? "append" : "insert";
  const rule: RuleCommand = { kind: "rule", verb, chain, position, options, target, goto, counters, key };
  return note ? { ...rule, note } : rule;
}

function readCounters(option: RuleOption): Counters | null {
  const [packets, bytes] = option.values;
  if (option.values.length !== 2 || packets === undefined || bytes === undefined) return null;
  if (!DIGITS.test(packets) || !DIGITS.test(bytes)) return null;
  return { packets: Number(packets), bytes: Number(bytes) };
}

function syntaxError(e: IRecognitionException, text: string): CommandResult {
  const token = e.token;
  const offset = token.startOffset;
  if (token.tokenType?.name === "EOF" || !(offset >= 0) || offset >= text.length) {
    return error(text.length, "line ends after '!'");
  }
  if (token.image === "!") return error(offset, "'!' must be followed by an option");
  const shown = token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image;
  return error(offset, `expected an option (-x or --xyz), found ${JSON.stringify(shown)}`);
}
