// The places of a dump's counters and dates (cuts), and reading a new dump's numbers at those places as bytes.

/** A cut holding `packets:bytes` (a rule's `[p:b]` prefix or a chain policy's counters). */
export const COUNTERS = 0;
/** A cut holding a date, up to the end of its line. */
export const DATE = 1;

/** Counters are 64-bit: 20 digits at most. */
const MAX_DIGITS = 20;
export const COLON = 58;
/** "0000" as a 32-bit word. */
const ZEROES = 0x30303030;
/** More than the bytes of a cut with the byte after it (20 + 1 + 20 + 1): what a run needs in hand per cut. */
export const CUT_BYTES = 64;

/**
 * Where the cuts are in the old text: cut k is [from[k], to[k]), a `:` at from[k] + colon[k] for counters; its
 * numbers are kept at values[2 * kept[k]] and after when kept[k] ≥ 0 (only counters someone reads are kept).
 */
export interface CutTable {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly colon: Uint8Array;
  readonly kinds: Uint8Array;
  readonly kept: Int32Array;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads `digits:digits` at `from` of `b` (before `end`); returns the index after it, or -1. Values go to out[at], out[at + 1]. */
export function readCounters(b: Uint8Array, from: number, end: number, out: Float64Array, at: number): number {
  let i = from;
  let v = 0;
  // digit by digit, as grammar/lines.ts counterPrefix computes them, so huge counters round the same way
  while (i < end && isDigitCode(b[i]!) && i - from <= MAX_DIGITS) v = v * 10 + (b[i++]! - 48);
  if (i === from || i - from > MAX_DIGITS || i >= end || b[i] !== COLON) return -1;
  out[at] = v;
  const start = ++i;
  v = 0;
  while (i < end && isDigitCode(b[i]!) && i - start <= MAX_DIGITS) v = v * 10 + (b[i++]! - 48);
  if (i === start || i - start > MAX_DIGITS) return -1;
  out[at + 1] = v;
  return i;
}

/**
 * Reads the counters cuts from cut `first` on (cut k at nb[from[k] + shift]) while their numbers are as wide as the
 * old ones and they start before `limit`, and zeroes their digits as the skeleton's are zeroed (so a run of lines
 * compares equal if all else is). Returns the first cut it did not take (nothing of it written), or kinds.length.
 * `n`: bytes in nb; `words`: a DataView of nb's memory.
 */
export function sameWidthRun(
  nb: Uint8Array,
  words: DataView,
  n: number,
  cuts: CutTable,
  values: Float64Array,
  first: number,
  shift: number,
  limit: number,
): number {
  const { from, to, colon: colonAt, kinds, kept } = cuts;
  let k = first;
  for (; k < kinds.length; k++) {
    if (kinds[k] !== COUNTERS) return k;
    const f = from[k]!;
    const at = f + shift;
    if (at >= limit) return k;
    const colon = at + colonAt[k]!;
    const end = at + (to[k]! - f);
    // the byte after the numbers must end them (then the run's compare finds the old `]` there or fails)
    if (end >= n || nb[colon] !== COLON || isDigitCode(nb[end]!)) return k;
    // digit by digit, as grammar/lines.ts counterPrefix computes them, so huge counters round the same way
    let p = 0;
    for (let i = at; i < colon; i++) {
      const c = nb[i]! - 48;
      if (c < 0 || c > 9) return k;
      p = p * 10 + c;
    }
    let v = 0;
    for (let i = colon + 1; i < end; i++) {
      const c = nb[i]! - 48;
      if (c < 0 || c > 9) return k;
      v = v * 10 + c;
    }
    const slot = kept[k]!;
    if (slot >= 0) {
      values[2 * slot] = p;
      values[2 * slot + 1] = v;
    }
    // four digits a store (byte stores cost about three times as much)
    let i = at;
    for (; i + 4 <= end; i += 4) words.setUint32(i, ZEROES);
    for (; i < end; i++) nb[i] = 48;
    nb[colon] = COLON;
  }
  return k;
}
