// Tokens of one command line (`-A CHAIN ! -s 10.0.0.0/8 -m comment --comment "a b" -j X`).
import { createToken, type ILexerConfig, Lexer, type TokenType } from "chevrotain";

/** Spaces and tabs between words. */
export const Blank = createToken({ name: "Blank", pattern: /[ \t]+/, group: Lexer.SKIPPED });

/** Any value: a bare word or a double-quoted string. Category only, never lexed itself. */
export const Value = createToken({ name: "Value", pattern: Lexer.NA });

/**
 * A bare word: everything up to a blank or a double quote. The first char may not be `!` or `"` (their own
 * tokens) and is spelled as an explicit range (not a complement set) so the first-char optimization holds.
 */
export const Word = createToken({ name: "Word", pattern: /[#-\uffff][^ \t"]*/, categories: [Value] });

/** `-s`, `--dport`, `-j`: a dash or two and a letter, then a blank or the end. `--x=y` stays a Word. */
export const OptionName = createToken({ name: "OptionName", pattern: /--?[A-Za-z][A-Za-z0-9_-]*(?![^ \t])/ });

/** `"…"` with backslash escapes. The closing quote is optional so an unterminated quote lexes in linear time. */
export const Quoted = createToken({ name: "Quoted", pattern: /"(?:[^"\\]|\\.)*"?/, categories: [Value] });

/** `!` negates the option it precedes (or, old form, follows). */
export const Bang = createToken({ name: "Bang", pattern: /!/ });

/** All tokens in lexing order: OptionName must come before Word. */
export const allTokens: TokenType[] = [Blank, Bang, Quoted, OptionName, Word, Value];

/** Builds a lexer for command lines; production passes skipValidations, tests pass ensureOptimizations. */
export function createLexer(config: ILexerConfig = {}): Lexer {
  return new Lexer(allTokens, { positionTracking: "onlyOffset", ...config });
}

/** The shared production lexer. */
export const lineLexer = createLexer({ skipValidations: true });
