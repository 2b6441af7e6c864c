import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MIN_GAP, type Piece, rowPieces, type Span } from "../../src/ui/row-pieces.ts";

/** The line the pieces draw: each gap as spaces, then the piece's text. */
const drawn = (pieces: readonly Piece[]): string =>
  pieces.map((p) => " ".repeat(p.gap) + p.spans.map((s) => s.text).join("")).join("");
/** The pieces draw `spans`' line but for spaces at its end (which Ink drops anyway). */
const expectDrawn = (pieces: readonly Piece[], spans: readonly Span[]): void => {
  const line = spans.map((s) => s.text).join("");
  const d = drawn(pieces);
  expect(line.startsWith(d), `${JSON.stringify(d)} in ${JSON.stringify(line)}`).toBe(true);
  expect(line.slice(d.length).trim()).toBe("");
};
const span = (id: string, text: string, more: Partial<Span> = {}): Span => ({ id, text, ...more });

describe("row pieces", () => {
  test("wide runs of spaces become gaps, across cells too; spaces at the end are left out", () => {
    const spans = [
      span("marker", " "),
      span("name", ` ns/a:http${" ".repeat(20)}`),
      span("type", " ClusterIP "),
      span("rate", `${" ".repeat(MIN_GAP)}`),
    ];
    const pieces = rowPieces(spans, 80)!;
    expect(pieces.map((p) => p.gap)).toEqual([0, 21]);
    expect(drawn(pieces)).toBe(`  ns/a:http${" ".repeat(21)}ClusterIP`);
    expectDrawn(pieces, spans);
  });

  test("spaces at the end of one cell and the start of the next make one gap", () => {
    const pieces = rowPieces([span("vip", " 10.0.0.1:9090     "), span("eps", "    5")], 80)!;
    expect(pieces.map((p) => [p.gap, p.spans.map((s) => `${s.id}:${s.text}`)])).toEqual([
      [0, ["vip: 10.0.0.1:9090"]],
      [9, ["eps:5"]],
    ]);
  });

  test("printable ASCII and other text are separate pieces, text styled alike is one span", () => {
    const spans = [
      span("a", " 10.0.0.1:80"),
      span("b", "   3"),
      span("spark", " ▁▂▃", { tone: "accent" }),
      span("v", " ✓ ", { tone: "good", dim: true }),
    ];
    const pieces = rowPieces(spans, 80)!;
    expect(pieces.map((p) => p.spans.map((s) => s.text))).toEqual([[" 10.0.0.1:80   3"], [" ▁▂▃", " ✓"]]);
    expect(pieces.map((p) => p.gap)).toEqual([0, 0]);
  });

  test("a line that may be wider than its characters, or longer than the width, is not cut", () => {
    expect(rowPieces([span("name", " 服务")], 80)).toBeNull();
    expect(rowPieces([span("name", " 😀")], 80)).toBeNull();
    expect(rowPieces([span("name", ` ${"x".repeat(80)}`)], 80)).toBeNull();
    expect(rowPieces([span("name", ` ${"x".repeat(79)}`)], 80)).not.toBeNull();
  });

  test("for any narrow spans the pieces draw the same line, with no wide run of spaces left in them", () => {
    const text = fc.stringMatching(/^[ a-z0-9./:▁█✓—]{0,30}$/);
    const spans = fc.array(
      fc.record({ id: fc.constantFrom("a", "b", "c"), text, tone: fc.constantFrom(undefined, "accent" as const) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(spans, (ss) => {
        const pieces = rowPieces(ss, 1000)!;
        expectDrawn(pieces, ss);
        for (const p of pieces) for (const s of p.spans) expect(s.text).not.toContain(" ".repeat(MIN_GAP));
      }),
    );
  });
});
