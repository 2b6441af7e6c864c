// Values as iptables-restore reads them: `"a \"b\""` → `a "b"`.
import type { IToken } from "chevrotain";
import { Quoted } from "./tokens.ts";

/** The value a token stands for: bare words as written, quoted strings without quotes and escapes. */
export function tokenValue(token: IToken): string {
  const image = token.image;
  if (token.tokenType !== Quoted) return image;
  const end = isClosed(image) ? image.length - 1 : image.length;
  return unescapeQuoted(image.slice(1, end));
}

/** A quoted word's text between its quotes, without its escapes. */
export function unescapeQuoted(inner: string): string {
  return inner.indexOf("\\") < 0 ? inner : inner.replace(/\\(.)/g, "$1");
}

/** True when a quoted-string token ends with its closing quote (not an escaped one). */
export function isClosed(image: string): boolean {
  if (image.length < 2 || image.charCodeAt(image.length - 1) !== 34) return false;
  let backslashes = 0;
  for (let i = image.length - 2; i > 0 && image.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 0;
}
