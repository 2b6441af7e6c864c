// Bounded buffers per key: a ring for window sums, and a series whose earlier views stay valid as it grows.

/** A fixed-length FIFO of the last `capacity` values, oldest first. */
export class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {
    checkLength(capacity);
  }

  /** Number of values held (at most `capacity`). */
  get size(): number {
    return this.items.length;
  }

  /** Appends a value; returns the value dropped to make room, or undefined while not full. */
  push(value: T): T | undefined {
    if (this.items.length < this.capacity) {
      this.items.push(value);
      return undefined;
    }
    const dropped = this.items[this.start];
    this.items[this.start] = value;
    this.start = (this.start + 1) % this.capacity;
    return dropped;
  }

  /** The newest value, or undefined when empty. */
  last(): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.items[(this.start + this.items.length - 1) % this.items.length];
  }

  /** A copy of the values, oldest first. */
  toArray(): T[] {
    const n = this.items.length;
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = this.items[(this.start + i) % n] as T;
    return out;
  }

  /** Removes every value. */
  clear(): void {
    this.items.length = 0;
    this.start = 0;
  }
}

/**
 * The last `length` points of a rate series (null = gap). Points go into a Float64Array (NaN for a gap, so numbers are
 * not boxed) that is only ever extended, and is swapped for a fresh copy of the last `length` points when full at
 * `length` plus some slack: a view taken earlier keeps reading the old array, so snapshots need not copy their
 * series up front. Memory per series: length + max(8, length / 8) doubles (50k series at 10k services).
 */
export class Series {
  private points: Float64Array;
  private end = 0;

  constructor(readonly length: number) {
    checkLength(length);
    this.points = new Float64Array(length + Math.max(8, length >> 3));
  }

  /** Appends a point (null for a gap), dropping the oldest beyond `length`. */
  push(value: number | null): void {
    if (this.end === this.points.length) {
      const next = new Float64Array(this.points.length);
      next.set(this.points.subarray(this.end - this.length + 1, this.end));
      this.points = next;
      this.end = this.length - 1;
    }
    this.points[this.end++] = value === null ? Number.NaN : value;
  }

  /** The newest point, or null when empty or a gap. */
  last(): number | null {
    if (this.end === 0) return null;
    const v = this.points[this.end - 1] as number;
    return Number.isNaN(v) ? null : v;
  }

  /** Number of points in the series (at most `length`). */
  get size(): number {
    return Math.min(this.end, this.length);
  }

  /** A function returning the series as it is now (oldest first), however much is pushed later. */
  view(): () => (number | null)[] {
    const points = this.points;
    const end = this.end;
    return () => readPoints(points, end - Math.min(end, this.length), end);
  }

  /** The buffer and end of the series as it is now: readPoints(buffer, end - size, end) reads it, however much is pushed later. */
  get buffer(): Float64Array {
    return this.points;
  }

  get bufferEnd(): number {
    return this.end;
  }

  /** The series as it is now, oldest first. */
  toArray(): (number | null)[] {
    return this.view()();
  }
}

/** Points [start, end) of a series buffer, gaps (NaN) as null. */
export function readPoints(points: Float64Array, start: number, end: number): (number | null)[] {
  const out = new Array<number | null>(end - start);
  for (let i = start; i < end; i++) {
    const v = points[i] as number;
    out[i - start] = Number.isNaN(v) ? null : v;
  }
  return out;
}

function checkLength(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("buffer length must be a positive integer");
}
