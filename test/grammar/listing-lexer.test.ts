// The listing grammar's own lexer and parser: chevrotain's optimizations and validations hold.

import { describe, expect, it } from "vitest";
import { createValidatedListingParser, type ListingLayout, parseListingRow } from "../../grammar/listing-parser.ts";
import { createListingLexer } from "../../grammar/listing-tokens.ts";

const VERBOSE: ListingLayout = { num: false, counters: true, via: true, columned: false };
const LINES = [
  "   12   996 KUBE-SVC-N2UVAICOJ36Y2R5P  6    --  *      *       0.0.0.0/0            172.30.0.1           /* k/cluster-ip:http cluster IP */ tcp dpt:80",
  "    0     0            0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* other traffic */",
  "1235K  102M DROP       0    !f  !eth0  *      !127.0.0.0/8          127.0.0.0/8          ! ctstate RELATED,ESTABLISHED,DNAT",
  "    0     0 DNAT       6    --  *      *       0.0.0.0/0            0.0.0.0/0            /* a */ recent: SET name: tcp side: source mask: 255.255.255.255 tcp to:10.0.0.1:80",
  "    0     0 ACCEPT     all      lo     *       ::/0                 ::/0",
];

describe("the listing lexer and parser", () => {
  it("keeps chevrotain's first-char optimization (ensureOptimizations does not throw)", () => {
    const lexer = createListingLexer({ ensureOptimizations: true });
    const { tokens, errors } = lexer.tokenize(LINES[2]!);
    expect(errors).toEqual([]);
    expect(tokens.map((t) => t.tokenType.name)).toEqual([
      "Count",
      "Count",
      "LWord",
      "Count",
      "Opt",
      "LWord",
      "LWord",
      "LWord",
      "LWord",
      "LBang",
      "Conntrack",
      "LWord",
    ]);
  });

  it("passes chevrotain's grammar validations and parses like the production parser", () => {
    const validated = createValidatedListingParser();
    const lexer = createListingLexer();
    for (const line of LINES) {
      const tokens = lexer.tokenize(line).tokens;
      expect(validated.parse(tokens, line, VERBOSE)).toEqual(parseListingRow(tokens, line, VERBOSE));
    }
  });

  it("splits the columns by the header's layout and the text into segments", () => {
    const parse = (line: string) => parseListingRow(createListingLexer().tokenize(line).tokens, line, VERBOSE);
    expect(parse(LINES[1]!)).toMatchObject({ target: null, prot: "0", opt: "--", source: "0.0.0.0/0" });
    expect(parse(LINES[4]!)).toMatchObject({ target: "ACCEPT", prot: "all", opt: null, inIface: "lo" });
    expect(parse(LINES[3]!)).toMatchObject({
      segments: [
        { kind: "comment", text: "a" },
        // a keyword in a value slot (`name: tcp`) stays a value
        {
          kind: "keyword",
          keyword: "recent:",
          args: ["SET", "name:", "tcp", "side:", "source", "mask:", "255.255.255.255"],
        },
        { kind: "keyword", keyword: "tcp", args: [] },
        { kind: "keyword", keyword: "to:10.0.0.1:80", args: [] },
      ],
    });
  });

  it("reports a line with fewer columns than the header as an error, not a rule", () => {
    const line = "    0     0 ACCEPT";
    const result = parseListingRow(createListingLexer().tokenize(line).tokens, line, VERBOSE);
    expect("segments" in result).toBe(false);
  });
});
