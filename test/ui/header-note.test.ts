import { describe, expect, it } from "vitest";
import { checkDump } from "../../src/source/dump-check.ts";
import { unparsedNote } from "../../src/ui/Header.tsx";

describe("the header's note on unparsed lines", () => {
  it("names the line numbers so the user can find them in the paste", () => {
    expect(unparsedNote([{ line: 1 }, { line: 4 }])).toBe("2 input lines not understood (lines 1, 4)");
    expect(unparsedNote([{ line: 7 }])).toBe("1 input line not understood (line 7)");
  });

  it("shows the first eight and points to the JSON for the rest", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ line: i * 2 + 1 }));
    expect(unparsedNote(many)).toBe(
      "12 input lines not understood (lines 1, 3, 5, 7, 9, 11, 13, 15 …; --output json lists all)",
    );
  });
});

describe("what counts as rule-dump text for a file", () => {
  it("an iptables -L listing pasted with prose is a dump", () => {
    const paste = "Hi, here is my node:\nChain KUBE-SERVICES (2 references)\ntarget prot opt source destination\n";
    expect(checkDump(paste, "paste.txt")).toBe(paste);
  });

  it("text with no rule line at all is refused with its beginning", () => {
    expect(() => checkDump("hello world\n", "notes.txt")).toThrow(
      'notes.txt: no line of it is rule-dump text (it begins "hello world")',
    );
  });
});
