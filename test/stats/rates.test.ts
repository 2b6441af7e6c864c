import { describe, expect, it } from "vitest";
import { counterDelta, ratePerSecond, shares, sumRates } from "../../src/stats/rates.ts";

describe("counter arithmetic", () => {
  it("a rising counter gives its increase", () => {
    expect(counterDelta(10, 25)).toBe(15);
    expect(counterDelta(7, 7)).toBe(0);
  });

  it("a decrease is a reset, not a negative delta", () => {
    expect(counterDelta(100, 3)).toBeNull();
  });

  it("an unknown counter gives no delta", () => {
    expect(counterDelta(null, 3)).toBeNull();
    expect(counterDelta(3, null)).toBeNull();
  });

  it("a zero or negative interval gives no rate instead of infinity", () => {
    expect(ratePerSecond(10, 0)).toBeNull();
    expect(ratePerSecond(10, -1)).toBeNull();
    expect(ratePerSecond(10, Number.NaN)).toBeNull();
    expect(ratePerSecond(10, 2)).toBe(5);
  });

  it("shares of zero traffic are unknown, not equal", () => {
    expect(shares([0, 0])).toEqual([null, null]);
    expect(shares([1, 3])).toEqual([0.25, 0.75]);
  });

  it("a sum of rates with a gap in it is a gap", () => {
    expect(sumRates([1, null, 2])).toBeNull();
    expect(sumRates([])).toBeNull();
    expect(sumRates([1, 2])).toBe(3);
  });
});
