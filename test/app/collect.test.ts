import { describe, expect, it } from "vitest";
import { collectGarbage } from "../../src/app/collect.ts";

describe("collectGarbage", () => {
  it("runs a full collection: an unreachable 64 MB array is gone afterwards", () => {
    const before = process.memoryUsage().heapUsed;
    let big: number[] | null = new Array(8 * 1024 * 1024).fill(1.5);
    expect(process.memoryUsage().heapUsed - before).toBeGreaterThan(48 * 1024 * 1024);
    big = null;
    expect(big).toBeNull();
    expect(collectGarbage()).toBe(true);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 1024 * 1024);
  });
});
