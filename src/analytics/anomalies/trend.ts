/**
 * A video's own recent trend, fitted on its own snapshots and nothing else: views per hour as a
 * power of age, rate = e^c · age^b, on the intervals between its informative points, each
 * de-seasonalised by the audience's rhythm. A power law covers both families real videos follow:
 * over a day or two, a power-law decay is exactly this, and a saturating curve is a steepening
 * one, followed well enough by fitting recent intervals more than old ones. The fit is robust
 * (Huber) regression in log space, so a burst inside the reference moves it little.
 *
 * The noise scale is the series' own: residuals of the reference at the scale of the test
 * window, so a jittery small video and a smooth big one are each judged against themselves.
 */
import { MAD_TO_SIGMA, clamp, finite, median, weightedMean } from "../numbers";

export interface RateInterval {
  /** Ages in hours at the interval's ends. */
  fromAge: number;
  toAge: number;
  gained: number;
  /** Mean rhythm factor over the interval (1 = an average hour). */
  rhythm: number;
}

export interface PowerTrend {
  logLevel: number;
  exponent: number;
  /** σ of one reference interval's log residual. */
  sigma: number;
  /** Intervals behind the fit, and their weighted mean and spread of ln(age). */
  n: number;
  meanLnAge: number;
  sdLnAge: number;
}

/** Ages are floored here: the rate at posting is finite. */
const MIN_AGE_HOURS = 0.05;
const EXPONENT_RANGE = [-4, 2] as const;
const EXPONENT_PRIOR = { mean: -1, sd: 1 } as const;
/** Pseudo-count for zero gains in log space. */
const HALF = 0.5;

/** ∫ age^b d(age) between two ages. */
export function powerIntegral(b: number, fromAge: number, toAge: number): number {
  const a0 = Math.max(MIN_AGE_HOURS, fromAge);
  const a1 = Math.max(a0, toAge);
  if (Math.abs(b + 1) < 1e-9) return Math.log(a1 / a0);
  return (Math.pow(a1, b + 1) - Math.pow(a0, b + 1)) / (b + 1);
}

/** Views the trend expects between two ages, at rhythm factor `rhythm`. */
export function expectedGain(trend: PowerTrend, fromAge: number, toAge: number, rhythm: number): number {
  return finite(Math.exp(trend.logLevel) * powerIntegral(trend.exponent, fromAge, toAge) * rhythm);
}

/** Huber's tuning constant (in σ units): residuals beyond it count linearly, so a burst moves the fit little. */
const HUBER_K = 1.345;
const IRLS_ROUNDS = 3;

/**
 * Fits the trend by iteratively reweighted least squares with Huber weights on
 * ln(rate) = c + b · ln(age) at each interval's middle age; `weights` (e.g. favouring recent
 * intervals) default to 1. Intervals spanning more than a doubling of age (the first one after
 * posting) are left out of the fit: their middle age does not describe them.
 */
export function fitPowerTrend(intervals: readonly RateInterval[], weights?: readonly number[]): PowerTrend | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  const base: number[] = [];
  intervals.forEach((x, i) => {
    const a0 = Math.max(MIN_AGE_HOURS, x.fromAge);
    if (x.toAge > 2 * a0 || !(x.toAge > a0)) return;
    xs.push(Math.log((a0 + x.toAge) / 2));
    ys.push(Math.log((x.gained + HALF) / ((x.toAge - a0) * x.rhythm)));
    base.push(weights?.[i] ?? 1);
  });
  const n = xs.length;
  if (n < 2) return undefined;
  // Least squares, then Huber rounds at the scale of the first residuals, then the final scale.
  let robust = base;
  let c = 0;
  let b = 0;
  let scale = 0;
  const residualScale = () =>
    Math.max(0.05, MAD_TO_SIGMA * median(ys.map((y, i) => Math.abs(y - c - b * (xs[i] as number)))));
  for (let round = 0; round < IRLS_ROUNDS; round++) {
    const mx = weightedMean(robust, xs);
    const my = weightedMean(robust, ys);
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const w = robust[i] as number;
      const dx = (xs[i] as number) - mx;
      sxx += w * dx * dx;
      sxy += w * dx * ((ys[i] as number) - my);
    }
    // The exponent's prior, N(−1, 1): over a short span of ages the data barely pin it down, and an
    // unchecked slope over 30 hours at 300 h old would extrapolate a daily lull as a collapse.
    const noise = Math.max(0.1, scale || 0.3) ** 2;
    b = clamp(
      (sxy / noise + EXPONENT_PRIOR.mean / EXPONENT_PRIOR.sd ** 2) / (sxx / noise + 1 / EXPONENT_PRIOR.sd ** 2),
      ...EXPONENT_RANGE,
    );
    c = my - b * mx;
    if (round === 0) scale = residualScale();
    robust = ys.map((y, i) => {
      const u = Math.abs(y - c - b * (xs[i] as number)) / (HUBER_K * scale);
      return (base[i] as number) * (u <= 1 ? 1 : 1 / u);
    });
  }
  scale = residualScale();
  const totalW = base.reduce((s, x) => s + x, 0);
  const meanLnAge = xs.reduce((s, x, i) => s + x * (base[i] as number), 0) / totalW;
  const sdLnAge = Math.sqrt(xs.reduce((s, x, i) => s + (base[i] as number) * (x - meanLnAge) ** 2, 0) / totalW);
  return { logLevel: c, exponent: b, sigma: scale, n, meanLnAge, sdLnAge };
}

/**
 * σ of the trend's log prediction at a (mean) age: the level's error plus the exponent's,
 * growing with the distance from the reference's ages (a median's error is √(π/2) a mean's).
 */
export function predictionSigma(trend: PowerTrend, lnAge: number): number {
  const levelVar = ((Math.PI / 2) * trend.sigma ** 2) / trend.n;
  const slopeVar = trend.sigma ** 2 / (trend.n * Math.max(0.05, trend.sdLnAge) ** 2);
  return Math.sqrt(levelVar + (lnAge - trend.meanLnAge) ** 2 * slopeVar);
}

/**
 * σ of the log residual of windows about `windowHours` long: the reference intervals summed into
 * consecutive chunks of that length (newest first), each chunk's gain against the trend's. The
 * root of the median squared residual (over 0.455, the median of χ²₁) keeps any bias of the fit in
 * the scale. Undefined with fewer than three chunks.
 */
export function windowSigma(
  trend: PowerTrend,
  intervals: readonly RateInterval[],
  windowHours: number,
): number | undefined {
  const residuals: number[] = [];
  let gained = 0;
  let expected = 0;
  let hours = 0;
  for (let i = intervals.length - 1; i >= 0; i--) {
    const x = intervals[i] as RateInterval;
    gained += x.gained;
    expected += expectedGain(trend, x.fromAge, x.toAge, x.rhythm);
    hours += x.toAge - x.fromAge;
    if (hours >= 0.75 * windowHours) {
      residuals.push(Math.log((gained + HALF) / (expected + HALF)));
      gained = expected = hours = 0;
    }
  }
  if (residuals.length < 3) return undefined;
  return Math.sqrt(median(residuals.map((r) => r * r)) / 0.455);
}
