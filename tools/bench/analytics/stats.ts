/** Small statistics helpers for the bench (plain numbers, no dependencies). */

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

export function quantile(xs: readonly number[], q: number): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

/** |ln((predicted + 1) / (actual + 1))|: symmetric in over/under, fine at zero. */
export function absLogError(predicted: number, actual: number): number {
  return Math.abs(Math.log((Math.max(0, predicted) + 1) / (Math.max(0, actual) + 1)));
}

/** Linear interpolation in a sorted {t, count} series; undefined outside it. */
export function interpolateSeries(series: readonly { t: number; count: number }[], t: number): number | undefined {
  let lo = 0;
  let hi = series.length - 1;
  const first = series[0];
  const last = series[hi];
  if (!first || !last || t < first.t || t > last.t) return undefined;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((series[mid] as { t: number }).t <= t) lo = mid;
    else hi = mid;
  }
  const a = series[lo] as { t: number; count: number };
  const b = series[hi] as { t: number; count: number };
  return b.t === a.t ? a.count : a.count + ((b.count - a.count) * (t - a.t)) / (b.t - a.t);
}

/** A share with its counts kept, so "n/a" (nothing to count) is never mistaken for 0%. */
export interface Fraction {
  hit: number;
  of: number;
}

export function fraction(hit: number, of: number): Fraction {
  return { hit, of };
}

/** The share, or null when there was nothing to count. */
export function shareOf(f: Fraction): number | null {
  return f.of > 0 ? f.hit / f.of : null;
}

/** NaN (the statistic of nothing) as null, for JSON and for "–" in tables. */
export function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
