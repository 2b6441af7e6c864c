import { createToken, Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { createValidatedParser, parseOptions } from "../../grammar/parser.ts";
import { allTokens, createLexer } from "../../grammar/tokens.ts";

const LINE = `-A KUBE-SVC-A ! -s 10.244.0.0/16 -m comment --comment "a \\"b\\"" -s ! 1.2.3.4 --x=y -j KUBE-SEP-B`;

describe("the command-line lexer and parser", () => {
  it("keeps chevrotain's first-char optimization (ensureOptimizations does not throw)", () => {
    const lexer = createLexer({ ensureOptimizations: true });
    const { tokens, errors } = lexer.tokenize(LINE);
    expect(errors).toEqual([]);
    expect(tokens.map((t) => t.tokenType.name).slice(0, 5)).toEqual([
      "OptionName",
      "Word",
      "Bang",
      "OptionName",
      "Word",
    ]);
  });

  it("would fail that check for a token pattern chevrotain cannot optimize", () => {
    const bad = createToken({ name: "Bad", pattern: /[^x]+/ });
    expect(
      () => new Lexer([...allTokens, bad], { ensureOptimizations: true, positionTracking: "onlyOffset" }),
    ).toThrow();
  });

  it("passes chevrotain's grammar validations and parses like the production parser", () => {
    const parser = createValidatedParser();
    const tokens = createLexer().tokenize(LINE).tokens;
    const validated = parser.parse(tokens);
    expect(validated).toEqual(parseOptions(tokens));
    expect("options" in validated && validated.options.map((o) => [o.name, o.negated])).toEqual([
      ["-A", false],
      ["-s", true],
      ["-m", false],
      ["--comment", false],
      ["-s", true],
      ["-j", false],
    ]);
  });

  it("lexes --x=y as a word, not an option", () => {
    const tokens = createLexer().tokenize("--x=y --z").tokens;
    expect(tokens.map((t) => [t.tokenType.name, t.image])).toEqual([
      ["Word", "--x=y"],
      ["OptionName", "--z"],
    ]);
  });
});
