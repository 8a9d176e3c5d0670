/**
 * Cleaning and reading irregular snapshot series. Snapshots arrive irregularly (queue delays,
 * outages, slower cadence for older videos), possibly twice for one instant (redelivery) and
 * possibly out of order; counters can fall (spam removal).
 */
import { finite } from "./numbers";
import type { FollowerSnapshot, Metric, VideoSnapshot } from "./types";

function count(x: number): number {
  return Math.max(0, Math.round(finite(x)));
}

function isCount(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/**
 * Sorted by time, one snapshot per instant (the last given wins), finite non-negative counts,
 * none before the video existed or after `nowMs`. Input that is already clean (the usual case:
 * ingestion reads it ordered) is returned as is, without copying.
 */
export function cleanVideoSnapshots(
  snapshots: readonly VideoSnapshot[],
  createdAtMs: number,
  nowMs = Infinity,
): readonly VideoSnapshot[] {
  let clean = true;
  for (let i = 0; i < snapshots.length && clean; i++) {
    const s = snapshots[i] as VideoSnapshot;
    clean =
      s.t >= createdAtMs &&
      s.t <= nowMs &&
      (i === 0 || s.t > (snapshots[i - 1] as VideoSnapshot).t) &&
      isCount(s.views) &&
      isCount(s.likes) &&
      isCount(s.comments) &&
      isCount(s.shares);
  }
  if (clean) return snapshots;
  const byTime = new Map<number, VideoSnapshot>();
  for (const s of snapshots) {
    if (!Number.isFinite(s.t) || s.t < createdAtMs || s.t > nowMs) continue;
    byTime.set(s.t, {
      t: s.t,
      views: count(s.views),
      likes: count(s.likes),
      comments: count(s.comments),
      shares: count(s.shares),
    });
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

export function cleanFollowerSnapshots(
  snapshots: readonly FollowerSnapshot[],
  nowMs = Infinity,
): readonly FollowerSnapshot[] {
  let clean = true;
  for (let i = 0; i < snapshots.length && clean; i++) {
    const s = snapshots[i] as FollowerSnapshot;
    clean = s.t <= nowMs && (i === 0 || s.t > (snapshots[i - 1] as FollowerSnapshot).t) && isCount(s.count);
  }
  if (clean) return snapshots;
  const byTime = new Map<number, FollowerSnapshot>();
  for (const s of snapshots)
    if (Number.isFinite(s.t) && s.t <= nowMs) byTime.set(s.t, { t: s.t, count: count(s.count) });
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/** Index of the last element with t ≤ tMs, or −1. Binary search over a sorted series. */
export function lastAtOrBefore(series: readonly { t: number }[], tMs: number): number {
  let lo = 0;
  let hi = series.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((series[mid] as { t: number }).t <= tMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Value at tMs by linear interpolation between the snapshots around it; undefined outside the
 * series or when the two neighbours are more than `maxGapMs` apart (too little evidence).
 */
export function interpolate<T extends { t: number }>(
  series: readonly T[],
  tMs: number,
  value: (s: T) => number,
  maxGapMs = Infinity,
): number | undefined {
  const i = lastAtOrBefore(series, tMs);
  if (i < 0) return undefined;
  const a = series[i] as T;
  if (a.t === tMs) return value(a);
  const b = series[i + 1];
  if (b === undefined || b.t - a.t > maxGapMs) return undefined;
  return value(a) + ((value(b) - value(a)) * (tMs - a.t)) / (b.t - a.t);
}

/** What a cumulative counter gained over a window of snapshots `from`…`to` (indexes). */
export interface Rise {
  startMs: number;
  endMs: number;
  /** Rises only, summed: a fall (spam removal, a purge) does not read as a missing gain. */
  gained: number;
  /** The counter fell somewhere in the window. */
  fell: boolean;
}

export function riseBetween<T extends { t: number }>(
  series: readonly T[],
  value: (point: T) => number,
  from: number,
  to: number,
): Rise {
  let gained = 0;
  let fell = false;
  for (let i = from + 1; i <= to; i++) {
    const d = value(series[i] as T) - value(series[i - 1] as T);
    if (d < 0) fell = true;
    else gained += d;
  }
  return { startMs: (series[from] as T).t, endMs: (series[to] as T).t, gained, fell };
}

export function metricOf(s: VideoSnapshot, metric: Metric): number {
  return s[metric];
}
