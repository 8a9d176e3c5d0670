/**
 * Velocity: counts gained per hour between irregular snapshots. A fall in a counter is not
 * negative velocity (TikTok removing spam views is not an audience leaving): the rate is clamped
 * at zero and the fall is reported separately as a dip.
 */
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { round } from "./numbers";
import { HOUR_MS } from "./time";
import type { Checkpoint, CounterDip, Metric, VelocityPoint, VideoSnapshot } from "./types";
import { METRICS } from "./types";

export interface Interval {
  startMs: number;
  endMs: number;
  /** Net change (can be negative: a dip). */
  delta: number;
  /** max(0, delta) per hour. */
  perHour: number;
}

/** Per-interval rates of one metric over a clean (sorted, deduplicated) series. */
export function velocity(snapshots: readonly VideoSnapshot[], metric: Metric): Interval[] {
  const out: Interval[] = [];
  for (let i = 1; i < snapshots.length; i++) {
    const a = snapshots[i - 1] as VideoSnapshot;
    const b = snapshots[i] as VideoSnapshot;
    const delta = b[metric] - a[metric];
    out.push({ startMs: a.t, endMs: b.t, delta, perHour: (Math.max(0, delta) * HOUR_MS) / (b.t - a.t) });
  }
  return out;
}

/** Falls in any counter between consecutive snapshots. */
export function findDips(snapshots: readonly VideoSnapshot[]): CounterDip[] {
  const dips: CounterDip[] = [];
  for (let i = 1; i < snapshots.length; i++) {
    const a = snapshots[i - 1] as VideoSnapshot;
    const b = snapshots[i] as VideoSnapshot;
    for (const metric of METRICS)
      if (b[metric] < a[metric]) dips.push({ t: b.t, metric, amount: a[metric] - b[metric] });
  }
  return dips;
}

/**
 * Current rates: from the newest snapshot back to the newest one at least `minWindowMs` older
 * (or the oldest available), so one noisy 30-minute delta does not make the headline number.
 */
export function currentVelocity(snapshots: readonly VideoSnapshot[], minWindowMs = HOUR_MS) {
  const end = snapshots[snapshots.length - 1];
  if (end === undefined || snapshots.length < 2) return null;
  let start = snapshots[0] as VideoSnapshot;
  for (let i = snapshots.length - 2; i >= 0; i--) {
    const s = snapshots[i] as VideoSnapshot;
    if (end.t - s.t >= minWindowMs) {
      start = s;
      break;
    }
  }
  const perHour = (metric: Metric) =>
    round((Math.max(0, end[metric] - start[metric]) * HOUR_MS) / (end.t - start.t), 2);
  return {
    windowStartMs: start.t,
    windowEndMs: end.t,
    viewsPerHour: perHour("views"),
    likesPerHour: perHour("likes"),
    commentsPerHour: perHour("comments"),
    sharesPerHour: perHour("shares"),
  };
}

/** The video's own velocity curve from its checkpoints (only between consecutive known ages). */
export function velocityCurve(checkpoints: readonly Checkpoint[]): VelocityPoint[] {
  const out: VelocityPoint[] = [];
  for (let i = 0; i < checkpoints.length; i++) {
    const b = checkpoints[i] as Checkpoint;
    const a = i === 0 ? { ageHours: 0, views: 0 } : (checkpoints[i - 1] as Checkpoint);
    // The curve starts at posting (0 views at age 0) only when the first checkpoint is the first age.
    if (i === 0 && b.ageHours !== CHECKPOINT_AGES_HOURS[0]) continue;
    out.push({
      fromAgeHours: a.ageHours,
      toAgeHours: b.ageHours,
      viewsPerHour: round(Math.max(0, b.views - a.views) / (b.ageHours - a.ageHours), 2),
    });
  }
  return out;
}
