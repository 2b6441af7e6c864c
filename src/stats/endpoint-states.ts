// Per-endpoint state of the stats engine, one slot per endpoint key, in typed arrays: last total and time, the
// counts of the last `window` samples and their sum, and the rate series (columns.ts).

import { SeriesColumns } from "./columns.ts";
import { counterDelta, ratePerSecond } from "./rates.ts";
import { grownColumns, grownFloat, grownInt, KeySlots } from "./slots.ts";

/** Endpoint keys and their state. */
export class EndpointStates {
  readonly keys = new KeySlots();
  readonly series: SeriesColumns;
  /** Index of the last sample the key was in (-1: never). */
  seen = new Int32Array(16);
  /** Packets as last read, NaN for null. */
  private total = new Float64Array(16);
  private at = new Float64Array(16);
  /**
   * Connections counted per sample over the window (gaps count 0), and their sum: a column per sample position
   * (sample % window) of one value per slot, so a sample writes one column front to back.
   */
  private deltas: Float64Array<ArrayBuffer>;
  private ringSize = new Int32Array(16);
  /** Connections counted over the window. */
  windowSum = new Float64Array(16);

  constructor(
    private readonly seriesLength: number,
    private readonly window: number,
  ) {
    this.series = new SeriesColumns(seriesLength);
    this.deltas = new Float64Array(16 * window);
  }

  /** The slot of `key`, made (with no history) when new; `hint` is tried first (-1: none). */
  slot(key: string, hint: number, sample: number): number {
    if (hint >= 0 && this.keys.keys[hint] === key) return hint;
    const ep = this.keys.slotOf(key);
    return ep >= 0 ? ep : this.add(key, sample);
  }

  /**
   * Steps slot `ep` to sample `s` with `packets` (NaN for null); `rewritten`: its chain was rewritten, so its
   * counts start afresh. Returns its rate (NaN for a gap).
   */
  step(ep: number, packets: number, rewritten: boolean, takenAt: number, s: number): number {
    // (NaN, for null, gives no delta as null does)
    const delta = this.seen[ep] === s - 1 && !rewritten ? counterDelta(this.total[ep]!, packets) : null;
    if (rewritten) {
      this.ringSize[ep] = 0;
      this.windowSum[ep] = 0;
    }
    this.pushDelta(ep, delta ?? 0, s);
    const r = delta === null ? null : ratePerSecond(delta, (takenAt - this.at[ep]!) / 1000);
    const rate = r ?? Number.NaN;
    this.series.column[ep] = rate;
    this.total[ep] = packets;
    this.at[ep] = takenAt;
    this.seen[ep] = s;
    return rate;
  }

  /** Keys absent from sample `s` get a gap (and a zero count); keys absent longer than a series holds are dropped. */
  absent(s: number): void {
    const keys = this.keys.keys;
    const column = this.series.column;
    for (let ep = 0; ep < keys.length; ep++) {
      const seen = this.seen[ep]!;
      if (seen === s || keys[ep] === undefined) continue;
      if (s - seen >= this.seriesLength) this.keys.remove(ep);
      else {
        column[ep] = Number.NaN;
        this.pushDelta(ep, 0, s);
      }
    }
  }

  private pushDelta(ep: number, delta: number, s: number): void {
    const window = this.window;
    const at = (s % window) * this.seen.length + ep;
    const size = this.ringSize[ep]!;
    this.windowSum[ep] = this.windowSum[ep]! + (delta - (size === window ? this.deltas[at]! : 0));
    this.deltas[at] = delta;
    if (size < window) this.ringSize[ep] = size + 1;
  }

  /**
   * Makes room for `n` slots at once: a first sample of 30,000 endpoints then allocates each array once, instead
   * of a dozen doublings whose copies all wait for the same GC.
   */
  reserve(n: number): void {
    if (n <= this.seen.length) return;
    const slots = this.seen.length;
    this.seen = grownInt(this.seen, n);
    this.deltas = grownColumns(this.deltas, this.window, slots, this.seen.length);
    this.total = grownFloat(this.total, n);
    this.at = grownFloat(this.at, n);
    this.ringSize = grownInt(this.ringSize, n);
    this.windowSum = grownFloat(this.windowSum, n);
    this.series.ensure(n);
  }

  private add(key: string, s: number): number {
    const ep = this.keys.add(key);
    this.reserve(this.keys.count);
    this.seen[ep] = -1;
    this.total[ep] = Number.NaN;
    this.at[ep] = 0;
    this.ringSize[ep] = 0;
    this.windowSum[ep] = 0;
    this.series.start(ep, s);
    return ep;
  }
}
