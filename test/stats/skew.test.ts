import { describe, expect, it } from "vitest";
import {
  chiSquarePValue,
  describeSkew,
  lnGamma,
  regularizedUpperGamma,
  SKEW_HELP,
  skewTest,
} from "../../src/stats/skew.ts";

describe("regularized upper incomplete gamma", () => {
  it("matches ln Γ at integers and halves", () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(lnGamma(100)).toBeCloseTo(359.1342053695754, 9);
  });

  it("equals e^-x for a = 1 on both sides of the series/fraction switch", () => {
    for (const x of [0.1, 1, 1.99, 2.01, 7, 30]) expect(regularizedUpperGamma(1, x)).toBeCloseTo(Math.exp(-x), 13);
  });

  it("equals erfc(√x) for a = 1/2", () => {
    // erfc(1) = 0.157299207050285, erfc(2) = 0.004677734981047
    expect(regularizedUpperGamma(0.5, 1)).toBeCloseTo(0.157299207050285, 12);
    expect(regularizedUpperGamma(0.5, 4)).toBeCloseTo(0.004677734981047, 13);
  });

  it("is 1 at x = 0 and NaN outside its domain", () => {
    expect(regularizedUpperGamma(3, 0)).toBe(1);
    expect(regularizedUpperGamma(0, 1)).toBeNaN();
    expect(regularizedUpperGamma(2, -1)).toBeNaN();
  });
});

describe("chi-square p-values", () => {
  it("reproduces the 5% critical values of the tables", () => {
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(3.84, 1)).toBeCloseTo(0.05004, 5);
    expect(chiSquarePValue(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(18.307038053275146, 10)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(124.34211340400407, 100)).toBeCloseTo(0.05, 9);
  });

  it("reproduces the 0.1% critical values of the tables", () => {
    expect(chiSquarePValue(10.827566170662733, 1)).toBeCloseTo(0.001, 11);
    expect(chiSquarePValue(29.58829844507442, 10)).toBeCloseTo(0.001, 11);
  });

  it("is 1 for a statistic of zero and tiny for a huge one", () => {
    expect(chiSquarePValue(0, 4)).toBe(1);
    const p = chiSquarePValue(500, 2);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-100);
  });
});

describe("skewTest", () => {
  it("calls an even spread within chance", () => {
    const r = skewTest([98, 103, 99], [1 / 3, 1 / 3, 1 / 3]);
    expect(r.insufficient).toBe(false);
    if (r.insufficient) return;
    expect(r.df).toBe(2);
    expect(r.chi2).toBeCloseTo(0.14, 10);
    expect(r.skewed).toBe(false);
    expect(r.pValue).toBeGreaterThan(0.9);
  });

  it("flags one pod taking nearly all the load", () => {
    const r = skewTest([280, 10, 10], [1 / 3, 1 / 3, 1 / 3]);
    expect(r).toMatchObject({ insufficient: false, skewed: true, df: 2, total: 300 });
    if (!r.insufficient) expect(r.pValue).toBeLessThan(1e-50);
  });

  it("compares against the configured shares, not an even split", () => {
    // 70/30 is exactly what a 0.7 / rest cascade should give
    expect(skewTest([700, 300], [0.7, 0.3])).toMatchObject({ skewed: false });
    expect(skewTest([500, 500], [0.7, 0.3])).toMatchObject({ skewed: true });
  });

  it("never flags a quiet service: too few connections is insufficient, with how many are needed", () => {
    const r = skewTest([4, 0, 0], [1 / 3, 1 / 3, 1 / 3]);
    expect(r).toEqual({ insufficient: true, needed: 15, total: 4 });
    // a small share raises the minimum so that each expected count is at least 5
    expect(skewTest([10, 0], [0.9, 0.1])).toEqual({ insufficient: true, needed: 50, total: 10 });
  });

  it("cannot test a single endpoint", () => {
    expect(skewTest([1000], [1])).toEqual({ insufficient: true, needed: null, total: 1000 });
  });

  it("treats traffic to an endpoint with no share as impossible under the shares", () => {
    expect(skewTest([50, 50, 5], [0.5, 0.5, 0])).toMatchObject({ insufficient: false, skewed: true, pValue: 0 });
  });

  it("rejects mismatched inputs", () => {
    expect(() => skewTest([1, 2], [1])).toThrow(RangeError);
  });

  it("describes results in plain words", () => {
    expect(describeSkew(skewTest([98, 103, 99], [1, 1, 1]))).toMatch(/^within chance \(p = 0\.9\d\)$/);
    expect(describeSkew(skewTest([280, 10, 10], [1, 1, 1]))).toMatch(/^skewed \(p = \d\.\de-\d+\)$/);
    expect(describeSkew(skewTest([4, 0, 0], [1, 1, 1]))).toBe("too few connections to tell (4 of 15 needed)");
    expect(SKEW_HELP).toContain("connections, not requests");
  });
});
