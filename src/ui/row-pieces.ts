// A table line cut into pieces of text with the wide runs of spaces between them left out: Ink turns every
// character it is given into an object on every frame, and the cells' padding is a third of a services list.

import type { Tone } from "./theme.ts";

/** Styled text as a cell draws it. */
export interface Span {
  readonly id: string;
  readonly text: string;
  readonly tone?: Tone | undefined;
  readonly dim?: boolean | undefined;
}

/** Text drawn `gap` columns after the previous piece ends. */
export interface Piece {
  readonly gap: number;
  readonly spans: readonly Span[];
}

/** Spaces in a row that become a gap instead of text (a gap costs Ink a node, a space an object per frame). */
export const MIN_GAP = 8;

// One column wide in every terminal and in Ink's measure: printable ASCII and the glyphs the tables draw.
const NARROW = /^[\x20-\x7e▁▂▃▄▅▆▇█✓✖▲—…·›]*$/;
/** Text Ink measures by its length (the rest it measures per grapheme). */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const SPACES = /( +)/;

/**
 * `spans` as pieces split at runs of MIN_GAP or more spaces (across spans too) and where printable ASCII meets other
 * text (Ink measures ASCII by length, the rest per grapheme); spaces at the end are left out. Null when a piece
 * could be wider than its characters or the line is longer than `width`: such a line is drawn whole, as before.
 */
export function rowPieces(spans: readonly Span[], width: number): Piece[] | null {
  let length = 0;
  for (const s of spans) {
    if (!NARROW.test(s.text)) return null;
    length += s.text.length;
  }
  if (length > width) return null;
  const pieces: { gap: number; spans: Span[]; ascii: boolean }[] = [];
  let spaces = 0;
  for (const s of spans) {
    const parts = s.text.split(SPACES);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i % 2 === 1) spaces += part.length;
      if (i % 2 === 1 || part === "") continue;
      const gap = spaces >= MIN_GAP ? spaces : 0;
      // spaces too few for a gap go with the text after them (unselected rows draw no background)
      const text = gap > 0 ? part : " ".repeat(spaces) + part;
      spaces = 0;
      const ascii = PRINTABLE_ASCII.test(text);
      const last = pieces[pieces.length - 1];
      if (!last || gap > 0 || last.ascii !== ascii) {
        pieces.push({ gap, spans: [{ id: s.id, text, tone: s.tone, dim: s.dim }], ascii });
        continue;
      }
      const end = last.spans[last.spans.length - 1]!;
      // text styled alike is one span: fewer nodes for React and Ink
      if (end.tone === s.tone && end.dim === s.dim)
        last.spans[last.spans.length - 1] = { ...end, text: end.text + text };
      else last.spans.push({ id: s.id, text, tone: s.tone, dim: s.dim });
    }
  }
  return pieces.map(({ gap, spans }) => ({ gap, spans }));
}
