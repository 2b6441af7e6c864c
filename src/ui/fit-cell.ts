// Fixed-width cells: pad or cut text to a width, with an ellipsis when cut.

/** `text` padded to exactly `width` characters, or cut with "…" when longer. */
export function fitCell(text: string, width: number, align: "left" | "right" = "left"): string {
  if (width <= 0) return "";
  const chars = [...text];
  if (chars.length > width) return chars.slice(0, width - 1).join("") + "…";
  const pad = " ".repeat(width - chars.length);
  return align === "right" ? pad + text : text + pad;
}
