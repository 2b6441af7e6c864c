// Rule lines of one shape parse alike. A shape is the line's word types and option names (values left out):
// `-A W -m W --comment Q -j W`. The first line of each shape goes through chevrotain (lexer, parser, to-rules);
// what the grammar did with it becomes a template, and later lines of that shape get their values filled in
// from the cheap word scan (scan-words.ts). A template is only kept when the scan matches chevrotain's tokens
// and filling it in reproduces chevrotain's result for that first line exactly; every other shape stays on
// the chevrotain path. Option objects whose values repeat (`-m comment`, `-j KUBE-MARK-MASQ`) are shared.

import type { IToken } from "chevrotain";
import type { CommandResult, RuleCommand } from "./command.ts";
import type { OptionShape } from "./compact-rule.ts";
import { detach } from "./detach.ts";
import type { ParsedLine } from "./parser.ts";
import { BANG, OPTION, QUOTED, scanWords, WORD, WordBuffer } from "./scan-words.ts";
import type { RuleOption } from "./types.ts";
import { unescapeQuoted } from "./unquote.ts";

/** What the chevrotain path saw and made of one line. */
export interface ChevrotainRead {
  readonly result: CommandResult;
  readonly tokens: readonly IToken[] | null;
  readonly parsed: ParsedLine | null;
}

interface Slot {
  readonly name: string;
  readonly negated: boolean;
  /** Word indices of the values. */
  readonly words: readonly number[];
  /** The option made for the previous line of this shape, shared when the next line has the same values. */
  last: RuleOption | null;
  /** `last` is already shared, as a copy that keeps no dump text alive (detach.ts). */
  shared: boolean;
  /** Compact reads: the previous line's value of this option as written (inside the quotes) and unescaped. */
  lastText: string | null;
  lastValue: string | null;
  /** lastText and lastValue are copies that keep no dump text alive. */
  lastDetached: boolean;
}

interface Shape {
  readonly count: number;
  readonly types: Uint8Array;
  /** Option-name words and their text. */
  readonly names: readonly { readonly word: number; readonly name: string }[];
  /** null: lines of this shape always take the chevrotain path. */
  readonly template: Template | null;
}

interface Template {
  /** Matches exactly the plain-ASCII lines of this shape; group `group[w]` holds word w's text. */
  readonly regex: RegExp;
  /** Capture group of each value word (0 for option names and bangs). */
  readonly group: Int32Array;
  /** Groups holding quoted values (unquoted, still escaped). */
  readonly quotedGroups: readonly number[];
  readonly chainWord: number;
  readonly slots: readonly Slot[];
  /** Index in slots of the option giving the target (the last -j/-g), or -1. */
  readonly targetSlot: number;
  readonly goto: boolean;
  lastChain: string | null;
  chainShared: boolean;
  /** Word types of the shape (compact reads walk the words by them). */
  readonly types: Uint8Array;
  /** The slot each value word fills, -1 for option names, bangs and the chain. */
  readonly slotOfWord: Int32Array;
  /** Names and negations for compact rules; null when an option of the shape has more than one value. */
  readonly shape: OptionShape | null;
}

/** What a compact read found on one line; one object reused for every line (copy what you keep). */
export interface CompactRead {
  chain: string;
  target: string | null;
  shape: OptionShape;
  /** Where each option's value is in the line (see CompactRule): a table shared by the reads that follow. */
  bounds: Int32Array;
  at: number;
}

/** Ints per table of value places: a table serves ~5,000 rules. */
const BOUNDS_TABLE = 1 << 16;

const NO_VALUES: readonly string[] = Object.freeze([]);

/**
 * The engine's one shared copy of a string (property keys are interned): option names are compared against
 * literals ("-j", "--comment") for every rule, and two interned strings compare by identity. Keeps no dump alive.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}
const JUMPS = new Set(["-j", "--jump", "-g", "--goto"]);
/** Shapes remembered at most (a real dump has a few dozen); past it new shapes are not learned. */
const MAX_SHAPES = 4096;
/** Templates whose regex is tried before scanning a line: consecutive lines mostly share a few shapes. */
const RECENT = 6;

function valueAt(text: string, buf: WordBuffer, w: number): string {
  const start = buf.start[w]!;
  const end = buf.end[w]!;
  if (buf.type[w] !== QUOTED) return text.slice(start, end);
  const inner = text.slice(start + 1, end - 1);
  return buf.escaped[w] ? inner.replace(/\\(.)/g, "$1") : inner;
}

/** The values of a line by capture group: from the regex match, or from the word scan. */
type Values = ArrayLike<string | undefined>;

function fill(template: Template, text: string, values: Values): RuleCommand {
  const slots = template.slots;
  const group = template.group;
  const options: RuleOption[] = new Array(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const words = slot.words;
    const last = slot.last;
    if (last !== null) {
      let same = true;
      for (let k = 0; k < words.length && same; k++) same = last.values[k] === values[group[words[k]!]!];
      if (same) {
        if (!slot.shared) {
          slot.last = { name: slot.name, values: last.values.map(detach), negated: slot.negated };
          slot.shared = true;
        }
        options[i] = slot.last!;
        continue;
      }
    }
    let vals: readonly string[];
    if (words.length === 0) vals = NO_VALUES;
    else if (words.length === 1) vals = [values[group[words[0]!]!]!];
    else vals = words.map((w) => values[group[w]!]!);
    const option: RuleOption = { name: slot.name, values: vals, negated: slot.negated };
    slot.last = option;
    slot.shared = false;
    options[i] = option;
  }
  const written = values[group[template.chainWord]!]!;
  let chain = template.lastChain;
  if (chain !== written) {
    chain = written;
    template.lastChain = chain;
    template.chainShared = false;
  } else if (!template.chainShared) {
    chain = detach(chain);
    template.lastChain = chain;
    template.chainShared = true;
  }
  const target = template.targetSlot < 0 ? null : options[template.targetSlot]!.values[0]!;
  const verb = "append";
  return { kind: "rule", verb, chain, position: null, options, target, goto: template.goto, counters: null, key: text };
}

/** The scanned line's values by the template's capture groups. */
function scannedValues(template: Template, text: string, buf: WordBuffer): string[] {
  const out: string[] = [];
  for (let w = 0; w < buf.count; w++) {
    const g = template.group[w]!;
    if (g > 0) out[g] = valueAt(text, buf, w);
  }
  return out;
}

/** The regex values of a match: quoted values unescaped in place. */
function matchedValues(template: Template, m: RegExpExecArray): Values {
  for (const g of template.quotedGroups) m[g] = unescapeQuoted(m[g]!);
  return m;
}

// Printable ASCII only: lines with tabs, control or other characters are left to the word scan.
const RX_WORD = "((?!--?[A-Za-z][A-Za-z0-9_-]*(?: |$))[#-~][!#-~]*)";
const RX_QUOTED = '"((?:[ !#-\\[\\]-~]|\\\\[ -~])*)"(?= |$)';
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The regex of a shape, and the capture group of each value word. */
function shapeRegex(buf: WordBuffer, text: string): { regex: RegExp; group: Int32Array; quotedGroups: number[] } {
  const parts: string[] = [];
  const group = new Int32Array(buf.count);
  const quotedGroups: number[] = [];
  let g = 0;
  for (let w = 0; w < buf.count; w++) {
    const type = buf.type[w];
    if (type === OPTION) parts.push(`${escapeRegex(text.slice(buf.start[w], buf.end[w]))}(?= |$)`);
    else if (type === BANG) parts.push("!(?= |$)");
    else {
      group[w] = ++g;
      if (type === QUOTED) quotedGroups.push(g);
      parts.push(type === QUOTED ? RX_QUOTED : RX_WORD);
    }
  }
  return { regex: new RegExp(`^ *${parts.join(" +")} *$`), group, quotedGroups };
}

function tokenType(token: IToken): number {
  switch (token.tokenType.name) {
    case "Bang":
      return BANG;
    case "OptionName":
      return OPTION;
    case "Word":
      return WORD;
    case "Quoted":
      return QUOTED;
    default:
      return 0;
  }
}

function sameTokens(buf: WordBuffer, tokens: readonly IToken[]): boolean {
  if (tokens.length !== buf.count) return false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.startOffset !== buf.start[k] || t.image.length !== buf.end[k]! - buf.start[k]!) return false;
    if (tokenType(t) !== buf.type[k]) return false;
  }
  return true;
}

const isValue = (type: number | undefined): boolean => type === WORD || type === QUOTED;

// The template chevrotain's parse of this line implies, or null when the line is not a plain `-A` rule.
function templateOf(buf: WordBuffer, text: string, read: ChevrotainRead): Template | null {
  const { result, tokens, parsed } = read;
  if (result.kind !== "rule" || result.verb !== "append" || result.note || result.counters || result.position !== null)
    return null;
  if (!tokens || !parsed || !sameTokens(buf, tokens)) return null;
  const slots: Slot[] = [];
  let chainWord = -1;
  let targetSlot = -1;
  let word = 0;
  for (let i = 0; i < parsed.options.length; i++) {
    const option = parsed.options[i]!;
    while (word < buf.count && buf.start[word] !== parsed.offsets[i]) word++;
    if (word >= buf.count || buf.type[word] !== OPTION) return null;
    let first = word + 1;
    if (buf.type[first] === BANG && isValue(buf.type[first + 1]) && option.values.length > 0) first++;
    const words: number[] = [];
    for (let w = first; w < first + option.values.length; w++) {
      if (w >= buf.count || !isValue(buf.type[w])) return null;
      words.push(w);
    }
    if (i === 0) {
      if (words.length !== 1) return null;
      chainWord = words[0]!;
      continue;
    }
    if (JUMPS.has(option.name)) targetSlot = slots.length;
    slots.push({
      name: internalized(option.name),
      negated: option.negated,
      words,
      last: null,
      shared: false,
      lastText: null,
      lastValue: null,
      lastDetached: false,
    });
  }
  if (chainWord < 0) return null;
  const goto = targetSlot >= 0 && (slots[targetSlot]!.name === "-g" || slots[targetSlot]!.name === "--goto");
  const slotOfWord = new Int32Array(buf.count).fill(-1);
  slots.forEach((slot, i) => {
    for (const w of slot.words) slotOfWord[w] = i;
  });
  const compact = slots.every((slot) => slot.words.length <= 1);
  return {
    ...shapeRegex(buf, text),
    chainWord,
    slots,
    targetSlot,
    goto,
    lastChain: null,
    chainShared: false,
    types: buf.type.slice(0, buf.count),
    slotOfWord,
    shape: compact
      ? {
          names: slots.map((x) => x.name),
          negated: slots.map((x) => x.negated),
          goto,
          quoted: slots.map((x) => x.words.length === 1 && buf.type[x.words[0]!] === QUOTED),
        }
      : null,
  };
}

// The quote at `at` is escaped: an odd number of backslashes stands before it (inside the quoted word from `from`).
function escapedQuote(text: string, from: number, at: number): boolean {
  let k = at - 1;
  while (k >= from && text.charCodeAt(k) === 92) k--;
  return (at - 1 - k) % 2 === 1;
}

/** A slot's value at [start, end) of the line (a quoted word's range includes its quotes). */
function slotValue(slot: Slot, text: string, start: number, end: number, quoted: boolean): string {
  const a = quoted ? start + 1 : start;
  const b = quoted ? end - 1 : end;
  const last = slot.lastText;
  if (last !== null && last.length === b - a && text.startsWith(last, a)) {
    if (!slot.lastDetached) {
      const same = slot.lastValue === last;
      slot.lastText = detach(last);
      slot.lastValue = same ? slot.lastText : detach(slot.lastValue!);
      slot.lastDetached = true;
    }
    return slot.lastValue!;
  }
  const written = text.slice(a, b);
  const value = quoted && written.indexOf("\\") >= 0 ? unescapeQuoted(written) : written;
  slot.lastText = written;
  slot.lastValue = value;
  slot.lastDetached = false;
  return value;
}

// A slot's remembered values as copies (what a repeat of them makes in fill and slotValue).
function releaseSlot(slot: Slot): void {
  const last = slot.last;
  if (last !== null && !slot.shared) {
    slot.last = { name: slot.name, values: last.values.map(detach), negated: slot.negated };
    slot.shared = true;
  }
  if (slot.lastText !== null && !slot.lastDetached) {
    const same = slot.lastValue === slot.lastText;
    slot.lastText = detach(slot.lastText);
    slot.lastValue = same ? slot.lastText : detach(slot.lastValue!);
    slot.lastDetached = true;
  }
}

function sameOptions(a: readonly RuleOption[], b: readonly RuleOption[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name || x.negated !== y.negated || x.values.length !== y.values.length) return false;
    for (let k = 0; k < x.values.length; k++) if (x.values[k] !== y.values[k]) return false;
  }
  return true;
}

function sameCommand(a: RuleCommand, b: CommandResult): boolean {
  if (b.kind !== "rule" || b.note) return false;
  return (
    a.verb === b.verb &&
    a.chain === b.chain &&
    a.position === b.position &&
    a.target === b.target &&
    a.goto === b.goto &&
    a.counters === b.counters &&
    a.key === b.key &&
    sameOptions(a.options, b.options)
  );
}

/** Templates by shape; one per parse loop (parseCommand keeps a module-wide one). */
export class CommandTemplates {
  private readonly buf = new WordBuffer();
  private readonly shapes = new Map<number, Shape[]>();
  private size = 0;
  /** Lines filled from a template so far. */
  filled = 0;
  /** The last lookup scanned its text and found no shape for it: learn() may add one. */
  private learnable = false;

  /** Templates of the latest lines, most recent first. */
  private readonly recent: Template[] = [];

  /** The command for `text` from a recent template's regex (printable ASCII lines only), or null. */
  lookupPlain(text: string): RuleCommand | null {
    this.learnable = false;
    return this.fromRecent(text);
  }

  /** The command for `text` from its shape's template, or null when the chevrotain path must read it. */
  lookup(text: string): RuleCommand | null {
    this.learnable = false;
    const hit = this.fromRecent(text);
    if (hit !== null) return hit;
    const recent = this.recent;
    const buf = this.buf;
    if (!scanWords(text, buf)) return null;
    const list = this.shapes.get(buf.hash);
    if (list !== undefined) {
      for (const shape of list) {
        if (!this.matches(shape, text)) continue;
        const template = shape.template;
        if (template === null) return null;
        this.use(template, recent.indexOf(template));
        this.filled++;
        return fill(template, text, scannedValues(template, text, buf));
      }
    }
    this.learnable = this.size < MAX_SHAPES;
    return null;
  }

  /**
   * A line a recent template's regex matches (printable ASCII only), read as columns for a CompactRule: no
   * RuleOption objects, and a value equal to the same option's value on the previous line of the shape is
   * shared. Null when no recent template with one value per option matches; parseCommand reads it then.
   */
  readCompact(text: string): CompactRead | null {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const template = recent[i]!;
      if (template.shape === null || !template.regex.test(text)) continue;
      if (i > 0) this.use(template, i);
      this.filled++;
      return this.walk(template, text);
    }
    return null;
  }

  private readonly compactRead: CompactRead = {
    chain: "",
    target: null,
    shape: { names: [], negated: [], goto: false, quoted: [] },
    bounds: new Int32Array(0),
    at: 0,
  };
  private bounds = new Int32Array(BOUNDS_TABLE);
  private boundsUsed = 0;
  private lastChain = "";
  private chainDetached = true;

  // The words of a line its template's regex matched: words are separated by spaces, a quoted word ends at its
  // first unescaped quote (what the regex admits), so no character needs checking again.
  private walk(template: Template, text: string): CompactRead {
    const types = template.types;
    const slotOfWord = template.slotOfWord;
    const slots = template.slots;
    const width = 2 * slots.length;
    if (this.boundsUsed + width > this.bounds.length) {
      this.bounds = new Int32Array(Math.max(BOUNDS_TABLE, width));
      this.boundsUsed = 0;
    }
    const bounds = this.bounds;
    const at = this.boundsUsed;
    this.boundsUsed += width;
    bounds.fill(-1, at, at + width);
    let target: string | null = null;
    const n = text.length;
    let i = 0;
    for (let w = 0; w < types.length; w++) {
      while (text.charCodeAt(i) === 32) i++;
      const start = i;
      const quoted = types[w] === QUOTED;
      if (quoted) {
        let j = text.indexOf('"', i + 1);
        while (text.charCodeAt(j - 1) === 92 && escapedQuote(text, i + 1, j)) j = text.indexOf('"', j + 1);
        i = j + 1;
      } else {
        i = text.indexOf(" ", i);
        if (i < 0) i = n;
      }
      if (w === template.chainWord) this.chainAt(text, start, i);
      else {
        const s = slotOfWord[w]!;
        if (s < 0) continue;
        bounds[at + 2 * s] = quoted ? start + 1 : start;
        bounds[at + 2 * s + 1] = quoted ? i - 1 : i;
        // the target is kept as a string (one per run of the same target): every reader of a rule asks for it
        if (s === template.targetSlot) target = slotValue(slots[s]!, text, start, i, quoted);
      }
    }
    const out = this.compactRead;
    out.chain = this.lastChain;
    out.target = target;
    out.shape = template.shape!;
    out.bounds = bounds;
    out.at = at;
    return out;
  }

  // Consecutive rules mostly share their chain: one string per run of a chain.
  private chainAt(text: string, start: number, end: number): void {
    const last = this.lastChain;
    if (last.length === end - start && text.startsWith(last, start)) {
      if (!this.chainDetached) {
        this.lastChain = detach(last);
        this.chainDetached = true;
      }
      return;
    }
    this.lastChain = text.slice(start, end);
    this.chainDetached = false;
  }

  /**
   * Once a dump is read: the values remembered from its last lines (kept to share with the next dump's lines) are
   * made copies, as a repeat would have made them, so this module-wide cache keeps no dump text alive.
   */
  release(): void {
    const read = this.compactRead;
    read.bounds = new Int32Array(0);
    read.target = null;
    read.chain = "";
    if (!this.chainDetached) {
      this.lastChain = detach(this.lastChain);
      this.chainDetached = true;
    }
    for (const list of this.shapes.values()) {
      for (const shape of list) {
        const template = shape.template;
        if (template === null) continue;
        if (template.lastChain !== null && !template.chainShared) {
          template.lastChain = detach(template.lastChain);
          template.chainShared = true;
        }
        for (const slot of template.slots) releaseSlot(slot);
      }
    }
  }

  private fromRecent(text: string): RuleCommand | null {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const template = recent[i]!;
      const m = template.regex.exec(text);
      if (m === null) continue;
      if (i > 0) this.use(template, i);
      this.filled++;
      return fill(template, text, matchedValues(template, m));
    }
    return null;
  }

  /** Shapes learned so far (with or without a template). */
  get shapeCount(): number {
    return this.size;
  }

  /** Records the shape of the text just looked up, with what chevrotain made of it. */
  learn(text: string, read: ChevrotainRead): void {
    if (!this.learnable) return;
    this.learnable = false;
    const buf = this.buf;
    let template = templateOf(buf, text, read);
    if (template !== null && !this.vouched(template, text, read)) template = null;
    if (template !== null) this.use(template, -1); // the next line of this shape can take the fast path
    const names: { word: number; name: string }[] = [];
    for (let w = 0; w < buf.count; w++) {
      if (buf.type[w] === OPTION) names.push({ word: w, name: detach(text.slice(buf.start[w], buf.end[w])) });
    }
    const shape: Shape = { count: buf.count, types: buf.type.slice(0, buf.count), names, template };
    const list = this.shapes.get(buf.hash);
    if (list) list.push(shape);
    else this.shapes.set(buf.hash, [shape]);
    this.size++;
  }

  // Filling the template in, from the scan and (for plain ASCII) from its regex, gives chevrotain's result.
  private vouched(template: Template, text: string, read: ChevrotainRead): boolean {
    const scanned = scannedValues(template, text, this.buf);
    if (!sameCommand(fill(template, text, scanned), read.result)) return false;
    const m = template.regex.exec(text);
    if (m === null) return !/^[ -~]*$/.test(text);
    return sameCommand(fill(template, text, matchedValues(template, m)), read.result);
  }

  // Moves a template to the front of the recent list (index -1: not in it yet).
  private use(template: Template, index: number): void {
    const recent = this.recent;
    if (index < 0) {
      recent.unshift(template);
      if (recent.length > RECENT) recent.pop();
      return;
    }
    for (let i = index; i > 0; i--) recent[i] = recent[i - 1]!;
    recent[0] = template;
  }

  private matches(shape: Shape, text: string): boolean {
    const buf = this.buf;
    if (shape.count !== buf.count) return false;
    for (let w = 0; w < shape.count; w++) if (shape.types[w] !== buf.type[w]) return false;
    for (const { word, name } of shape.names) {
      if (buf.end[word]! - buf.start[word]! !== name.length || !text.startsWith(name, buf.start[word])) return false;
    }
    return true;
  }
}
