import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { sanitize } from "../../src/ui/sanitize.ts";

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("sanitize", () => {
  test("plain and non-ASCII text is left alone", () => {
    expect(sanitize("kube-system/kube-dns:dns-tcp")).toBe("kube-system/kube-dns:dns-tcp");
    expect(sanitize("ns/naïve-名前:http → 10.0.0.1")).toBe("ns/naïve-名前:http → 10.0.0.1");
  });

  test.each([
    ["colour codes", "\u001b[31mred\u001b[0m", "red"],
    ["a window title (OSC … BEL)", "\u001b]0;pwned\u0007name", "name"],
    ["a hyperlink (OSC 8 … ST)", "\u001b]8;;http://evil.example\u001b\\click\u001b]8;;\u001b\\", "click"],
    ["clipboard write (OSC 52)", "a\u001b]52;c;ZXZpbA==\u0007b", "ab"],
    ["screen clear and cursor home", "\u001b[2J\u001b[Hx", "x"],
    ["a DCS string", "\u001bPq#0;2;0;0;0\u001b\\x", "x"],
    ["an APC string", "\u001b_Gf=100;AAAA\u001b\\y", "y"],
    ["8-bit CSI", "\u009b31mz", "z"],
    ["8-bit OSC", "\u009d0;title\u0007w", "w"],
    ["a terminal reset (ESC c)", "\u001bcX", "X"],
    ["an unterminated OSC swallows the rest", "ok\u001b]0;title never ends", "ok"],
    ["a lone ESC", "a\u001b", "a"],
    ["bell, NUL and backspace", "a\u0000b\u0007c\u0008d", "abcd"],
    ["tabs and newlines become spaces", "a\nb\tc\rd", "a b c d"],
    ["bidirectional overrides", "abc\u202edef\u2066g", "abcdefg"],
    ["DEL", "a\u007fb", "ab"],
  ])("strips %s", (_what, hostile, clean) => {
    expect(sanitize(hostile)).toBe(clean);
  });

  test("no control character survives, whatever the input", () => {
    const fragments = fc.constantFrom(
      "\u001b",
      "[",
      "]",
      "\u0007",
      "\\",
      "\u009b",
      "\u009c",
      "\u009d",
      "P",
      "0;",
      "m",
      "x",
    );
    const hostile = fc
      .array(fc.oneof(fragments, fc.string({ unit: "binary" })), { maxLength: 20 })
      .map((a) => a.join(""));
    fc.assert(
      fc.property(hostile, (s) => {
        const out = sanitize(s);
        expect(out).not.toMatch(CONTROL);
        expect(sanitize(out)).toBe(out);
      }),
    );
  });
});
