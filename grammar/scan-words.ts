// A cheap pre-lexer for the common case: splits a command line into words with the token types chevrotain's
// lexer (tokens.ts) would give them. It only says yes for plain printable ASCII where that is certain; anything
// else (control or non-ASCII characters, `!x`, a quote inside a word, an unterminated quote) makes it say no and
// the line goes through the chevrotain lexer. command-templates.ts checks its words against the lexer's tokens.

export const BANG = 1;
export const OPTION = 2;
export const WORD = 3;
export const QUOTED = 4;

/** Word boundaries and types of the last scanned line; reused between lines (no allocation per line). */
export class WordBuffer {
  start = new Int32Array(64);
  end = new Int32Array(64);
  type = new Uint8Array(64);
  /** 1 when a quoted word holds a backslash escape. */
  escaped = new Uint8Array(64);
  count = 0;
  /** A hash of the types and option names: the line's shape. */
  hash = 0;

  grow(): void {
    const n = this.start.length * 2;
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    const type = new Uint8Array(n);
    const escaped = new Uint8Array(n);
    start.set(this.start);
    end.set(this.end);
    type.set(this.type);
    escaped.set(this.escaped);
    this.start = start;
    this.end = end;
    this.type = type;
    this.escaped = escaped;
  }
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// [A-Za-z0-9_-]
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** `--?[A-Za-z][A-Za-z0-9_-]*` over the whole word [from, to). */
function isOptionName(text: string, from: number, to: number): boolean {
  let i = from + 1;
  if (i < to && text.charCodeAt(i) === 45) i++;
  if (i >= to || !isLetter(text.charCodeAt(i))) return false;
  for (i++; i < to; i++) if (!isNameChar(text.charCodeAt(i))) return false;
  return true;
}

/** Fills `buf` with the words of `text`; false when the line needs the real lexer. */
export function scanWords(text: string, buf: WordBuffer): boolean {
  const n = text.length;
  let i = 0;
  let count = 0;
  let hash = 0x811c9dc5;
  for (;;) {
    while (i < n && isBlank(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    const c = text.charCodeAt(i);
    let type: number;
    let escaped = 0;
    if (c === 33) {
      i++;
      if (i < n && !isBlank(text.charCodeAt(i))) return false;
      type = BANG;
    } else if (c === 34) {
      i++;
      for (;;) {
        if (i >= n) return false;
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d === 92) {
          const e = i + 1 < n ? text.charCodeAt(i + 1) : -1;
          if (!((e >= 32 && e <= 126) || e === 9)) return false;
          escaped = 1;
          i += 2;
          continue;
        }
        if (!((d >= 32 && d <= 126) || d === 9)) return false;
        i++;
      }
      i++;
      if (i < n && !isBlank(text.charCodeAt(i))) return false;
      type = QUOTED;
    } else {
      if (c < 33 || c > 126) return false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (isBlank(d)) break;
        if (d === 34 || d < 33 || d > 126) return false;
      }
      type = c === 45 && isOptionName(text, start, i) ? OPTION : WORD;
    }
    if (count === buf.start.length) buf.grow();
    buf.start[count] = start;
    buf.end[count] = i;
    buf.type[count] = type;
    buf.escaped[count] = escaped;
    count++;
    hash = Math.imul(hash ^ type, 16777619);
    if (type === OPTION) for (let k = start; k < i; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 16777619);
  }
  buf.count = count;
  buf.hash = hash >>> 0;
  return true;
}
