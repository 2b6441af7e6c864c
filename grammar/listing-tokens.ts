// Tokens of one `iptables -L` rule line: columns (counters, target, prot, opt, interfaces, addresses), then the
// match and target text (`/* comment */ tcp dpt:80 statistic mode random probability 0.5 to:10.0.0.1:80`).
import { createToken, type ILexerConfig, Lexer, type TokenType } from "chevrotain";

/** Spaces and tabs between words (any number: `column -t` output pads with several). */
export const LBlank = createToken({ name: "LBlank", pattern: /[ \t]+/, group: Lexer.SKIPPED });

/** Any word, keywords included: what a column or a value may be. Category only. */
export const AnyWord = createToken({ name: "AnyWord", pattern: Lexer.NA });

/** Words that are never keywords nor a lone `!`: plain words, numbers, the opt column. Category only. */
export const Plain = createToken({ name: "Plain", pattern: Lexer.NA, categories: [AnyWord] });

/** Words that open a segment of the match/target text (`tcp`, `statistic`, `to:…`). Category only. */
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });

/** A plain word up to the next blank; the first char is an explicit range (chevrotain first-char optimization). */
export const LWord = createToken({ name: "LWord", pattern: /[!-\uffff][^ \t]*/, categories: [Plain] });

/** `123`, `12K`, `3M`: a counter, a rule number or a numeric protocol. */
export const Count = createToken({ name: "Count", pattern: /\d+[KMGT]?/, longer_alt: LWord, categories: [Plain] });

/** The opt column: `--`, `-f`, `!f`. */
export const Opt = createToken({ name: "Opt", pattern: /[-!][-f]/, longer_alt: LWord, categories: [Plain] });

/** A `!` standing alone: negates what follows (`! ctstate`, `mark match ! 0x4000/0x4000`). */
export const LBang = createToken({ name: "LBang", pattern: "!", longer_alt: LWord, categories: [AnyWord] });

/** `[goto]`: the rule jumps with -g. */
export const GotoMark = createToken({ name: "GotoMark", pattern: "[goto]", longer_alt: LWord });

/** `/*` opens a comment; its words are read in the comment mode until `*\/`. */
export const CommentOpen = createToken({ name: "CommentOpen", pattern: "/*", longer_alt: LWord, push_mode: "comment" });
export const CommentWord = createToken({ name: "CommentWord", pattern: /[!-\uffff][^ \t]*/ });
/** `*\/` ends a comment; glued to more text (`*\/x`) it is a comment word. */
export const CommentClose = createToken({
  name: "CommentClose",
  pattern: "*/",
  longer_alt: CommentWord,
  pop_mode: true,
});

function keyword(name: string, pattern: string | RegExp): TokenType {
  return createToken({ name, pattern, longer_alt: LWord, categories: [AnyWord, Keyword] });
}

/** `tcp dpt:80`, `udp spt:53`, `sctp dpt:5060`, or the bare module name (`-m tcp` with no options). */
export const ProtoMatch = keyword("ProtoMatch", /udplite|tcp|udp|sctp|dccp/);
export const Multiport = keyword("Multiport", "multiport");
export const Statistic = keyword("Statistic", "statistic");
export const Recent = keyword("Recent", "recent:");
export const AddrType = keyword("AddrType", "ADDRTYPE");
export const MarkMatch = keyword("MarkMatch", "mark");
/** conntrack's printouts, longest names first so `ctorigsrcport` is not read as `ctorigsrc`. */
export const Conntrack = keyword(
  "Conntrack",
  /ct(?:state|status|proto|origsrcport|origdstport|replsrcport|repldstport|origsrc|origdst|replsrc|repldst|expire|dir)/,
);
export const State = keyword("State", "state");
export const MatchSet = keyword("MatchSet", "match-set");
export const Limit = keyword("Limit", "limit:");
export const Nfacct = keyword("Nfacct", "nfacct-name");
/** Target printouts: DNAT/SNAT `to:…`, MASQUERADE `masq ports:`, REDIRECT `redir ports`, MARK, REJECT. */
export const ToAddress = keyword("ToAddress", /to:[^ \t]*/);
export const Masq = keyword("Masq", "masq");
export const Redir = keyword("Redir", "redir");
export const RandomFully = keyword("RandomFully", "random-fully");
export const MarkTarget = keyword("MarkTarget", "MARK");
export const RejectWith = keyword("RejectWith", "reject-with");

/** The segment-opening keywords, in lexing order. */
export const keywordTokens: TokenType[] = [
  ProtoMatch,
  Multiport,
  Statistic,
  Recent,
  AddrType,
  MarkMatch,
  Conntrack,
  State,
  MatchSet,
  Limit,
  Nfacct,
  ToAddress,
  Masq,
  Redir,
  RandomFully,
  MarkTarget,
  RejectWith,
];

/** Every token type the listing parser knows (categories included). */
export const listingTokens: TokenType[] = [
  LBlank,
  CommentOpen,
  GotoMark,
  Opt,
  LBang,
  Count,
  ...keywordTokens,
  LWord,
  CommentClose,
  CommentWord,
  AnyWord,
  Plain,
  Keyword,
];

const modes = {
  modes: {
    // Opt before LBang: `!f` is the opt column, `!` alone a negation, `!eth0` a word.
    main: [LBlank, CommentOpen, GotoMark, Opt, LBang, Count, ...keywordTokens, LWord],
    comment: [LBlank, CommentClose, CommentWord],
  },
  defaultMode: "main",
};

/** Builds a lexer for listing rule lines; production passes skipValidations, tests pass ensureOptimizations. */
export function createListingLexer(config: ILexerConfig = {}): Lexer {
  return new Lexer(modes, { positionTracking: "onlyOffset", ...config });
}

/** The shared production lexer. */
export const listingLexer = createListingLexer({ skipValidations: true });
