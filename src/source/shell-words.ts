// Splits a command line into argv the way sh would for plain words and quotes (no expansion of any kind).

import { SourceError } from "./errors.ts";

/** Splits `text` into words: whitespace separates; '…' is literal; "…" honours \" \\ \$ \`; \x escapes x. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === " " || c === "\t" || c === "\n") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw unterminated(text, "'");
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw unterminated(text, '"');
        const d = text[i] as string;
        if (d === '"') break;
        if (d === "\\" && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1] as string)) {
          if (text[i + 1] !== "\n") word += text[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      i++;
    } else if (c === "\\") {
      if (i + 1 < text.length && text[i + 1] !== "\n") word += text[i + 1];
      else if (i + 1 >= text.length) word += "\\";
      i += 2;
    } else {
      word += c;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function unterminated(text: string, quote: string): SourceError {
  return new SourceError("failed", `unbalanced ${quote} in command: ${text}`);
}
