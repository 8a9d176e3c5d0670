/**
 * Scoring one window against its expectation. Two tests must agree before anything is called
 * unusual:
 *  - a robust z-score on log counts: ln((observed + 1) / (expected + 1)) over σ estimated by the
 *    MAD of the same log residuals in earlier windows (Iglewicz & Hoaglin's modified z uses
 *    0.6745·(x − median)/MAD, i.e. x / (1.4826·MAD));
 *  - a count-aware Poisson tail with the expectation inflated by a tolerance, so that small
 *    numbers (3 views after 0) never alarm and model error alone cannot.
 * A minimum ratio and a minimum absolute excess make the event worth telling a creator about.
 */
import { MAD_TO_SIGMA, clamp, mad, median, poissonLowerTail, poissonUpperTail, round } from "../numbers";

export interface Thresholds {
  /** |z| at least this (3.5: Iglewicz & Hoaglin). */
  z: number;
  /** Spike: observed ≥ ratio × expected. */
  spikeRatio: number;
  /** Drop: observed ≤ ratio × expected. */
  dropRatio: number;
  /** Spike: observed − expected ≥ this many counts. */
  minExcess: number;
  /** Drop: expected ≥ this many counts (a drop from 3 to 0 says nothing). */
  minExpectedForDrop: number;
  /** Poisson tail below this, with the expectation moved by `tolerance` against the alarm. */
  pValue: number;
  tolerance: number;
  /** Floor of σ (ln units): guards MAD = 0 on perfectly regular series. */
  minSigma: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  z: 3.5,
  spikeRatio: 2,
  dropRatio: 0.35,
  minExcess: 10,
  minExpectedForDrop: 15,
  pValue: 1e-3,
  tolerance: 1.5,
  minSigma: 0.25,
};

export interface WindowScore {
  /** Robust z of the window (positive: above expectation). */
  z: number;
  /** (observed + 1) / (expected + 1). */
  ratio: number;
  /** The Poisson tail probability in the direction of the deviation. */
  pValue: number;
  sigma: number;
  kind: "spike" | "drop" | null;
}

/**
 * Scores `observed` against `expected`, with `referenceResiduals` = ln((o + 1) / (e + 1)) of
 * earlier windows of the same series (their median is treated as the series' own bias).
 */
export function scoreWindow(
  observed: number,
  expected: number,
  referenceResiduals: readonly number[],
  t: Thresholds = DEFAULT_THRESHOLDS,
): WindowScore {
  const centre = referenceResiduals.length > 0 ? median(referenceResiduals) : 0;
  const sigma = Math.max(t.minSigma, MAD_TO_SIGMA * mad(referenceResiduals, centre));
  // The bias-corrected expectation: earlier windows ran `centre` above or below the trend.
  const expectedAdj = Math.max(0, (expected + 1) * Math.exp(centre) - 1);
  const x = Math.log((observed + 1) / (expectedAdj + 1));
  const z = clamp(x / sigma, -1e6, 1e6);
  const ratio = (observed + 1) / (expectedAdj + 1);
  const up = poissonUpperTail(observed, expectedAdj * t.tolerance);
  const down = poissonLowerTail(observed, expectedAdj / t.tolerance);
  let kind: WindowScore["kind"] = null;
  if (z >= t.z && ratio >= t.spikeRatio && observed - expectedAdj >= t.minExcess && up < t.pValue) kind = "spike";
  else if (z <= -t.z && ratio <= t.dropRatio && expectedAdj >= t.minExpectedForDrop && down < t.pValue) kind = "drop";
  return { z: round(z, 2), ratio: round(ratio, 3), pValue: z >= 0 ? up : down, sigma: round(sigma, 3), kind };
}

/** What makes a video's window an alert: how unusual, how large, and how large for this video. */
export interface VideoThresholds {
  /** |z| at least this, z = ln(observed / expected) / σ with σ the series' own noise at that scale. */
  z: number;
  spikeRatio: number;
  dropRatio: number;
  /** Extra (spike) or missing (drop) views: at least `min`, and `share` of the views the video had, up to `cap`. */
  spikeExcess: { min: number; share: number; cap: number };
  dropShortfall: { min: number; share: number; cap: number };
  /** A drop needs at least this many expected views (a drop from 10 to 2 says nothing). */
  minExpectedForDrop: number;
}

export const VIDEO_THRESHOLDS: VideoThresholds = {
  z: 4,
  spikeRatio: 2.5,
  dropRatio: 0.4,
  spikeExcess: { min: 100, share: 0.1, cap: 25_000 },
  dropShortfall: { min: 25, share: 0.01, cap: 500 },
  minExpectedForDrop: 100,
};

/**
 * A real change of pace is rare: a creator whose videos set off alert after alert is showing how
 * jumpy their counts are, not a run of events. Beyond two alerts on videos in the past week, each
 * more raises the bar by half a σ.
 */
export function raisedByRecentAlerts(t: VideoThresholds, recentAlerts: number): VideoThresholds {
  const extra = Math.max(0, recentAlerts - FREE_ALERTS_PER_WEEK) * Z_PER_EXTRA_ALERT;
  return extra > 0 ? { ...t, z: t.z + extra } : t;
}
const FREE_ALERTS_PER_WEEK = 2;
const Z_PER_EXTRA_ALERT = 0.5;

export interface Verdict {
  z: number;
  /** (observed + 1) / (expected + 1). */
  ratio: number;
  kind: "spike" | "drop" | null;
  /** How sure the alert is, 0–1 (see confidenceOf). */
  confidence: number;
}

const material = (views: number, m: { min: number; share: number; cap: number }) =>
  Math.max(m.min, Math.min(m.share * views, m.cap));

/**
 * Probability-like confidence from how far past the threshold the window is: 0.5 at the
 * threshold, rising quickly with |z|.
 */
export function confidenceOf(z: number, t: VideoThresholds = VIDEO_THRESHOLDS): number {
  return round(1 / (1 + Math.exp(-1.5 * (Math.abs(z) - t.z))), 3);
}

/** The verdict on a window that gained `observed` views where the trend expected `expected`, with log noise σ. */
export function judge(
  observed: number,
  expected: number,
  sigma: number,
  viewsBefore: number,
  t: VideoThresholds = VIDEO_THRESHOLDS,
): Verdict {
  const z = clamp(Math.log((observed + 0.5) / (expected + 0.5)) / sigma, -1e6, 1e6);
  const ratio = (observed + 1) / (expected + 1);
  let kind: Verdict["kind"] = null;
  if (z >= t.z && ratio >= t.spikeRatio && observed - expected >= material(viewsBefore, t.spikeExcess)) kind = "spike";
  else if (
    z <= -t.z &&
    ratio <= t.dropRatio &&
    expected >= t.minExpectedForDrop &&
    expected - observed >= material(viewsBefore, t.dropShortfall)
  )
    kind = "drop";
  return { z: round(z, 2), ratio: round(ratio, 3), kind, confidence: kind ? confidenceOf(z, t) : 0 };
}

/** Severity from how far off the window is. */
export function severityOf(kind: "spike" | "drop", ratio: number): "low" | "medium" | "high" {
  if (kind === "spike") return ratio >= 10 ? "high" : ratio >= 4 ? "medium" : "low";
  return ratio <= 0.1 ? "high" : ratio <= 0.2 ? "medium" : "low";
}
