/**
 * The shapes counters follow. Views accumulate along a log-logistic curve (velocity peaks in the
 * first hours, then decays as a power law: the long tail TikTok videos show), in "activity time"
 * (a clock that runs faster while the audience is awake), sampled with per-slot jitter so each
 * 30-minute delta is noisy while the counter stays non-decreasing.
 */
import { hash, unit } from "./hash.ts";
import { DAY_MS, HOUR_MS, SLOT_MS } from "./time.ts";

/** Share of the eventual total reached at `ageMs`: 0 at birth, ½ at `halfMs`, → 1. */
export function logLogistic(ageMs: number, halfMs: number, shape: number): number {
  if (!(ageMs > 0)) return 0;
  return 1 / (1 + Math.pow(halfMs / ageMs, shape));
}

/** Age at which a log-logistic curve reaches `share` of its total (its inverse). */
export function logLogisticAge(share: number, halfMs: number, shape: number): number {
  return halfMs * Math.pow(share / (1 - share), 1 / shape);
}

/**
 * A clock whose rate is 1 + amplitude·sin(2π(t − phase)/day): views come ~±amplitude faster at
 * the audience's peak hour than at night. Monotone for amplitude < 1; only differences matter.
 */
export function activityClock(tMs: number, amplitude: number, phaseMs: number): number {
  return tMs - ((amplitude * DAY_MS) / (2 * Math.PI)) * Math.cos((2 * Math.PI * (tMs - phaseMs)) / DAY_MS);
}

/**
 * A non-decreasing `smooth(t)` observed with deterministic per-slot noise. At each slot boundary
 * t_j the value is smooth(t_j + u_j·amount·slot) with u_j ∈ [0, 1) hashed from (key, j); between
 * boundaries it is interpolated. Since t_j + u_j·amount·slot < t_{j+1} ≤ t_{j+1} + u_{j+1}·…, the
 * result stays non-decreasing for amount ≤ 1 while each slot's increment varies by up to ±amount.
 */
export function jittered(tMs: number, key: number, amount: number, smooth: (tMs: number) => number): number {
  const j = Math.floor(tMs / SLOT_MS);
  const frac = (tMs - j * SLOT_MS) / SLOT_MS;
  const v0 = smooth(j * SLOT_MS + amount * unit(hash(key, j)) * SLOT_MS);
  if (frac === 0) return v0;
  const v1 = smooth((j + 1) * SLOT_MS + amount * unit(hash(key, j + 1)) * SLOT_MS);
  return v0 + frac * (v1 - v0);
}

/** Hours to ms, for parameters written in hours. */
export function hours(h: number): number {
  return h * HOUR_MS;
}
