// parseDump: iptables-save / -c / restore input / `iptables -S [-v]` text → tables, rules and diagnostics.
// A pasted `iptables -L` listing goes to its own reader (listing.ts) and comes back in the same shape.
import type { Command, CommandResult } from "./command.ts";
import { CompactRule } from "./compact-rule.ts";
import { DiagnosticList } from "./diagnostics.ts";
import { DumpBuilder, declCounters } from "./dump-builder.ts";
import { implicitTableFor } from "./implicit-table.ts";
import {
  type ChainDeclaration,
  chainDeclaration,
  controlCharIndex,
  counterPrefix,
  generatedBy,
  isLegacyWarning,
  MAX_LINE_LENGTH,
  plainChainDeclaration,
  skipReason,
  tableHeader,
  utf8Length,
} from "./lines.ts";
import { parseListing } from "./listing.ts";
import { looksLikeListing } from "./listing-lines.ts";
import { compactCommand, parseCommand, plainCommand, releaseDumpText } from "./to-rules.ts";
import type { Backend, Counters, DumpComment, DumpFormat, ParsedDump, Rule } from "./types.ts";

export { CompactRule, type OptionShape } from "./compact-rule.ts";
export { formatOption, formatRule, quoteValue } from "./format-rule.ts";
export { parseCommand } from "./to-rules.ts";

export type * from "./types.ts";

/** Everything one pass over the lines accumulates. */
interface ReadState {
  readonly builder: DumpBuilder;
  readonly diagnostics: DiagnosticList;
  readonly comments: DumpComment[];
  backend: Backend | null;
  generatorVersion: string | null;
  legacyTablesWarning: boolean;
  sawSaveSyntax: boolean;
  sawRestoreVerb: boolean;
  sawCommand: boolean;
}

/** Reads a whole dump. Never throws: unreadable lines become diagnostics and reading goes on. */
export function parseDump(text: string): ParsedDump {
  if (looksLikeListing(text)) return parseListing(text);
  const state: ReadState = {
    builder: new DumpBuilder(),
    diagnostics: new DiagnosticList(),
    comments: [],
    backend: null,
    generatorVersion: null,
    legacyTablesWarning: false,
    sawSaveSyntax: false,
    sawRestoreVerb: false,
    sawCommand: false,
  };
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    lineNo++;
    if (end > pos) readLine(state, text, pos, end, lineNo);
    pos = end + 1;
  }
  releaseDumpText();
  return {
    format: formatOf(state),
    tables: state.builder.finish(),
    backend: state.backend,
    generatorVersion: state.generatorVersion,
    legacyTablesWarning: state.legacyTablesWarning,
    comments: state.comments,
    diagnostics: state.diagnostics.finish(),
    duplicateRules: state.builder.duplicateRules,
    lineCount: lineNo,
  };
}

function formatOf(state: ReadState): DumpFormat {
  if (state.sawRestoreVerb) return "iptables-restore";
  if (state.sawSaveSyntax) return "iptables-save";
  return state.sawCommand ? "iptables-S" : "unknown";
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function readLine(state: ReadState, text: string, start: number, end: number, lineNo: number): void {
  let stop = end;
  while (stop > start && (isBlank(text.charCodeAt(stop - 1)) || text.charCodeAt(stop - 1) === 13)) stop--;
  if (stop - start > MAX_LINE_LENGTH) {
    state.diagnostics.add(lineNo, 1, `line too long (${utf8Length(text, start, stop)} bytes)`);
    return;
  }
  let lead = start;
  while (lead < stop && isBlank(text.charCodeAt(lead))) lead++;
  if (lead === stop) return;
  const indent = lead - start;
  const lead0 = text.charCodeAt(lead);
  // the common lines first, on paths that vouch for plain text themselves (no control-character scan needed)
  if (lead0 === 91 /* [ */ && readPlainRule(state, text, lead, stop, indent, lineNo)) return;
  const line = text.slice(lead, stop);
  if (lead0 === 58 /* : */ && readPlainDeclaration(state, line, lineNo)) return;
  const control = controlCharIndex(line);
  if (control >= 0) {
    const hex = line.charCodeAt(control).toString(16).padStart(2, "0");
    state.diagnostics.add(lineNo, indent + control + 1, `binary data (byte 0x${hex}), not rule text`);
    return;
  }
  const first = line.charCodeAt(0);
  if (first === 45 /* - */) readCommand(state, line, null, indent, lineNo);
  else if (first === 35 /* # */) readComment(state, line, lineNo);
  else if (first === 42 /* * */) readTableHeader(state, line, indent, lineNo);
  else if (first === 58 /* : */) readDeclaration(state, line, indent, lineNo);
  else if (line === "COMMIT") {
    if (!state.builder.commit()) state.diagnostics.add(lineNo, indent + 1, "COMMIT outside a table");
  } else if (first === 91 /* [ */ && counterPrefix(line)) readPrefixed(state, line, indent, lineNo);
  else state.diagnostics.add(lineNo, indent + 1, skipReason(line));
}

const ZERO: Counters = { packets: 0, bytes: 0 };

/**
 * A `[p:b] -A …` line read where it stands in the text, when its command fits a template's regex (which admits
 * printable ASCII only). Returns false, having done nothing, for any other line: readLine then reads it the
 * careful way (control characters, malformed prefixes, lines for chevrotain).
 */
function readPlainRule(
  state: ReadState,
  text: string,
  lead: number,
  stop: number,
  indent: number,
  lineNo: number,
): boolean {
  // digit by digit, as counterPrefix does
  let i = lead + 1;
  let packets = 0;
  while (i < stop && isDigit(text.charCodeAt(i))) packets = packets * 10 + (text.charCodeAt(i++) - 48);
  if (i === lead + 1 || i >= stop || text.charCodeAt(i) !== 58) return false;
  const bytesStart = ++i;
  let bytes = 0;
  while (i < stop && isDigit(text.charCodeAt(i))) bytes = bytes * 10 + (text.charCodeAt(i++) - 48);
  if (i === bytesStart || i >= stop || text.charCodeAt(i) !== 93) return false;
  i++;
  while (i < stop && isBlank(text.charCodeAt(i))) i++;
  if (i >= stop || text.charCodeAt(i) !== 45) return false;
  const raw = text.slice(i, stop);
  const counters = packets === 0 && bytes === 0 ? ZERO : { packets, bytes };
  const compact = compactCommand(raw);
  if (compact !== null) {
    state.sawSaveSyntax = true;
    state.sawCommand = true;
    const builder = state.builder;
    const table = builder.current ?? implicitTableFor(compact.chain, compact.target);
    const rule = new CompactRule(
      table,
      compact.chain,
      lineNo,
      raw,
      counters,
      compact.target,
      compact.shape,
      compact.bounds,
      compact.at,
    );
    const firstLine = builder.addRule(rule, raw);
    if (firstLine !== null) state.diagnostics.add(lineNo, 1, `duplicate of line ${firstLine}, counted once`);
    return true;
  }
  const command = plainCommand(raw);
  if (command === null) return false;
  state.sawSaveSyntax = true;
  applyRead(state, command, raw, counters, indent + (i - lead), lineNo);
  return true;
}

/** A plain-ASCII `:NAME POLICY [p:b]` line; false, having done nothing, for anything else. */
function readPlainDeclaration(state: ReadState, line: string, lineNo: number): boolean {
  const decl = plainChainDeclaration(line);
  if (decl === null) return false;
  declareChain(state, decl, lineNo);
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function readPrefixed(state: ReadState, line: string, indent: number, lineNo: number): void {
  const prefix = counterPrefix(line)!;
  if (line.charCodeAt(prefix.rest) !== 45) {
    state.diagnostics.add(lineNo, indent + prefix.rest + 1, "expected a rule after the counters");
    return;
  }
  state.sawSaveSyntax = true;
  readCommand(state, line.slice(prefix.rest), prefix.counters, indent + prefix.rest, lineNo);
}

function readComment(state: ReadState, line: string, lineNo: number): void {
  state.comments.push({ line: lineNo, text: line });
  const generated = generatedBy(line);
  if (generated) {
    state.sawSaveSyntax = true;
    state.generatorVersion ??= generated.version;
    state.backend ??= generated.backend;
  } else if (isLegacyWarning(line)) {
    state.legacyTablesWarning = true;
  }
}

function readTableHeader(state: ReadState, line: string, indent: number, lineNo: number): void {
  const name = tableHeader(line);
  if (name === null) {
    state.diagnostics.add(lineNo, indent + 1, "bad table header (expected *name)");
    return;
  }
  state.sawSaveSyntax = true;
  state.builder.openTable(name, lineNo);
}

function readDeclaration(state: ReadState, line: string, indent: number, lineNo: number): void {
  const decl = chainDeclaration(line);
  if (!decl) {
    state.diagnostics.add(lineNo, indent + 1, "bad chain declaration (expected :NAME POLICY [p:b])");
    return;
  }
  declareChain(state, decl, lineNo);
}

function declareChain(state: ReadState, decl: ChainDeclaration, lineNo: number): void {
  state.sawSaveSyntax = true;
  const policy = decl.policy === "-" ? null : decl.policy;
  const table = state.builder.current ?? implicitTableFor(decl.name, null);
  const counters = declCounters(policy, decl.counters);
  state.builder.declare({ table, name: decl.name, policy, counters, line: lineNo });
}

function readCommand(state: ReadState, raw: string, prefix: Counters | null, indent: number, lineNo: number): void {
  applyRead(state, parseCommand(raw), raw, prefix, indent, lineNo);
}

function applyRead(
  state: ReadState,
  result: CommandResult,
  raw: string,
  prefix: Counters | null,
  indent: number,
  lineNo: number,
): void {
  if (result.kind === "error") {
    state.diagnostics.add(lineNo, indent + result.column + 1, result.message);
    return;
  }
  state.sawCommand = true;
  // -I, -X and -F only exist in restore input; -N and -P are -S output unless inside a `*table` section.
  if (result.kind === "rule" ? result.verb === "insert" : restoreOnly(result.kind, state.builder.current)) {
    state.sawRestoreVerb = true;
  }
  let noted = false;
  if (result.note) {
    state.diagnostics.add(lineNo, indent + result.note.column + 1, result.note.message);
    noted = true;
  }
  applyCommand(state, result, raw, prefix, lineNo, noted);
}

function restoreOnly(kind: Command["kind"], openTable: string | null): boolean {
  return kind === "delete-chain" || kind === "flush" || openTable !== null;
}

function applyCommand(
  state: ReadState,
  cmd: Command,
  raw: string,
  prefix: Counters | null,
  lineNo: number,
  noted: boolean,
): void {
  const builder = state.builder;
  if (cmd.kind === "rule") {
    const table = builder.current ?? implicitTableFor(cmd.chain, cmd.target);
    const rule: { -readonly [K in keyof Rule]: Rule[K] } = {
      table,
      chain: cmd.chain,
      verb: cmd.verb,
      line: lineNo,
      raw,
      counters: prefix ?? cmd.counters,
      options: cmd.options,
      target: cmd.target,
      goto: cmd.goto,
    };
    if (cmd.position !== null) rule.position = cmd.position;
    const firstLine = builder.addRule(rule, cmd.key);
    if (firstLine !== null && !noted) state.diagnostics.add(lineNo, 1, `duplicate of line ${firstLine}, counted once`);
    return;
  }
  if (cmd.kind === "new-chain" || cmd.kind === "policy") {
    const table = builder.current ?? implicitTableFor(cmd.chain, null);
    const policy = cmd.kind === "policy" ? cmd.policy : null;
    const counters = cmd.kind === "policy" ? (prefix ?? cmd.counters) : null;
    builder.declare({ table, name: cmd.chain, policy, counters, line: lineNo });
    return;
  }
  if (cmd.chain === null) return; // bare `-X` / `-F` (all chains of the table): nothing to name
  builder.chainOp(builder.current ?? implicitTableFor(cmd.chain, null), lineNo, cmd.kind, cmd.chain);
}
