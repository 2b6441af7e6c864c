// Skew: is the spread of new connections over endpoints within chance of the configured shares? Pure.

/** Why loads drift from the configured shares; shown in help and next to a "skewed" result. */
export const SKEW_HELP =
  "iptables balances connections, not requests: each new connection picks an endpoint with the configured " +
  "probability, then every request on it goes to the same pod. Long-lived connections (HTTP/2, gRPC, keep-alive " +
  "pools, database pools) therefore pin load to a few pods. Session affinity (ClientIP) pins each client on purpose. " +
  "Remedies: a request-level balancer (service mesh, client-side gRPC balancing), shorter connection lifetimes.";

/** A p-value below this is called skewed: one chance in a thousand, so a busy dashboard rarely cries wolf. */
export const SKEW_ALPHA = 0.001;

/** The smallest expected count per endpoint for the chi-square approximation to hold. */
export const MIN_EXPECTED = 5;

export interface SkewTested {
  readonly insufficient: false;
  /** Pearson's statistic Σ (observed − expected)² / expected. */
  readonly chi2: number;
  /** Degrees of freedom: endpoints with a positive share, minus one. */
  readonly df: number;
  /** Probability of a spread at least this uneven if connections really followed the shares. */
  readonly pValue: number;
  readonly skewed: boolean;
  /** Connections counted. */
  readonly total: number;
}

export interface SkewInsufficient {
  readonly insufficient: true;
  /** Connections needed before the test can say anything; null when it never can (one endpoint, no shares). */
  readonly needed: number | null;
  readonly total: number;
}

export type SkewResult = SkewTested | SkewInsufficient;

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 10_000;

/** P(a, x) by its power series; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITER; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz); converges fast for x ≥ a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

/** The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function regularizedUpperGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0) || !Number.isFinite(a)) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return Math.min(1, Math.max(0, 1 - lowerSeries(a, x)));
  return Math.min(1, Math.max(0, upperFraction(a, x)));
}

/** Upper-tail probability of the chi-square distribution: P(X ≥ chi2) with df degrees of freedom. */
export function chiSquarePValue(chi2: number, df: number): number {
  if (!(df >= 1) || !(chi2 >= 0)) return Number.NaN;
  return regularizedUpperGamma(df / 2, chi2 / 2);
}

/**
 * Chi-square goodness of fit of observed connection counts per endpoint against the configured shares (same order).
 * Shares need not sum to 1 (they are normalised); endpoints with a zero share take no part unless they got traffic,
 * which no share explains (p = 0). Too few connections gives `insufficient` instead of a guess.
 */
export function skewTest(observed: readonly number[], shares: readonly number[], alpha = SKEW_ALPHA): SkewResult {
  if (observed.length !== shares.length) throw new RangeError("skewTest: observed and shares differ in length");
  const counts = observed.map((o) => (Number.isFinite(o) && o > 0 ? o : 0));
  const total = counts.reduce((s, o) => s + o, 0);
  const shareSum = shares.reduce((s, p) => s + (Number.isFinite(p) && p > 0 ? p : 0), 0);
  const live = shares.map((p, i) => ({ share: Number.isFinite(p) && p > 0 ? p / shareSum : 0, count: counts[i]! }));
  const positive = live.filter((e) => e.share > 0);
  if (shareSum <= 0 || positive.length < 2) return { insufficient: true, needed: null, total };
  const minShare = Math.min(...positive.map((e) => e.share));
  const needed = Math.max(MIN_EXPECTED * positive.length, Math.ceil(MIN_EXPECTED / minShare - 1e-9));
  if (total < needed) return { insufficient: true, needed, total };
  const df = positive.length - 1;
  if (live.some((e) => e.share === 0 && e.count > 0)) {
    return { insufficient: false, chi2: Number.POSITIVE_INFINITY, df, pValue: 0, skewed: true, total };
  }
  let chi2 = 0;
  for (const e of positive) {
    const expected = e.share * total;
    chi2 += (e.count - expected) ** 2 / expected;
  }
  const pValue = chiSquarePValue(chi2, df);
  return { insufficient: false, chi2, df, pValue, skewed: pValue < alpha, total };
}

/** A short phrase for a skew result: "skewed (p = 2.1e-9)", "within chance (p = 0.41)", "needs 40 connections". */
export function describeSkew(result: SkewResult): string {
  if (result.insufficient) {
    if (result.needed === null) return "no test (one endpoint)";
    return `too few connections to tell (${result.total} of ${result.needed} needed)`;
  }
  const p = result.pValue < 1e-4 ? result.pValue.toExponential(1) : result.pValue.toPrecision(2);
  return result.skewed ? `skewed (p = ${p})` : `within chance (p = ${p})`;
}
