/**
 * Age checkpoints: a video's counters at fixed ages, interpolated once from the snapshots around
 * each age and then stored. They are what typical curves, percentiles and the forecast fit read,
 * so no run ever needs more than the last few days of raw snapshots.
 */
import { round } from "./numbers";
import { interpolate } from "./series";
import { HOUR_MS } from "./time";
import type { Checkpoint, Metric, VideoSnapshot } from "./types";

/** Ages (hours) with a checkpoint: dense early, where velocity changes fastest. */
export const CHECKPOINT_AGES_HOURS: readonly number[] = [
  0.5, 1, 2, 3, 4, 6, 9, 12, 18, 24, 36, 48, 72, 96, 120, 144, 168,
];

/**
 * Widest gap between the two snapshots around an age that still gives a trustworthy value: an
 * hour and a half early on, half the age later (a 6-hourly poll is fine at day 5).
 */
export function maxBracketMs(ageHours: number): number {
  return Math.max(1.5 * HOUR_MS, 0.5 * ageHours * HOUR_MS);
}

/**
 * Checkpoints known so far: `existing` ones are kept as they are; missing ones are filled in
 * where the snapshots (plus the zero counters at posting time) bracket the age closely enough.
 */
export function updateCheckpoints(
  snapshots: readonly VideoSnapshot[],
  createdAtMs: number,
  existing: readonly Checkpoint[] = [],
): Checkpoint[] {
  const known = new Map(existing.map((c) => [c.ageHours, c]));
  const last = snapshots[snapshots.length - 1];
  if (last !== undefined) {
    const series: VideoSnapshot[] = [
      { t: createdAtMs, views: 0, likes: 0, comments: 0, shares: 0 },
      ...snapshots.filter((s) => s.t > createdAtMs),
    ];
    for (const ageHours of CHECKPOINT_AGES_HOURS) {
      const t = createdAtMs + ageHours * HOUR_MS;
      if (known.has(ageHours) || t > last.t) continue;
      const at = (metric: Metric) => interpolate(series, t, (s) => s[metric], maxBracketMs(ageHours));
      const views = at("views");
      if (views === undefined) continue;
      known.set(ageHours, {
        ageHours,
        views: round(views),
        likes: round(at("likes") ?? 0),
        comments: round(at("comments") ?? 0),
        shares: round(at("shares") ?? 0),
      });
    }
  }
  return [...known.values()].sort((a, b) => a.ageHours - b.ageHours);
}

/** Views at an age from checkpoints, if that checkpoint exists. */
export function viewsAtCheckpoint(checkpoints: readonly Checkpoint[], ageHours: number): number | undefined {
  return checkpoints.find((c) => c.ageHours === ageHours)?.views;
}
