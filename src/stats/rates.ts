// Counter arithmetic: deltas that treat a decrease as a reset, rates guarded against zero time, shares.

/** The increase of a counter between two reads; null when either is unknown or the counter went down (a reset). */
export function counterDelta(previous: number | null, current: number | null): number | null {
  if (previous === null || current === null) return null;
  if (!Number.isFinite(previous) || !Number.isFinite(current)) return null;
  if (current < previous) return null;
  return current - previous;
}

/** Events per second for a delta over `elapsedSeconds`; null for an unknown delta or a non-positive interval. */
export function ratePerSecond(delta: number | null, elapsedSeconds: number | null): number | null {
  if (delta === null || elapsedSeconds === null) return null;
  if (!Number.isFinite(elapsedSeconds) || elapsedSeconds <= 0) return null;
  return delta / elapsedSeconds;
}

/** Sum of the known values of a series window (gaps count as nothing). */
export function sumKnown(values: Iterable<number | null>): number {
  let sum = 0;
  for (const v of values) if (v !== null) sum += v;
  return sum;
}

/** Each count's part of their total; all null when the total is zero (no traffic says nothing about shares). */
export function shares(counts: readonly number[]): (number | null)[] {
  let total = 0;
  for (const c of counts) total += c;
  if (total <= 0) return counts.map(() => null);
  return counts.map((c) => c / total);
}

/** Sum of rates when every one is known; null when any is a gap or there are none. */
export function sumRates(rates: readonly (number | null)[]): number | null {
  if (rates.length === 0) return null;
  let sum = 0;
  for (const r of rates) {
    if (r === null) return null;
    sum += r;
  }
  return sum;
}
