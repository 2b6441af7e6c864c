// The rate series of many keys in one buffer: a column of points per sample (one point per slot, NaN for a gap),
// column after column. Every live key gets a point in every sample, so a key's series is the last `size` points
// of its slot. A full buffer is swapped for a fresh one holding the last `length - 1` columns: a snapshot keeps
// reading the buffer it was taken from, and points it can see are never written again.

/** Where a snapshot reads series: column c of `block` holds sample `base + c`, `slots` points per column. */
export interface ColumnsRef {
  readonly block: Float64Array;
  readonly base: number;
  readonly slots: number;
}

/** The points of one slot's series ending at sample `sample`, oldest first; gaps (NaN) as null. */
export function readSeries(ref: ColumnsRef, slot: number, sample: number, size: number): (number | null)[] {
  const out = new Array<number | null>(size);
  const { block, base, slots } = ref;
  for (let k = 0; k < size; k++) {
    const v = block[(sample - size + 1 + k - base) * slots + slot]!;
    out[k] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/** The point of one slot at sample `sample` (the newest a snapshot sees), null for a gap. */
export function readPoint(ref: ColumnsRef, slot: number, sample: number): number | null {
  const v = ref.block[(sample - ref.base) * ref.slots + slot]!;
  return Number.isNaN(v) ? null : v;
}

/** Columns of a first buffer: it doubles up to the full width. */
const FIRST_WIDTH = 4;

/** Series of `length` points for slots 0…n; write this sample's points into `column`, then commit. */
export class SeriesColumns {
  /** This sample's point per slot. */
  column: Float64Array;
  /** The sample of each slot's first point. */
  private born: Int32Array;
  private ref: ColumnsRef;
  /** Columns per buffer: length plus slack, so a swap (a copy) happens once every `slack` samples. */
  private readonly width: number;

  constructor(readonly length: number) {
    this.width = length + Math.max(8, length >> 3);
    this.column = new Float64Array(16);
    this.born = new Int32Array(16);
    this.ref = { block: new Float64Array(FIRST_WIDTH * 16), base: 1, slots: 16 };
  }

  /** Makes room for slots 0…n - 1. */
  ensure(n: number): void {
    if (n <= this.column.length) return;
    const size = Math.max(n, this.column.length * 2);
    const column = new Float64Array(size);
    column.set(this.column);
    this.column = column;
    const born = new Int32Array(size);
    born.set(this.born);
    this.born = born;
  }

  /** Slot `slot` starts a new series at sample `sample`. */
  start(slot: number, sample: number): void {
    this.born[slot] = sample;
  }

  /** The sample of slot `slot`'s first point. */
  bornOf(slot: number): number {
    return this.born[slot]!;
  }

  /** Stores `column` as sample `sample` (one after the last commit) and returns where to read it. */
  commit(sample: number): ColumnsRef {
    const { block, base, slots } = this.ref;
    const at = sample - base;
    const n = this.column.length;
    if (at >= block.length / slots || n !== slots) {
      // a fresh buffer with the last length - 1 columns (laid out again when the slot count grew); buffers grow to
      // full width over the first samples, so a first poll of 30,000 endpoints holds a few columns, not 60
      const keep = Math.min(this.length - 1, at);
      const width = Math.min(this.width, Math.max(FIRST_WIDTH, 2 * (keep + 1)));
      const next = new Float64Array(width * n);
      if (n === slots) next.set(block.subarray((at - keep) * slots, at * slots));
      else
        for (let c = 0; c < keep; c++)
          next.set(block.subarray((at - keep + c) * slots, (at - keep + c + 1) * slots), c * n);
      this.ref = { block: next, base: sample - keep, slots: n };
    }
    const ref = this.ref;
    ref.block.set(this.column, (sample - ref.base) * n);
    return ref;
  }
}
