import { describe, expect, it } from "vitest";
import { parseDump } from "../../grammar/index.ts";
import { parseFixture, table } from "./helpers.ts";

describe("real pastes do not abort the parse", () => {
  it("reads the rules of a chat paste and reports prose, prompts and elisions by line", () => {
    const dump = parseFixture("prompts-prose.txt");
    const nat = table(dump, "nat");
    expect(nat.rules.map((r) => r.line)).toEqual([4, 5, 8]);
    expect(dump.duplicateRules).toBe(1);
    expect(dump.diagnostics).toEqual([
      { line: 1, column: 1, message: "not rule text" },
      { line: 3, column: 1, message: "shell prompt, not rule text" },
      { line: 6, column: 1, message: "not rule text" },
      { line: 7, column: 1, message: "shell prompt, not rule text" },
      { line: 9, column: 1, message: "duplicate of line 8, counted once" },
      { line: 11, column: 1, message: "not rule text" },
    ]);
  });

  it("tolerates leading whitespace and reports columns in the original line", () => {
    const dump = parseDump("*nat\n   -A X -j\nCOMMIT\n");
    expect(dump.diagnostics).toEqual([{ line: 2, column: 9, message: "-j needs a target" }]);
  });

  it("reads a truncated dump: the table stays uncommitted and the cut line is reported", () => {
    const dump = parseFixture("truncated.txt");
    const nat = table(dump, "nat");
    expect(nat.committed).toBe(false);
    expect(nat.rules).toHaveLength(2);
    expect(nat.rules[1]!.target).toBe("KUBE-SEP-");
    expect(dump.diagnostics).toEqual([{ line: 8, column: 57, message: "unterminated quote" }]);
  });

  it("reads CRLF line ends as if they were LF", () => {
    const dump = parseFixture("crlf.txt");
    expect(dump.diagnostics).toEqual([]);
    const nat = table(dump, "nat");
    expect(nat.committed).toBe(true);
    expect(nat.chains.get("PREROUTING")!.counters).toEqual({ packets: 5, bytes: 300 });
    expect(nat.rules[0]!.raw).toBe('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  });

  it("reports binary lines without reading them and keeps the text lines around them", () => {
    const dump = parseFixture("binary.txt");
    const nat = table(dump, "nat");
    expect(nat.rules.map((r) => r.line)).toEqual([4]);
    expect(nat.committed).toBe(true);
    expect(dump.diagnostics.map((d) => d.line)).toEqual([3, 5, 6]);
    expect(dump.diagnostics.every((d) => d.message.startsWith("binary data"))).toBe(true);
  });

  it("counts the same rule pasted twice in one chain once and keeps the first", () => {
    const dump = parseDump("*nat\n[1:60] -A X -j Y\n[9:540] -A X -j Y\n-A Z -j Y\nCOMMIT\n");
    const nat = table(dump, "nat");
    expect(nat.rules.map((r) => [r.line, r.counters?.packets ?? null])).toEqual([
      [2, 1],
      [4, null],
    ]);
    expect(dump.duplicateRules).toBe(1);
  });

  it("keeps the same rule text in two tables", () => {
    const dump = parseDump("*nat\n-A X -j Y\nCOMMIT\n*filter\n-A X -j Y\nCOMMIT\n");
    expect(dump.duplicateRules).toBe(0);
    expect(dump.tables.map((t) => t.rules.length)).toEqual([1, 1]);
  });

  it("reports syntax errors with a short reason and the column", () => {
    const messages = (line: string) =>
      parseDump(`*nat\n${line}\nCOMMIT\n`).diagnostics.map((d) => [d.column, d.message]);
    expect(messages("-A X hello -j Y")).toEqual([[1, "unexpected word after chain X"]]);
    expect(messages("-A X -j Y !")).toEqual([[12, "line ends after '!'"]]);
    expect(messages("-A X ! ! -s 1 -j Y")).toEqual([[8, "'!' must be followed by an option"]]);
    expect(messages("-A")).toEqual([[1, "-A needs a chain name"]]);
    expect(messages("-A X -j A B")).toEqual([[6, "extra word after -j target"]]);
    expect(messages("-Q X")).toEqual([[1, "expected a command (-A, -I, -N, -P, -X, -F), found -Q"]]);
    expect(messages("[1:2]")).toEqual([[6, "expected a rule after the counters"]]);
    expect(messages("Chain KUBE-SERVICES (2 references)")).toEqual([
      [1, "iptables -L output inside a save dump (paste a listing on its own)"],
    ]);
    expect(messages("iptables -t nat -S")).toEqual([[1, "shell command, not rule text"]]);
  });

  it("calls text with no dump syntax format unknown", () => {
    const dump = parseDump("hello\nworld\n");
    expect(dump.format).toBe("unknown");
    expect(dump.tables).toEqual([]);
    expect(dump.diagnostics).toHaveLength(2);
  });
});

describe("nftables text", () => {
  it("is named as nftables syntax so the model can say kube-proxy runs in nftables mode", () => {
    const dump = parseDump(
      'add table ip kube-proxy { comment "rules for kube-proxy" ; }\ntable ip kube-proxy {\n\tchain services {\n',
    );
    expect(dump.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [1, "nftables syntax (nft list / nft -f), not iptables rule text"],
      [2, "nftables syntax (nft list / nft -f), not iptables rule text"],
      [3, "nftables syntax (nft list / nft -f), not iptables rule text"],
    ]);
  });
});
