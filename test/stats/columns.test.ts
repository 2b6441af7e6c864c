import { describe, expect, it } from "vitest";
import { type ColumnsRef, readPoint, readSeries, SeriesColumns } from "../../src/stats/columns.ts";

// Commits sample s with point (slot + 1) * 100 + s for each of `slots` slots (slot 1 has a gap every third sample).
function commit(cols: SeriesColumns, s: number, slots: number): ColumnsRef {
  cols.ensure(slots);
  for (let slot = 0; slot < slots; slot++)
    cols.column[slot] = slot === 1 && s % 3 === 0 ? Number.NaN : (slot + 1) * 100 + s;
  return cols.commit(s);
}

const expected = (slot: number, s: number): number | null => (slot === 1 && s % 3 === 0 ? null : (slot + 1) * 100 + s);

describe("SeriesColumns", () => {
  it("reads every slot's last `length` points at every sample, through the buffers' growth and swaps", () => {
    const length = 20;
    const cols = new SeriesColumns(length);
    for (let s = 1; s <= 200; s++) {
      const ref = commit(cols, s, 3);
      const size = Math.min(length, s);
      for (let slot = 0; slot < 3; slot++) {
        const want = Array.from({ length: size }, (_, k) => expected(slot, s - size + 1 + k));
        expect(readSeries(ref, slot, s, size)).toEqual(want);
        expect(readPoint(ref, slot, s)).toBe(expected(slot, s));
      }
    }
  });

  it("holds a few columns after a first sample of many slots, not the whole series length", () => {
    const cols = new SeriesColumns(60);
    const ref = commit(cols, 1, 30_000);
    expect(ref.block.length).toBeLessThan(10 * 30_000);
    expect(readPoint(ref, 29_999, 1)).toBe(30_000 * 100 + 1);
  });

  it("keeps the points a snapshot can see when later samples swap or grow the buffer", () => {
    const cols = new SeriesColumns(8);
    const refs: { ref: ColumnsRef; s: number }[] = [];
    for (let s = 1; s <= 40; s++) refs.push({ ref: commit(cols, s, s < 20 ? 2 : 5), s });
    for (const { ref, s } of refs) {
      const size = Math.min(8, s);
      const want = Array.from({ length: size }, (_, k) => expected(0, s - size + 1 + k));
      expect(readSeries(ref, 0, s, size)).toEqual(want);
    }
  });
});
