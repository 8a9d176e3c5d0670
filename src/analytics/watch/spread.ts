import { quantile, round } from "../numbers";
import type { Spread } from "./types";

/** The spread of finite values (null with none): quantiles rounded to 4 decimals. */
export function spread(values: readonly (number | null | undefined)[]): Spread | null {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (!finite.length) return null;
  const q = (p: number) => round(quantile(finite, p), 4);
  return { n: finite.length, p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9) };
}

/** A share as a creator reads it: "73%" (below 1%: "0.4%"). */
export function percent(share: number): string {
  const p = share * 100;
  return p > 0 && p < 1 ? `${Math.round(p * 10) / 10}%` : `${Math.round(p)}%`;
}

/** "the middle half of your videos: 62–71%". */
export function middleHalf(s: Spread): string {
  return `${percent(s.p25)}–${percent(s.p75)}`;
}
