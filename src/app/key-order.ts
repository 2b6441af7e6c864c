// Row positions ordered by a number per row, largest first, ties in position order: two sorts of plain numbers
// (the engine's native typed-array sort) instead of a comparator called ~14 times per row.

const POSITION_BITS = 2 ** 26;

/** The positions 0..n-1 ordered by `keys` descending, equal keys by position; NaN counts as -Infinity, -0 as 0. */
export function descendingOrder(keys: Float64Array): Uint32Array {
  const n = keys.length;
  if (n >= POSITION_BITS) throw new RangeError(`too many rows to order: ${n}`);
  const clean = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    clean[i] = Number.isNaN(k) ? Number.NEGATIVE_INFINITY : k + 0;
  }
  const sorted = clean.slice().sort();
  // each key's rank from the top (equal keys share it) above its position, in one exactly representable number
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = clean[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    packed[i] = (n - lo) * POSITION_BITS + i;
  }
  packed.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % POSITION_BITS;
  return order;
}
