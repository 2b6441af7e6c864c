// A horizontal bar in eighth blocks, for shares.

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/** A bar `width` cells wide filled to `share` (0..1), padded with spaces; all spaces for null. */
export function shareBar(share: number | null, width: number): string {
  if (width <= 0) return "";
  if (share === null || !Number.isFinite(share)) return " ".repeat(width);
  const eighths = Math.round(Math.max(0, Math.min(1, share)) * width * 8);
  const full = Math.floor(eighths / 8);
  const bar = "█".repeat(full) + (EIGHTHS[eighths % 8] ?? "");
  return bar + " ".repeat(width - [...bar].length);
}
