// The per-key objects of a snapshot: one small object per service and endpoint per sample. A series is read out
// of its buffer on first use (most services are never drawn) and is the same array after that.

import { readPoints, type Series } from "./ring.ts";
import type { EndpointStats, ServiceStats } from "./types.ts";

/** A series as it was when the snapshot was taken, read on first use. */
abstract class WithSeries {
  readonly #points: Float64Array;
  readonly #end: number;
  readonly #size: number;
  #read: (number | null)[] | undefined;

  constructor(series: Series) {
    this.#points = series.buffer;
    this.#end = series.bufferEnd;
    this.#size = series.size;
  }

  get series(): (number | null)[] {
    this.#read ??= readPoints(this.#points, this.#end - this.#size, this.#end);
    return this.#read;
  }
}

/** One endpoint's stats in one snapshot. */
export class EndpointSnapshot extends WithSeries implements EndpointStats {
  readonly rate: number | null;

  constructor(
    readonly key: string,
    series: Series,
    readonly observedShare: number | null,
    readonly windowCount: number,
    readonly total: number | null,
  ) {
    super(series);
    this.rate = series.last();
  }
}

/** One service port's stats in one snapshot. */
export class ServiceSnapshot extends WithSeries implements ServiceStats {
  constructor(
    readonly name: string,
    readonly rate: number | null,
    series: Series,
    readonly windowCount: number,
    readonly endpoints: ReadonlyMap<string, EndpointStats>,
  ) {
    super(series);
  }
}
