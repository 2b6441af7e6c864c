import { describe, expect, it } from "vitest";
import { Ring, Series } from "../../src/stats/ring.ts";

describe("Ring", () => {
  it("keeps the last `capacity` values, oldest first, and hands back what it drops", () => {
    const ring = new Ring<number>(3);
    const dropped = [];
    for (let i = 1; i <= 7; i++) dropped.push(ring.push(i));
    expect(dropped).toEqual([undefined, undefined, undefined, 1, 2, 3, 4]);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.size).toBe(3);
    expect(ring.last()).toBe(7);
  });

  it("can be cleared", () => {
    const ring = new Ring<number>(4);
    for (let i = 1; i <= 6; i++) ring.push(i);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
    expect(ring.last()).toBeUndefined();
    ring.push(9);
    expect(ring.toArray()).toEqual([9]);
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new Ring(0)).toThrow(RangeError);
    expect(() => new Ring(1.5)).toThrow(RangeError);
  });
});

describe("Series", () => {
  it("keeps the last `length` points with gaps as null", () => {
    const series = new Series(3);
    series.push(1);
    series.push(null);
    expect(series.toArray()).toEqual([1, null]);
    expect(series.last()).toBeNull();
    for (let i = 2; i <= 9; i++) series.push(i);
    expect(series.toArray()).toEqual([7, 8, 9]);
    expect(series.size).toBe(3);
    expect(series.last()).toBe(9);
  });

  it("a view taken earlier still shows the series as it was, however much is pushed later", () => {
    const series = new Series(4);
    const views: { at: number; view: () => (number | null)[] }[] = [];
    for (let i = 1; i <= 50; i++) {
      series.push(i % 7 === 0 ? null : i);
      views.push({ at: i, view: series.view() });
    }
    for (const { at, view } of views) {
      const expected = [];
      for (let i = Math.max(1, at - 3); i <= at; i++) expected.push(i % 7 === 0 ? null : i);
      expect(view()).toEqual(expected);
    }
  });
});
