// Filling a template in: a line's values into RuleOption objects (shared while they repeat line to line), or a
// compact read's values one slot at a time; and the check that a filled-in template says what chevrotain said.

import type { CommandResult, RuleCommand } from "./command.ts";
import { detach } from "./detach.ts";
import { QUOTED, type WordBuffer } from "./scan-words.ts";
import type { Slot, Template } from "./template.ts";
import type { RuleOption } from "./types.ts";
import { unescapeQuoted } from "./unquote.ts";

const NO_VALUES: readonly string[] = Object.freeze([]);

function valueAt(text: string, buf: WordBuffer, w: number): string {
  const start = buf.start[w]!;
  const end = buf.end[w]!;
  if (buf.type[w] !== QUOTED) return text.slice(start, end);
  const inner = text.slice(start + 1, end - 1);
  return buf.escaped[w] ? inner.replace(/\\(.)/g, "$1") : inner;
}

/** The values of a line by capture group: from the regex match, or from the word scan. */
export type Values = ArrayLike<string | undefined>;

export function fill(template: Template, text: string, values: Values): RuleCommand {
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
export function scannedValues(template: Template, text: string, buf: WordBuffer): string[] {
  const out: string[] = [];
  for (let w = 0; w < buf.count; w++) {
    const g = template.group[w]!;
    if (g > 0) out[g] = valueAt(text, buf, w);
  }
  return out;
}

/** The regex values of a match: quoted values unescaped in place. */
export function matchedValues(template: Template, m: RegExpExecArray): Values {
  for (const g of template.quotedGroups) m[g] = unescapeQuoted(m[g]!);
  return m;
}

// The quote at `at` is escaped: an odd number of backslashes stands before it (inside the quoted word from `from`).
export function escapedQuote(text: string, from: number, at: number): boolean {
  let k = at - 1;
  while (k >= from && text.charCodeAt(k) === 92) k--;
  return (at - 1 - k) % 2 === 1;
}

/** A slot's value at [start, end) of the line (a quoted word's range includes its quotes). */
export function slotValue(slot: Slot, text: string, start: number, end: number, quoted: boolean): string {
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
export function releaseSlot(slot: Slot): void {
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

export function sameCommand(a: RuleCommand, b: CommandResult): boolean {
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
