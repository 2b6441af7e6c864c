import { describe, expect, test } from "vitest";
import { fitCell } from "../../src/ui/fit-cell.ts";
import { formatAge, formatCount, formatDuration, formatRate, formatShare, vipPort } from "../../src/ui/format.ts";
import { service } from "./helpers/builders.ts";

describe("formatting", () => {
  test("a missing value is a dash, and zero stays zero", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(undefined)).toBe("—");
    expect(formatRate(0)).toBe("0.00");
    expect(formatShare(null)).toBe("—");
    expect(formatShare(0)).toBe("0.0%");
    expect(formatCount(null)).toBe("—");
    expect(formatCount(0)).toBe("0");
  });

  test("rates, shares and counters stay short", () => {
    expect(formatRate(3.456)).toBe("3.46");
    expect(formatRate(12.34)).toBe("12.3");
    expect(formatRate(345.6)).toBe("346");
    expect(formatRate(12_345)).toBe("12.3k");
    expect(formatShare(1 / 3)).toBe("33.3%");
    expect(formatCount(99_999)).toBe("99999");
    expect(formatCount(1_234_567)).toBe("1.2M");
  });

  test("ages and durations", () => {
    expect(formatAge(999)).toBe("0s");
    expect(formatAge(42_000)).toBe("42s");
    expect(formatAge(300_000)).toBe("5m");
    expect(formatAge(-5)).toBe("0s");
    expect(formatDuration(85.4)).toBe("85 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
  });

  test("vip:port brackets IPv6 and names non-TCP protocols", () => {
    expect(vipPort(service("a/b:c", { clusterIP: "10.0.0.1", port: 80 }))).toBe("10.0.0.1:80");
    expect(vipPort(service("a/b:c", { clusterIP: "fd00::1", port: 53, protocol: "UDP" }))).toBe("[fd00::1]:53/udp");
    expect(vipPort(service("a/b:c", { clusterIP: null }))).toBe("—");
  });
});

describe("fitCell", () => {
  test("pads to the width, left or right", () => {
    expect(fitCell("ab", 4)).toBe("ab  ");
    expect(fitCell("ab", 4, "right")).toBe("  ab");
  });

  test("cuts with an ellipsis, counting characters not UTF-16 units", () => {
    expect(fitCell("abcdef", 4)).toBe("abc…");
    expect(fitCell("▁▂▃▄▅", 5)).toBe("▁▂▃▄▅");
    expect(fitCell("x", 0)).toBe("");
  });
});
