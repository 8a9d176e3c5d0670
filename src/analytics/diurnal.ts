/**
 * The audience's daily rhythm: how much faster than average a creator's videos gather views at
 * each hour of the day (UTC). Views run ±10–35% around the day's mean; without this every
 * evening peak looks like a spike and every night like a drop (the seasonal part that Twitter's
 * S-H-ESD removes with STL before testing).
 *
 * Estimated each run from the videos polled at least every two hours: each window's pace against
 * the video's pace over the day centred on it, the median per hour of day across videos and
 * windows, accumulated over runs so it settles within a day or two. Counter batches are
 * skipped (see anomalies/informative.ts), or every catch-up would read as a busy hour.
 */
import { informativePoints, type Point } from "./anomalies/informative";
import { clamp, round } from "./numbers";
import { interpolate } from "./series";
import { HOUR_MS, hoursBetween } from "./time";
import type { DiurnalProfile, VideoSnapshot } from "./types";

const HOURS = 24;
/** Windows between informative points of 1 to 2.5 hours: dense enough to resolve the hour of day. */
const MIN_WINDOW_MS = HOUR_MS;
const MAX_WINDOW_MS = 2.5 * HOUR_MS;
/**
 * Each window is compared with the video's mean pace over the day centred on it, which holds one
 * whole rhythm cycle and so cannot absorb it. From a day old, a video's decay within that day is
 * mild (a power law's mean over a ±12 h day is within a few percent of its middle).
 */
const HALF_DAY_MS = 12 * HOUR_MS;
const MIN_AGE_HOURS = 24;
/** Windows expecting fewer views than this are mostly counting noise. */
const MIN_EXPECTED = 10;
/** An hour's factor is shrunk towards 0 as if SHRINK more windows had shown no rhythm, and kept within a 4.5× swing. */
const SHRINK = 5;
const MAX_LOG_FACTOR = 1.5;
/** A window further off than this (in log units) is an event, not the rhythm: it counts as this far. */
const CLIP = 1.5;
/** Evidence halves over about two days of runs. */
const DECAY = 0.993;

/** One run's windows: per hour of day, the sum of their (clipped) log ratios and their number. */
export interface RhythmEvidence {
  sums: number[];
  counts: number[];
}

export const FLAT_PROFILE: DiurnalProfile = { logFactors: Array.from({ length: HOURS }, () => 0), weight: 0 };

function hourOf(tMs: number): number {
  return (((tMs % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS;
}

/** exp(profile) at a time of day, interpolated between hour centres. */
function factorAt(profile: DiurnalProfile, tMs: number): number {
  const h = hourOf(tMs) - 0.5;
  const i = Math.floor(h);
  const f = h - i;
  const a = profile.logFactors[(i + HOURS) % HOURS] ?? 0;
  const b = profile.logFactors[(i + 1) % HOURS] ?? 0;
  return Math.exp(a + (b - a) * f);
}

/** Mean rhythm factor over [fromMs, toMs] (1 for a flat profile). */
export function seasonalFactor(profile: DiurnalProfile, fromMs: number, toMs: number): number {
  if (profile.weight === 0) return 1;
  const steps = Math.max(1, Math.min(48, Math.ceil((toMs - fromMs) / (HOUR_MS / 2))));
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += factorAt(profile, fromMs + ((i + 0.5) * (toMs - fromMs)) / steps);
  return sum / steps;
}

/** This run's evidence: each window's log ratio of its pace to its day's pace, by hour of day. Undefined without data. */
export function estimateDiurnal(
  videos: readonly { createdAtMs: number; snapshots: readonly VideoSnapshot[] }[],
): RhythmEvidence | undefined {
  const byHour: number[][] = Array.from({ length: HOURS }, () => []);
  let windows = 0;
  for (const v of videos) {
    const points = informativePoints(v.snapshots, (s) => s.views);
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last) continue;
    let start = 0;
    for (let end = 1; end < points.length; end++) {
      const b = points[end] as Point;
      while (b.t - (points[start + 1] as Point).t >= MIN_WINDOW_MS && start + 1 < end) start++;
      const a = points[start] as Point;
      const mid = (a.t + b.t) / 2;
      if (
        b.t - a.t < MIN_WINDOW_MS ||
        b.t - a.t > MAX_WINDOW_MS ||
        b.value < a.value ||
        hoursBetween(v.createdAtMs, mid) < MIN_AGE_HOURS ||
        mid - HALF_DAY_MS < first.t ||
        mid + HALF_DAY_MS > last.t
      )
        continue;
      const dayPace =
        ((interpolate(points, mid + HALF_DAY_MS, (p) => p.value) ?? 0) -
          (interpolate(points, mid - HALF_DAY_MS, (p) => p.value) ?? 0)) /
        (2 * HALF_DAY_MS);
      const expected = dayPace * (b.t - a.t);
      if (!(expected >= MIN_EXPECTED)) continue;
      (byHour[Math.floor(hourOf(mid))] as number[]).push(Math.log((b.value - a.value + 0.5) / (expected + 0.5)));
      windows++;
    }
  }
  if (windows === 0) return undefined;
  return {
    sums: byHour.map((h) => h.reduce((sum, r) => sum + clamp(r, -CLIP, CLIP), 0)),
    counts: byHour.map((h) => h.length),
  };
}

/**
 * Adds this run's evidence to the stored profile. Evidence decays by a factor per run, so the
 * profile follows a creator whose audience shifts, and the factors are the shrunk mean residual per
 * hour, centred. Accumulating evidence (not blending per-run estimates) keeps a thin run from
 * pulling the profile towards flat.
 */
export function updateDiurnal(
  stored: DiurnalProfile | undefined,
  evidence: RhythmEvidence | undefined,
): DiurnalProfile {
  const base = stored?.sums && stored.counts ? stored : undefined;
  if (!evidence) return stored ?? FLAT_PROFILE;
  const sums = evidence.sums.map((x, i) => round(x + DECAY * (base?.sums?.[i] ?? 0), 3));
  const counts = evidence.counts.map((x, i) => round(x + DECAY * (base?.counts?.[i] ?? 0), 3));
  const raw = sums.map((x, i) => x / ((counts[i] as number) + SHRINK));
  const mean = raw.reduce((sum, x) => sum + x, 0) / HOURS;
  return {
    logFactors: raw.map((x) => round(clamp(x - mean, -MAX_LOG_FACTOR, MAX_LOG_FACTOR), 4)),
    weight: (base?.weight ?? 0) + 1,
    sums,
    counts,
  };
}
