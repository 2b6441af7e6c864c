import { describe, expect, it } from "vitest";
import { Ring } from "../../src/stats/ring.ts";

describe("Ring", () => {
  it("keeps the last `capacity` values, oldest first", () => {
    const ring = new Ring<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.size).toBe(3);
    expect(ring.last()).toBe(7);
  });

  it("visits values oldest first and can be cleared", () => {
    const ring = new Ring<number>(4);
    for (let i = 1; i <= 6; i++) ring.push(i);
    const seen: number[] = [];
    ring.forEach((v) => {
      seen.push(v);
    });
    expect(seen).toEqual([3, 4, 5, 6]);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
    expect(ring.last()).toBeUndefined();
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new Ring(0)).toThrow(RangeError);
    expect(() => new Ring(1.5)).toThrow(RangeError);
  });
});
