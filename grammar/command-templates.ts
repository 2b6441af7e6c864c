// Rule lines of one shape parse alike. A shape is the line's word types and option names (values left out):
// `-A W -m W --comment Q -j W`. The first line of each shape goes through chevrotain (lexer, parser, to-rules);
// what the grammar did with it becomes a template, and later lines of that shape get their values filled in
// from the cheap word scan (scan-words.ts). A template is only kept when the scan matches chevrotain's tokens
// and filling it in reproduces chevrotain's result for that first line exactly; every other shape stays on
// the chevrotain path. Option objects whose values repeat (`-m comment`, `-j KUBE-MARK-MASQ`) are shared.

import type { RuleCommand } from "./command.ts";
import type { OptionShape } from "./compact-rule.ts";
import { detach } from "./detach.ts";
import { OPTION, QUOTED, scanWords, WordBuffer } from "./scan-words.ts";
import { type ChevrotainRead, type Template, templateOf } from "./template.ts";
import {
  escapedQuote,
  fill,
  matchedValues,
  releaseSlot,
  sameCommand,
  scannedValues,
  slotValue,
} from "./template-fill.ts";

export type { ChevrotainRead } from "./template.ts";

interface Shape {
  readonly count: number;
  readonly types: Uint8Array;
  /** Option-name words and their text. */
  readonly names: readonly { readonly word: number; readonly name: string }[];
  /** null: lines of this shape always take the chevrotain path. */
  readonly template: Template | null;
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

/** Shapes remembered at most (a real dump has a few dozen); past it new shapes are not learned. */
const MAX_SHAPES = 4096;
/** Templates whose regex is tried before scanning a line: consecutive lines mostly share a few shapes. */
const RECENT = 6;

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
    for (let k = at; k < at + width; k++) bounds[k] = -1;
    const widths = template.widths;
    const chainWord = template.chainWord;
    const targetSlot = template.targetSlot;
    let target: string | null = null;
    const n = text.length;
    let i = 0;
    for (let w = 0; w < types.length; w++) {
      while (text.charCodeAt(i) === 32) i++;
      const start = i;
      // an option name or a bang: the regex matched it as written in the template
      if (widths[w]! > 0) {
        i += widths[w]!;
        continue;
      }
      const quoted = types[w] === QUOTED;
      if (quoted) {
        let j = text.indexOf('"', i + 1);
        while (text.charCodeAt(j - 1) === 92 && escapedQuote(text, i + 1, j)) j = text.indexOf('"', j + 1);
        i = j + 1;
      } else {
        i = text.indexOf(" ", i);
        if (i < 0) i = n;
      }
      if (w === chainWord) this.chainAt(text, start, i);
      else {
        const s = slotOfWord[w]!;
        if (s < 0) continue;
        bounds[at + 2 * s] = quoted ? start + 1 : start;
        bounds[at + 2 * s + 1] = quoted ? i - 1 : i;
        // the target is kept as a string (one per run of the same target): every reader of a rule asks for it
        if (s === targetSlot) target = slotValue(slots[s]!, text, start, i, quoted);
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
