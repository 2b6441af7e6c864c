// Stable keys to dense slot numbers, so per-key state lives in typed arrays; forgotten keys' slots are reused.

/** Keys and their slots. */
export class KeySlots {
  private readonly index = new Map<string, number>();
  /** The key of each slot, undefined for a free one. */
  readonly keys: (string | undefined)[] = [];
  private readonly free: number[] = [];

  /** Keys held. */
  get size(): number {
    return this.index.size;
  }

  /** Slots in use or free: per-slot arrays must be at least this long. */
  get count(): number {
    return this.keys.length;
  }

  /** The slot of `key`, or -1. */
  slotOf(key: string): number {
    return this.index.get(key) ?? -1;
  }

  /** A slot for a key not held yet (a free one, or a new one at `count - 1`). */
  add(key: string): number {
    const slot = this.free.pop() ?? this.keys.length;
    this.keys[slot] = key;
    this.index.set(key, slot);
    return slot;
  }

  /** Forgets the key of `slot`. */
  remove(slot: number): void {
    const key = this.keys[slot];
    if (key === undefined) return;
    this.index.delete(key);
    this.keys[slot] = undefined;
    this.free.push(slot);
  }
}

/** `a` or a copy at least `n` long (doubling), the old values kept and the new ones `fill`. */
export function grownFloat(a: Float64Array<ArrayBuffer>, n: number, fill = 0): Float64Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const out = new Float64Array(Math.max(n, a.length * 2)).fill(fill, a.length);
  out.set(a);
  return out;
}

/** Int32Array version of grownFloat. */
export function grownInt(a: Int32Array<ArrayBuffer>, n: number, fill = 0): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const out = new Int32Array(Math.max(n, a.length * 2)).fill(fill, a.length);
  out.set(a);
  return out;
}

/** `columns` columns of `from` values each, laid out again as columns of `to` values (new ones 0). */
export function grownColumns(
  a: Float64Array<ArrayBuffer>,
  columns: number,
  from: number,
  to: number,
): Float64Array<ArrayBuffer> {
  const out = new Float64Array(columns * to);
  for (let c = 0; c < columns; c++) out.set(a.subarray(c * from, (c + 1) * from), c * to);
  return out;
}
