/**
 * Small robust-statistics helpers. Every function returns a finite number for any input (empty
 * arrays, NaN, ±Infinity included), because nothing the analytics return may be NaN/Infinity.
 */

/** x when finite, else `fallback`. */
export function finite(x: number, fallback = 0): number {
  return Number.isFinite(x) ? x : fallback;
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, finite(x, lo)));
}

/** Rounds to `digits` decimals (for compact JSON); non-finite → 0, and −0 → 0 (JSON cannot keep it). */
export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  return finite(Math.round(finite(x) * f) / f) + 0;
}

/** Ascending copy without non-finite values (a typed array: sorted numerically, and fast, without a comparator). */
export function sortedFinite(values: readonly number[]): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) out[n++] = v;
  return (n === values.length ? out : out.subarray(0, n)).sort();
}

/** Linear-interpolated quantile (type 7) of an ascending array; 0 when empty. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = clamp(q, 0, 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  return a + ((sorted[hi] as number) - a) * (pos - lo);
}

export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(sortedFinite(values), q);
}

/**
 * The sample quantile a *new* draw falls below with probability q (conformal rank ⌈q(n+1)⌉,
 * interpolated): wider than the plain sample quantile when n is small, which is what a
 * prediction interval needs.
 */
export function predictiveQuantile(values: readonly number[], q: number): number {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  if (n < 2) return quantileSorted(sorted, q);
  return quantileSorted(sorted, clamp((q * (n + 1) - 1) / (n - 1), 0, 1));
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation around `center` (not scaled to σ); 0 for fewer than two values. */
export function mad(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

/** σ-consistent scale of a normal sample from its MAD. */
export const MAD_TO_SIGMA = 1.4826;

export function mean(values: readonly number[]): number {
  const xs = values.filter(Number.isFinite);
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Σ wᵢ·xᵢ / Σ wᵢ, summed in index order (the weighted centre a reweighted regression fits around). */
export function weightedMean(weights: ArrayLike<number>, xs: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = weights[i] as number;
    total += w;
    sum += w * (xs[i] as number);
  }
  return sum / total;
}

/** ln(1 + max(0, x)): the log scale counts are compared on (0 stays 0). */
export function log1pCount(x: number): number {
  return Math.log1p(Math.max(0, finite(x)));
}

/** Inverse of log1pCount. */
export function expm1Count(x: number): number {
  return Math.max(0, finite(Math.expm1(Math.min(700, finite(x)))));
}

/**
 * Upper tail P(X ≥ k) of a Poisson(mean): the count-aware test for small numbers, where a
 * z-score on logs would call 3 views after 0 a spike. Summed in log space so large means work.
 */
export function poissonUpperTail(k: number, mean: number): number {
  if (!(k > 0)) return 1;
  if (!(mean > 0)) return 0;
  const first = Math.ceil(k);
  if (first <= mean || first > 2000 || mean > 2000) return clamp(1 - poissonCdf(first - 1, mean), 0, 1);
  // Far in the upper tail 1 − CDF loses every digit: sum the tail's terms instead (they shrink fast).
  let logTerm = -mean + first * Math.log(mean) - logFactorial(first);
  let sum = 0;
  for (let i = first; i < first + 1000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-17) break;
    logTerm += Math.log(mean / (i + 1));
  }
  return clamp(sum, 0, 1);
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/** Lower tail P(X ≤ k) of a Poisson(mean). */
export function poissonLowerTail(k: number, mean: number): number {
  if (!(mean > 0)) return 1;
  if (k < 0) return 0;
  return poissonCdf(Math.floor(k), mean);
}

function poissonCdf(k: number, mean: number): number {
  // Far from the mean the normal approximation (with continuity correction) is accurate enough
  // for a significance threshold, and summing millions of terms is not.
  if (k > 2000 || mean > 2000) return normalCdf((k + 0.5 - mean) / Math.sqrt(mean));
  let logTerm = -mean;
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(mean / i);
    sum += Math.exp(logTerm);
  }
  return clamp(sum, 0, 1);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), accurate to ~1e-7. */
export function normalCdf(z: number): number {
  const x = finite(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return 0.5 * (1 + (x >= 0 ? y : -y));
}
