// A template: what chevrotain made of the first line of a shape (its word types and option names), kept as a regex
// that matches exactly the plain-ASCII lines of that shape and the slots their values fill (command-templates.ts).

import type { IToken } from "chevrotain";
import type { CommandResult } from "./command.ts";
import type { OptionShape } from "./compact-rule.ts";
import type { ParsedLine } from "./parser.ts";
import { BANG, OPTION, QUOTED, WORD, type WordBuffer } from "./scan-words.ts";
import type { RuleOption } from "./types.ts";

/** What the chevrotain path saw and made of one line. */
export interface ChevrotainRead {
  readonly result: CommandResult;
  readonly tokens: readonly IToken[] | null;
  readonly parsed: ParsedLine | null;
}

export interface Slot {
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
export interface Template {
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
  /** Length of each option-name or bang word (the same on every line of the shape), 0 for value words. */
  readonly widths: Int32Array;
  /** The slot each value word fills, -1 for option names, bangs and the chain. */
  readonly slotOfWord: Int32Array;
  /** Names and negations for compact rules; null when an option of the shape has more than one value. */
  readonly shape: OptionShape | null;
}

/**
 * The engine's one shared copy of a string (property keys are interned): option names are compared against
 * literals ("-j", "--comment") for every rule, and two interned strings compare by identity. Keeps no dump alive.
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}
const JUMPS = new Set(["-j", "--jump", "-g", "--goto"]);

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
export function templateOf(buf: WordBuffer, text: string, read: ChevrotainRead): Template | null {
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
    widths: Int32Array.from(buf.type.slice(0, buf.count), (type, w) =>
      type === OPTION || type === BANG ? buf.end[w]! - buf.start[w]! : 0,
    ),
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
