// The command-line grammar: a list of options, each `[!] -opt [!] value*`. One parser instance, reused.
// Embedded actions build the option list directly (no CST), so a rule line costs few allocations.
import { EmbeddedActionsParser, type IRecognitionException, type IToken, tokenMatcher } from "chevrotain";
import { allTokens, Bang, OptionName, Value } from "./tokens.ts";
import type { RuleOption } from "./types.ts";
import { tokenValue } from "./unquote.ts";

/** The options of one line, in order, with the 0-based offset of each option's name. */
export interface ParsedLine {
  readonly options: RuleOption[];
  readonly offsets: number[];
}

class CommandLineParser extends EmbeddedActionsParser {
  constructor(skipValidations: boolean) {
    super(allTokens, { maxLookahead: 2, skipValidations });
    this.performSelfAnalysis();
  }

  /**
   * line := ( "!"? OptionName "!"? Value* )*
   * The second "!" is the old `-s ! 10.0.0.1` form; a "!" after values starts the next option.
   */
  public line = this.RULE("line", (): ParsedLine => {
    const options: RuleOption[] = [];
    const offsets: number[] = [];
    const values: string[] = [];
    this.MANY(() => {
      let negated = false;
      this.OPTION(() => {
        this.CONSUME(Bang);
        negated = true;
      });
      const name = this.CONSUME(OptionName);
      // Old form only when a value follows: chevrotain's OPTION lookahead does not see the next MANY
      // iteration, so without the gate `-x ! -y` would give the "!" to -x.
      this.OPTION2({
        // biome-ignore lint/correctness/noComponentHookFactories: chevrotain's GATE option, not a component
        GATE: () => tokenMatcher(this.LA(2), Value),
        // biome-ignore lint/correctness/noComponentHookFactories: chevrotain's DEF option, not a component
        DEF: () => {
          this.CONSUME2(Bang);
          negated = true;
        },
      });
      const first = values.length;
      this.MANY2(() => {
        const value = this.CONSUME(Value);
        this.ACTION(() => values.push(tokenValue(value)));
      });
      this.ACTION(() => {
        options.push({ name: name.image, values: exact(values, first), negated });
        offsets.push(name.startOffset);
      });
    });
    return { options, offsets };
  });
}

const NO_VALUES: readonly string[] = Object.freeze([]);

/** The values pushed since `from`, as an array of exactly that size (pushed arrays over-allocate). */
function exact(values: string[], from: number): readonly string[] {
  const n = values.length - from;
  if (n === 0) return NO_VALUES;
  if (n === 1) return [values[from]!];
  return values.slice(from);
}

let shared: CommandLineParser | undefined;

/** Parses a token list into options; returns the first syntax error instead of throwing. */
export function parseOptions(tokens: IToken[]): ParsedLine | IRecognitionException {
  shared ??= new CommandLineParser(true);
  shared.input = tokens;
  const line = shared.line();
  return shared.errors[0] ?? line;
}

/** Drops the tokens of the last line parsed (their images are slices of a dump text). */
export function releaseParserInput(): void {
  if (shared !== undefined) shared.input = [];
}

/** Builds a fresh parser with grammar validations on (tests check the grammar is unambiguous). */
export function createValidatedParser(): { parse(tokens: IToken[]): ParsedLine | IRecognitionException } {
  const parser = new CommandLineParser(false);
  return {
    parse(tokens) {
      parser.input = tokens;
      const line = parser.line();
      return parser.errors[0] ?? line;
    },
  };
}
