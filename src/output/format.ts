// Small value formatters shared by the text output: a missing value is "—", never 0.

/** A share 0..1 as a percentage with one decimal, or "—". */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "—";
  return `${(share * 100).toFixed(1)}%`;
}

/** A counter as a plain integer, or "—" when the dump had none. */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}

/** A rate in connections per second, or "—" when there is none yet. */
export function rate(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
