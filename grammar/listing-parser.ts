// The grammar of one `iptables -L` rule line: the columns the header announced, then the match/target text as
// segments (a keyword and its words, a comment, or words no keyword claims). One parser instance, reused.
// biome-ignore-all lint/correctness/noComponentHookFactories: chevrotain's GATE/DEF/ALT options, not components
import { EmbeddedActionsParser, type IRecognitionException, type IToken, tokenMatcher } from "chevrotain";
import { isProtocolWord } from "./listing-names.ts";
import {
  AnyWord,
  CommentClose,
  CommentOpen,
  CommentWord,
  Count,
  GotoMark,
  Keyword,
  LBang,
  listingTokens,
  Opt,
  Plain,
} from "./listing-tokens.ts";

/** Which optional columns a chain's header line announced (`num`, `pkts bytes`, `in out`). */
export interface ListingLayout {
  readonly num: boolean;
  readonly counters: boolean;
  readonly via: boolean;
  /** The listing went through `column -t`: comment words are joined by one space, not copied. */
  readonly columned: boolean;
}

/** A piece of the match/target text. */
export type ListingSegment =
  | { readonly kind: "comment"; readonly text: string }
  /** A keyword (`tcp`, `statistic`, `to:…`) and the words after it; negated: a lone `!` stood before it. */
  | { readonly kind: "keyword"; readonly keyword: string; readonly negated: boolean; readonly args: readonly string[] }
  /** Words no keyword claims, kept as written. */
  | { readonly kind: "words"; readonly words: string[] };

/** One rule line, column by column, as printed. */
export interface ListingRow {
  readonly num: string | null;
  readonly packets: string | null;
  readonly bytes: string | null;
  /** Empty target column (a rule that only counts): null. */
  readonly target: string | null;
  readonly prot: string;
  readonly opt: string | null;
  readonly inIface: string | null;
  readonly outIface: string | null;
  readonly source: string;
  readonly destination: string;
  readonly goto: boolean;
  readonly segments: readonly ListingSegment[];
}

// Keywords whose first word is a name or value that may itself look like a keyword (`match-set state …`).
const VALUE_FIRST = new Set(["match-set", "nfacct-name", "state", "reject-with", "MARK"]);

class ListingLineParser extends EmbeddedActionsParser {
  layout: ListingLayout = { num: false, counters: false, via: false, columned: false };
  text = "";

  constructor(skipValidations: boolean) {
    super(listingTokens, { maxLookahead: 3, skipValidations });
    this.performSelfAnalysis();
  }

  /** row := num? (pkts bytes)? target? prot opt? (in out)? source destination segment* */
  public row = this.RULE("row", (): ListingRow => {
    const num = this.OPTION({ GATE: () => this.layout.num, DEF: () => this.CONSUME(Count).image }) ?? null;
    let packets: string | null = null;
    let bytes: string | null = null;
    this.OPTION2({
      GATE: () => this.layout.counters,
      DEF: () => {
        packets = this.CONSUME2(Count).image;
        bytes = this.CONSUME3(Count).image;
      },
    });
    const target = this.OPTION3({ GATE: () => this.targetPresent(), DEF: () => this.CONSUME(AnyWord).image }) ?? null;
    const prot = this.CONSUME2(AnyWord).image;
    const opt = this.OPTION4(() => this.CONSUME(Opt).image) ?? null;
    let inIface: string | null = null;
    let outIface: string | null = null;
    this.OPTION5({
      GATE: () => this.layout.via,
      DEF: () => {
        inIface = this.CONSUME3(AnyWord).image;
        outIface = this.CONSUME4(AnyWord).image;
      },
    });
    const source = this.CONSUME5(AnyWord).image;
    const destination = this.CONSUME6(AnyWord).image;
    const tail = this.SUBRULE(this.tail);
    return {
      num,
      packets,
      bytes,
      target,
      prot,
      opt,
      inIface,
      outIface,
      source,
      destination,
      goto: tail.goto,
      segments: tail.segments,
    };
  });

  /** tail := ( comment | "[goto]" | "!" | keyword arg* | word )* */
  private tail = this.RULE("tail", (): { goto: boolean; segments: ListingSegment[] } => {
    const segments: ListingSegment[] = [];
    let goto = false;
    let negate = false;
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const text = this.SUBRULE(this.comment);
            this.ACTION(() => segments.push({ kind: "comment", text }));
          },
        },
        {
          ALT: () => {
            this.CONSUME(GotoMark);
            goto = true;
          },
        },
        {
          ALT: () => {
            this.CONSUME(LBang);
            negate = true;
          },
        },
        {
          ALT: () => {
            const keyword = this.CONSUME(Keyword).image;
            const args = this.SUBRULE(this.args, { ARGS: [keyword] });
            this.ACTION(() => {
              segments.push({ kind: "keyword", keyword, negated: negate, args });
              negate = false;
            });
          },
        },
        {
          ALT: () => {
            const word = this.CONSUME(Plain).image;
            this.ACTION(() => {
              addWord(segments, negate ? `! ${word}` : word);
              negate = false;
            });
          },
        },
      ]);
    });
    this.ACTION(() => {
      if (negate) addWord(segments, "!");
    });
    return { goto, segments };
  });

  /** The words after a keyword: plain words, a `!` not negating a next keyword, a keyword in a value slot. */
  private args = this.RULE("args", (keyword: string): string[] => {
    const args: string[] = [];
    this.MANY({
      GATE: () => this.argAllowed(keyword, args),
      DEF: () => {
        const word = this.CONSUME(AnyWord).image;
        this.ACTION(() => args.push(word));
      },
    });
    return args;
  });

  /** comment := "/*" word* "*\/"? — the text between, as printed (or words joined by one space after column -t). */
  private comment = this.RULE("comment", (): string => {
    this.CONSUME(CommentOpen);
    let first: IToken | null = null;
    let last: IToken | null = null;
    const words: string[] = [];
    this.MANY(() => {
      const word = this.CONSUME(CommentWord);
      this.ACTION(() => {
        first ??= word;
        last = word;
        words.push(word.image);
      });
    });
    this.OPTION(() => this.CONSUME(CommentClose));
    return this.ACTION(() => {
      if (first === null || last === null) return "";
      if (this.layout.columned) return words.join(" ");
      const end = (last as IToken).startOffset + (last as IToken).image.length;
      return this.text.slice((first as IToken).startOffset, end);
    });
  });

  // The target column is empty when the opt column follows right away (`0 -- …`), or, with no opt column
  // (old ip6tables), when a protocol comes first and no protocol follows it.
  private targetPresent(): boolean {
    if (this.LA(2).tokenType === Opt) return false;
    if (this.LA(3).tokenType === Opt) return true;
    return !(isProtocolWord(this.LA(1).image) && !isProtocolWord(this.LA(2).image));
  }

  private argAllowed(keyword: string, args: readonly string[]): boolean {
    const next = this.LA(1);
    const valueSlot =
      (args.length === 0 && VALUE_FIRST.has(keyword)) || (args.length > 0 && args[args.length - 1]!.endsWith(":"));
    if (tokenMatcher(next, Keyword)) return valueSlot;
    if (next.tokenType === LBang) return valueSlot || !tokenMatcher(this.LA(2), Keyword);
    return true;
  }
}

function addWord(segments: ListingSegment[], word: string): void {
  const last = segments[segments.length - 1];
  if (last?.kind === "words") last.words.push(word);
  else segments.push({ kind: "words", words: [word] });
}

let shared: ListingLineParser | undefined;

/** Parses a rule line's tokens under a layout; returns the first syntax error instead of throwing. */
export function parseListingRow(
  tokens: IToken[],
  text: string,
  layout: ListingLayout,
): ListingRow | IRecognitionException {
  shared ??= new ListingLineParser(true);
  return run(shared, tokens, text, layout);
}

/** Builds a fresh parser with grammar validations on (tests check the grammar is unambiguous). */
export function createValidatedListingParser(): {
  parse(tokens: IToken[], text: string, layout: ListingLayout): ListingRow | IRecognitionException;
} {
  const parser = new ListingLineParser(false);
  return { parse: (tokens, text, layout) => run(parser, tokens, text, layout) };
}

function run(
  parser: ListingLineParser,
  tokens: IToken[],
  text: string,
  layout: ListingLayout,
): ListingRow | IRecognitionException {
  parser.layout = layout;
  parser.text = text;
  parser.input = tokens;
  const row = parser.row();
  return parser.errors[0] ?? row;
}
