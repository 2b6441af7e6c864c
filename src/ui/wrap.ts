// Word wrapping for prose on screen (verdicts, help): lines no wider than the terminal, by code points like fitCell.

const length = (s: string): number => [...s].length;

/**
 * `text` broken at spaces into lines of at most `width` characters. The first line keeps the text's own leading
 * spaces; the others start with `hanging` spaces. Spaces inside a line are kept as they are (aligned columns stay
 * aligned); a word too long for a line is cut across lines.
 */
export function wrapText(text: string, width: number, hanging = 0): string[] {
  const lead = /^ */.exec(text)?.[0] ?? "";
  const words = [...text.slice(lead.length).matchAll(/([^ ]+)( *)/g)];
  const indent = " ".repeat(Math.max(0, Math.min(hanging, width - 1)));
  const room = (prefix: string): number => Math.max(1, width - length(prefix));
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  let gap = "";
  for (const [, word = "", after = ""] of words) {
    let chars = [...word];
    const before = gap;
    gap = after;
    if (!empty && length(line) + before.length + chars.length <= width) {
      line += before + word;
      continue;
    }
    if (!empty) {
      lines.push(line);
      line = indent;
    }
    // a word longer than a whole line is cut
    while (chars.length > room(line)) {
      const n = room(line);
      lines.push(line + chars.slice(0, n).join(""));
      chars = chars.slice(n);
      line = indent;
    }
    line += chars.join("");
    empty = false;
  }
  lines.push(line);
  return lines;
}
