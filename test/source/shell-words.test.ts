import { describe, expect, it } from "vitest";
import { SourceError } from "../../src/source/errors.ts";
import { splitWords } from "../../src/source/shell-words.ts";

describe("splitWords", () => {
  it("splits on blanks and keeps quoted blanks", () => {
    expect(splitWords("  kubectl  exec -n kube-system  pod -- iptables-save -c ")).toEqual([
      "kubectl",
      "exec",
      "-n",
      "kube-system",
      "pod",
      "--",
      "iptables-save",
      "-c",
    ]);
    expect(splitWords(`ssh 'node 1' "a b" c\\ d`)).toEqual(["ssh", "node 1", "a b", "c d"]);
  });

  it("takes single quotes literally and honours escapes in double quotes", () => {
    expect(splitWords(`echo '$HOME \\n' "\\"x\\" \\$y \\q"`)).toEqual(["echo", "$HOME \\n", '"x" $y \\q']);
  });

  it("joins adjacent quoted parts into one word and keeps empty quoted words", () => {
    expect(splitWords(`a"b"'c' "" ''`)).toEqual(["abc", "", ""]);
  });

  it("does no expansion: pipes, globs and variables are plain words", () => {
    expect(splitWords("cat *.txt | grep $X")).toEqual(["cat", "*.txt", "|", "grep", "$X"]);
  });

  it("an unbalanced quote is an error that says so", () => {
    expect(() => splitWords(`echo "oops`)).toThrow(SourceError);
    expect(() => splitWords("echo 'oops")).toThrow(/unbalanced ' in command/);
  });
});
