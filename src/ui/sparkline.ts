// Text sparklines: one block character per point, a space for a missing point.

const BLOCKS = "▁▂▃▄▅▆▇█";

/**
 * The last `width` points of `series` as ▁▂▃▄▅▆▇█, scaled to `max` (default: the largest point shown).
 * Null, NaN and infinite points are gaps (spaces); zero is the lowest block; a short series is padded on the left.
 */
export function sparkline(series: readonly (number | null)[], width: number, max?: number): string {
  if (width <= 0) return "";
  const points = series.slice(Math.max(0, series.length - width));
  const valid = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const top = max ?? points.reduce<number>((m, v) => (valid(v) && v > m ? v : m), 0);
  let out = " ".repeat(width - points.length);
  for (const v of points) {
    if (!valid(v)) out += " ";
    else if (v <= 0 || top <= 0) out += BLOCKS[0];
    else out += BLOCKS[Math.min(7, 1 + Math.floor((v / top) * 6.999))];
  }
  return out;
}
