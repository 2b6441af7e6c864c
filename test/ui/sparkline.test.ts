import { describe, expect, test } from "vitest";
import { shareBar } from "../../src/ui/bar.ts";
import { sparkline } from "../../src/ui/sparkline.ts";

describe("sparkline", () => {
  test("scales to the largest point: the largest is a full block, zero the lowest", () => {
    expect(sparkline([0, 1, 2, 4, 8], 5)).toBe("▁▂▃▅█");
  });

  test("a missing point is a gap, never a zero", () => {
    expect(sparkline([4, null, 4], 3)).toBe("█ █");
    expect(sparkline([Number.NaN, 2, Number.POSITIVE_INFINITY], 3)).toBe(" █ ");
  });

  test("shows the newest points at the right and pads a short series on the left", () => {
    expect(sparkline([1, 2], 5)).toBe("   ▅█");
    expect(sparkline([9, 9, 9, 1, 2], 2)).toBe("▅█");
  });

  test("all zeros or an explicit max", () => {
    expect(sparkline([0, 0, 0], 3)).toBe("▁▁▁");
    expect(sparkline([5], 1, 10)).toBe("▅");
    expect(sparkline([20], 1, 10)).toBe("█");
  });

  test("any tiny non-zero rate stands above zero", () => {
    expect(sparkline([0, 0.001, 1000], 3)).toBe("▁▂█");
  });

  test("an empty series or no width", () => {
    expect(sparkline([], 4)).toBe("    ");
    expect(sparkline([1, 2, 3], 0)).toBe("");
  });
});

describe("shareBar", () => {
  test("fills in eighths and pads to the width", () => {
    expect(shareBar(1, 4)).toBe("████");
    expect(shareBar(0.5, 4)).toBe("██  ");
    expect(shareBar(1 / 3, 3)).toBe("█  ");
    expect(shareBar(0.25, 2)).toBe("▌ ");
    expect(shareBar(0, 3)).toBe("   ");
  });

  test("an unknown share draws nothing", () => {
    expect(shareBar(null, 3)).toBe("   ");
  });
});
