import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { descendingOrder } from "../../src/app/key-order.ts";

// the order a comparator sort gives: larger keys first, equal keys by position
const byComparator = (keys: readonly number[]): number[] => {
  const k = keys.map((v) => (Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v));
  return k.map((_, i) => i).sort((i, j) => (k[j]! > k[i]! ? 1 : k[j]! < k[i]! ? -1 : i - j));
};

describe("descending order by key", () => {
  test("largest first, ties in position order", () => {
    expect([...descendingOrder(Float64Array.from([1, 3, 2, 3, 1]))]).toEqual([1, 3, 2, 0, 4]);
  });

  test("-Infinity and NaN come last together, in position order; -0 ties with 0", () => {
    const keys = Float64Array.from([Number.NaN, 0, Number.NEGATIVE_INFINITY, -0, 0.5, Number.NaN]);
    expect([...descendingOrder(keys)]).toEqual([4, 1, 3, 0, 2, 5]);
  });

  test("no rows, no positions", () => {
    expect(descendingOrder(new Float64Array(0)).length).toBe(0);
  });

  test("equals a comparator sort for any keys", () => {
    const key = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double(),
      fc.constantFrom(0, -0, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 200 }), (keys) => {
        expect([...descendingOrder(Float64Array.from(keys))]).toEqual(byComparator(keys));
      }),
    );
  });
});
