// parseListing: pasted `iptables -L` output (`-n`, `-v`, `-x`, `--line-numbers`, `column -t`) → the same
// ParsedDump the save format gives. Rules keep the save format's option shape (see listing-columns.ts and
// listing-segments.ts). Tables: the `-t` of a shell command line before the listing, else the built-in chains the
// listing shows (filter: INPUT FORWARD OUTPUT; nat: PREROUTING … POSTROUTING), else per rule (implicit-table.ts).
import { DiagnosticList } from "./diagnostics.ts";
import { DumpBuilder } from "./dump-builder.ts";
import { formatRule } from "./format-rule.ts";
import { implicitTableFor } from "./implicit-table.ts";
import { controlCharIndex, MAX_LINE_LENGTH, utf8Length } from "./lines.ts";
import { counterValue, OptionList, rowCounters } from "./listing-columns.ts";
import {
  chainHeader,
  columnHeader,
  isCommandLine,
  isFenceLine,
  isLegacyWarningLine,
  listedTable,
} from "./listing-lines.ts";
import { type ListingLayout, type ListingRow, parseListingRow } from "./listing-parser.ts";
import { addRowColumns } from "./listing-row.ts";
import { listingLexer } from "./listing-tokens.ts";
import type { ChainDecl, Counters, Diagnostic, DumpComment, ParsedDump, Rule } from "./types.ts";

/** A rule read from a listing, waiting for its block's table. */
interface PendingRule {
  readonly rule: Omit<Rule, "table">;
  readonly key: string;
}

/** One `Chain X (…)` section. */
interface Section {
  readonly name: string;
  readonly policy: string | null;
  readonly counters: Counters | null;
  readonly line: number;
  layout: ListingLayout | null;
  lastNum: number;
  readonly rules: PendingRule[];
}

/** Chains listed by one command: a block ends at a command line or at a chain name it already holds. */
interface Block {
  readonly table: string | null;
  readonly sections: Section[];
  readonly names: Set<string>;
}

// Layouts tried, in order, for rule lines under no column header.
const GUESSES: readonly ListingLayout[] = [
  { num: false, counters: true, via: true, columned: false },
  { num: true, counters: true, via: true, columned: false },
  { num: true, counters: false, via: false, columned: false },
  { num: false, counters: false, via: false, columned: false },
];

class ListingReader {
  readonly builder = new DumpBuilder();
  readonly diagnostics: Diagnostic[] = [];
  readonly comments: DumpComment[] = [];
  approximate = false;
  legacyWarning = false;
  private block: Block = { table: null, sections: [], names: new Set() };
  private section: Section | null = null;
  private lastLayout: ListingLayout | null = null;

  note(line: number, column: number, message: string): void {
    this.diagnostics.push({ line, column, message });
  }

  read(text: string, start: number, end: number, lineNo: number): void {
    let stop = end;
    while (stop > start && isSpace(text.charCodeAt(stop - 1))) stop--;
    let lead = start;
    while (lead < stop && isSpace(text.charCodeAt(lead))) lead++;
    if (lead === stop) return;
    if (stop - start > MAX_LINE_LENGTH) {
      this.note(lineNo, 1, `line too long (${utf8Length(text, start, stop)} bytes)`);
      return;
    }
    const line = text.slice(lead, stop);
    const indent = lead - start;
    const control = controlCharIndex(line);
    if (control >= 0) {
      const hex = line.charCodeAt(control).toString(16).padStart(2, "0");
      this.note(lineNo, indent + control + 1, `binary data (byte 0x${hex}), not listing text`);
      return;
    }
    const header = chainHeader(line);
    if (header) {
      this.openSection(header, lineNo);
      return;
    }
    if (isLegacyWarningLine(line)) {
      this.legacyWarning = true;
      this.comments.push({ line: lineNo, text: line });
      return;
    }
    const layout = columnHeader(line);
    if (layout) {
      this.lastLayout = layout;
      if (this.section) this.section.layout = layout;
      return;
    }
    if (isFenceLine(line)) {
      this.section = null;
      return;
    }
    if (isCommandLine(line)) {
      // What follows is this command's output: a new block for iptables, no chain until a header either way.
      const table = listedTable(line);
      if (table !== undefined) this.newBlock(table);
      this.section = null;
      return;
    }
    if (!this.section) {
      this.note(lineNo, indent + 1, "not iptables -L output (no Chain header before it)");
      return;
    }
    this.readRule(this.section, line, indent, lineNo);
  }

  finish(): void {
    this.newBlock(this.block.table);
  }

  private openSection(header: ReturnType<typeof chainHeader> & object, lineNo: number): void {
    if (this.block.names.has(header.name)) this.newBlock(this.block.table);
    let counters: Counters | null = null;
    if (header.policy !== null && header.packets !== null && header.bytes !== null) {
      const c = rowCounters(header.packets, header.bytes);
      if (c) {
        counters = c.counters;
        if (c.approximate) this.approximate = true;
      }
    }
    const section: Section = {
      name: header.name,
      policy: header.policy,
      counters,
      line: lineNo,
      layout: null,
      lastNum: 0,
      rules: [],
    };
    this.block.sections.push(section);
    this.block.names.add(header.name);
    this.section = section;
  }

  private readRule(section: Section, line: string, indent: number, lineNo: number): void {
    const { tokens } = listingLexer.tokenize(line);
    const layouts = section.layout ? [section.layout] : this.lastLayout ? [this.lastLayout, ...GUESSES] : GUESSES;
    let found: { row: ListingRow; layout: ListingLayout } | null = null;
    let error: { column: number; message: string } | null = null;
    for (const layout of layouts) {
      const row = parseListingRow(tokens, line, layout);
      if (!("segments" in row)) {
        error ??= { column: row.token.startOffset, message: rowError(row.token.image, row.token.startOffset) };
        continue;
      }
      // Without a header, prefer a layout that finds the opt column (every iptables prints one but old ip6tables).
      if (found === null || row.opt !== null) found = { row, layout };
      if (row.opt !== null) break;
    }
    if (found === null) {
      const e = error ?? { column: 0, message: "not a rule line" };
      this.note(lineNo, indent + (e.column >= 0 ? e.column : line.length) + 1, e.message);
      return;
    }
    // After column -t the spacing is padding: keep one blank between words, as iptables printed them.
    const raw = found.layout.columned ? line.replace(/[ \t]+/g, " ") : line;
    this.addRow(section, found.row, raw, lineNo);
  }

  private addRow(section: Section, row: ListingRow, raw: string, lineNo: number): void {
    const list = new OptionList();
    addRowColumns(list, row);
    const counted = rowCounters(row.packets, row.bytes);
    if (counted?.approximate) this.approximate = true;
    if (row.num !== null) {
      const num = counterValue(row.num)?.value ?? 0;
      const want = section.lastNum + 1;
      if (num > want) {
        const missing = num - 1 === want ? `rule ${want}` : `rules ${want}–${num - 1}`;
        list.notes.unshift(`${missing} of chain ${section.name} missing from the paste (numbers jump to ${num})`);
      }
      section.lastNum = num;
    }
    if (list.notes.length > 0) {
      const more = list.notes.length > 1 ? ` (and ${list.notes.length - 1} more)` : "";
      this.note(lineNo, 1, `${list.notes[0]}${more}`);
    }
    const rule: Omit<Rule, "table"> = {
      chain: section.name,
      verb: "append",
      line: lineNo,
      raw,
      counters: counted?.counters ?? null,
      options: list.options,
      target: row.target,
      goto: row.goto,
    };
    section.rules.push({ rule, key: formatRule(section.name, list.options) });
  }

  private newBlock(table: string | null): void {
    const { sections } = this.block;
    const known = this.block.table ?? tableOfBuiltins(sections);
    for (const s of sections) {
      const tables = new Set<string>();
      for (const { rule, key } of s.rules) {
        const table = known ?? implicitTableFor(rule.chain, rule.target);
        tables.add(table);
        const first = this.builder.addRule({ ...rule, table }, key);
        if (first !== null) this.note(rule.line, 1, `duplicate of line ${first}, counted once`);
      }
      if (tables.size === 0) tables.add(known ?? implicitTableFor(s.name, null));
      for (const table of tables) {
        const decl: ChainDecl = { table, name: s.name, policy: s.policy, counters: s.counters, line: s.line };
        this.builder.declare(decl);
      }
    }
    this.block = { table, sections: [], names: new Set() };
    this.section = null;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

function rowError(image: string, offset: number): string {
  if (!(offset >= 0)) return "rule line ends early (fewer columns than the header)";
  const shown = image.length > 40 ? `${image.slice(0, 40)}…` : image;
  return `unexpected ${JSON.stringify(shown)} in a rule line`;
}

// The table whose built-in chains a block shows, by their full set; null when they do not tell.
function tableOfBuiltins(sections: readonly Section[]): string | null {
  const b = new Set(sections.filter((s) => s.policy !== null).map((s) => s.name));
  const pre = b.has("PREROUTING");
  const post = b.has("POSTROUTING");
  if (b.has("INPUT") && b.has("FORWARD") && b.has("OUTPUT"))
    return pre && post ? "mangle" : pre || post ? null : "filter";
  if (b.has("FORWARD")) return null;
  if (pre && post && b.has("OUTPUT")) return "nat";
  if (pre && b.has("OUTPUT") && !b.has("INPUT") && !post) return "raw";
  return null;
}

/** Reads an `iptables -L` listing. Never throws: unreadable lines become diagnostics and reading goes on. */
export function parseListing(text: string): ParsedDump {
  const reader = new ListingReader();
  let pos = 0;
  let lineNo = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    lineNo++;
    if (end > pos) reader.read(text, pos, end, lineNo);
    pos = end + 1;
  }
  reader.finish();
  const diagnostics = new DiagnosticList();
  for (const d of [...reader.diagnostics].sort((a, b) => a.line - b.line)) diagnostics.add(d.line, d.column, d.message);
  const dump: { -readonly [K in keyof ParsedDump]: ParsedDump[K] } = {
    format: "iptables-L",
    tables: reader.builder.finish(),
    backend: null,
    generatorVersion: null,
    legacyTablesWarning: reader.legacyWarning,
    comments: reader.comments,
    diagnostics: diagnostics.finish(),
    duplicateRules: reader.builder.duplicateRules,
    lineCount: lineNo,
  };
  if (reader.approximate) dump.approximateCounters = true;
  return dump;
}
