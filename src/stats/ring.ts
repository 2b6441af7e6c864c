// A fixed-capacity ring buffer: pushing past capacity drops the oldest item, so memory never grows.

/** A fixed-length FIFO of the last `capacity` values, oldest first. */
export class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer`);
  }

  /** Number of values held (at most `capacity`). */
  get size(): number {
    return this.items.length;
  }

  /** Appends a value, dropping the oldest when full. */
  push(value: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(value);
      return;
    }
    this.items[this.start] = value;
    this.start = (this.start + 1) % this.capacity;
  }

  /** The newest value, or undefined when empty. */
  last(): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.items[(this.start + this.items.length - 1) % this.items.length];
  }

  /** A copy of the values, oldest first. */
  toArray(): T[] {
    if (this.start === 0) return this.items.slice();
    return this.items.slice(this.start).concat(this.items.slice(0, this.start));
  }

  /** Calls `fn` on each value, oldest first. */
  forEach(fn: (value: T) => void): void {
    const n = this.items.length;
    for (let i = 0; i < n; i++) fn(this.items[(this.start + i) % n] as T);
  }

  /** Removes every value. */
  clear(): void {
    this.items.length = 0;
    this.start = 0;
  }
}
