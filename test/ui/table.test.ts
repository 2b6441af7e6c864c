import { describe, expect, test } from "vitest";
import { type Column, layoutColumns } from "../../src/ui/table.ts";

const col = (id: string, width: number, more: Partial<Column<string>> = {}): Column<string> => ({
  id,
  title: id,
  width,
  cell: (r) => ({ text: r }),
  ...more,
});
const cols = [
  col("name", 10, { flex: true, maxWidth: 30 }),
  col("type", 10, { drop: 2 }),
  col("spark", 8, { drop: 1 }),
  col("rate", 6),
];
const summary = (total: number) => layoutColumns(cols, total).map((p) => `${p.column.id}:${p.width}`);

describe("column layout", () => {
  test("the flex column takes the spare width, up to its maximum", () => {
    expect(summary(40)).toEqual(["name:13", "type:10", "spark:8", "rate:6"]);
    expect(summary(200)).toEqual(["name:30", "type:10", "spark:8", "rate:6"]);
  });

  test("narrow tables drop the column with the highest drop rank first", () => {
    expect(summary(30)).toEqual(["name:14", "spark:8", "rate:6"]);
    expect(summary(18)).toEqual(["name:11", "rate:6"]);
  });

  test("columns that may not be dropped stay even when nothing fits", () => {
    expect(summary(5)).toEqual(["name:10", "rate:6"]);
  });

  test("widths can depend on the table width", () => {
    const grow = [col("spark", 0, { width: (t) => (t > 100 ? 20 : 8) })];
    expect(layoutColumns(grow, 50)[0]?.width).toBe(8);
    expect(layoutColumns(grow, 150)[0]?.width).toBe(20);
  });
});
