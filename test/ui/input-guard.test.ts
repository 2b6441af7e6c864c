import { EventEmitter } from "node:events";
import { describe, expect, test } from "vitest";
import { dropUnusedSequences, guardInput } from "../../src/ui/input-guard.ts";

describe("input guard", () => {
  test("keeps letters and the movement and editing keys", () => {
    for (const key of [
      "q",
      "/",
      "\r",
      "\u001b",
      "\u001b[A",
      "\u001b[B",
      "\u001b[H",
      "\u001b[F",
      "\u001b[5~",
      "\u001b[6~",
      "\u001b[3~",
      "\u001b[1;5A",
    ]) {
      expect(dropUnusedSequences(key)).toBe(key);
    }
  });

  test("drops the sequences Ink crashes on or would type as text", () => {
    expect(dropUnusedSequences("\u001b[1;5P")).toBe(""); // Ctrl+F1 (ink#901)
    expect(dropUnusedSequences("\u001b[31m")).toBe("");
    expect(dropUnusedSequences("\u001b[I")).toBe(""); // focus in (ink#1013)
    expect(dropUnusedSequences("\u001b[<0;10;20M")).toBe(""); // SGR mouse report
    expect(dropUnusedSequences("\u001b[24;80R")).toBe(""); // cursor position report
    expect(dropUnusedSequences("a\u001b[2Kb")).toBe("ab");
  });

  test("filters what the stream's read returns and can be undone", () => {
    const chunks = ["x\u001b[1;5Py", null];
    const stdin = Object.assign(new EventEmitter(), { read: () => chunks.shift() ?? null });
    const undo = guardInput(stdin as unknown as NodeJS.ReadStream);
    expect(stdin.read()).toBe("xy");
    expect(stdin.read()).toBeNull();
    undo();
    chunks.push("\u001b[31m");
    expect(stdin.read()).toBe("\u001b[31m");
  });
});
