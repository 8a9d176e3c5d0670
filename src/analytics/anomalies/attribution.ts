/**
 * Which videos brought a follower spike: each public video's views over the spike window (from
 * an hour before, since follows trail views) minus what its own trend predicted. The videos with
 * the largest excess get the credit, old ones included: a post resurfacing weeks later is a
 * common cause and the one creators miss.
 */
import { round } from "../numbers";
import { interpolate, lastAtOrBefore } from "../series";
import type { Shape } from "../shape";
import { shapeIncrement } from "../shape";
import { HOUR_MS, hoursBetween } from "../time";
import type { VideoSnapshot } from "../types";
import type { Seasonal } from "./video";
import { expectedViews, viewPoints } from "./video";

export interface AttributionVideo {
  id: string;
  createdAtMs: number;
  snapshots: readonly VideoSnapshot[];
}

export interface Attribution {
  videoId: string;
  excessViews: number;
  /** Share of all videos' positive excess. */
  share: number;
  ageHours: number;
  /** Posted more than a week before the spike. */
  resurfacing: boolean;
}

const FOLLOW_LAG_MS = HOUR_MS;
const MIN_SHARE = 0.2;
/**
 * A video that brought fewer extra views than this per extra follower cannot have caused the jump
 * (one follow per ten views is far above any real conversion): better no credit than a wrong one.
 */
const MIN_VIEWS_PER_FOLLOWER = 10;
const MAX_CREDITED = 3;
const RESURFACING_HOURS = 168;

function viewsAt(v: AttributionVideo, tMs: number): number {
  if (tMs <= v.createdAtMs) return 0;
  const exact = interpolate(v.snapshots, tMs, (s) => s.views);
  if (exact !== undefined) return exact;
  const i = lastAtOrBefore(v.snapshots, tMs);
  // After the newest snapshot: the newest value. Before the first: the first (gain unknown, so none).
  return i >= 0 ? (v.snapshots[i] as VideoSnapshot).views : ((v.snapshots[0] as VideoSnapshot | undefined)?.views ?? 0);
}

/**
 * Credits a follower window to videos. `typicalLevel` scales the shape for videos too young to
 * have a trend of their own (their expectation is the typical video's).
 */
export function attributeFollowerSpike(
  windowStart: number,
  windowEnd: number,
  videos: readonly AttributionVideo[],
  shape: Shape,
  seasonal: Seasonal,
  typicalLevel: number,
  followersGained: number,
): Attribution[] {
  const from = windowStart - FOLLOW_LAG_MS;
  const scored = videos
    .filter((v) => v.createdAtMs < windowEnd && v.snapshots.length > 0)
    .map((v) => {
      const gained = Math.max(0, viewsAt(v, windowEnd) - viewsAt(v, from));
      const ageFrom = Math.max(0, hoursBetween(v.createdAtMs, from));
      const expected =
        expectedViews(
          viewPoints(v.snapshots, v.createdAtMs),
          v.createdAtMs,
          seasonal,
          Math.max(from, v.createdAtMs),
          windowEnd,
        ) ??
        typicalLevel *
          shapeIncrement(shape, ageFrom, hoursBetween(v.createdAtMs, windowEnd)) *
          seasonal(from, windowEnd);
      return { v, excess: gained - expected };
    })
    .filter((x) => x.excess > 0)
    .sort((a, b) => b.excess - a.excess || a.v.id.localeCompare(b.v.id));
  const total = scored.reduce((s, x) => s + x.excess, 0);
  return scored
    .slice(0, MAX_CREDITED)
    .filter((x) => x.excess / total >= MIN_SHARE && x.excess >= MIN_VIEWS_PER_FOLLOWER * followersGained)
    .map(({ v, excess }) => {
      const ageHours = hoursBetween(v.createdAtMs, windowStart);
      return {
        videoId: v.id,
        excessViews: round(excess),
        share: round(excess / total, 3),
        ageHours: round(ageHours, 1),
        resurfacing: ageHours > RESURFACING_HOURS,
      };
    });
}
