/**
 * `detectAnomalies`: spikes and drops in the views of videos with new snapshots and in the
 * account's follower gains, follower spikes credited to videos, then cooldown and stable keys.
 */
import type { Shape } from "../shape";
import type { Anomaly, FollowerSnapshot, OpenEvent, RecentAnomaly, VideoSnapshot } from "../types";
import { attributeFollowerSpike } from "./attribution";
import { applyCooldown } from "./cooldown";
import { detectFollowerAnomaly } from "./followers";
import type { AnomalyCandidate } from "./types";
import type { Seasonal } from "./video";
import { detectVideoAnomaly } from "./video";

export { attributeFollowerSpike } from "./attribution";
export { applyCooldown, COOLDOWN_MS, eventKeyOf } from "./cooldown";
export { detectFollowerAnomaly } from "./followers";
export { DEFAULT_THRESHOLDS, scoreWindow, severityOf } from "./score";
export type { Thresholds, WindowScore } from "./score";
export type { AnomalyCandidate } from "./types";
export { detectVideoAnomaly, expectedViews, trendBefore } from "./video";
export type { Seasonal, Trend } from "./video";

export interface DetectAnomaliesInput {
  now: number;
  videos: readonly {
    id: string;
    createdAtMs: number;
    status: "public" | "unavailable";
    /** Clean snapshots (sorted, deduplicated). */
    snapshots: readonly VideoSnapshot[];
    /** Whether a snapshot arrived since the last run: only those are tested. */
    fresh: boolean;
  }[];
  /** Clean follower snapshots. */
  followers: readonly FollowerSnapshot[];
  shape: Shape;
  /** The audience's rhythm (see diurnal.ts). */
  seasonal: Seasonal;
  /** Views per unit of shape of the typical video, for attributing to videos too young for a trend. */
  typicalLevel: number;
  openEvents: readonly OpenEvent[];
  recentAnomalies: readonly RecentAnomaly[];
}

export function detectAnomalies(input: DetectAnomaliesInput): { anomalies: Anomaly[]; openEvents: OpenEvent[] } {
  const candidates: AnomalyCandidate[] = [];
  const publicVideos = input.videos.filter((v) => v.status === "public");
  for (const v of publicVideos) {
    if (!v.fresh) continue;
    const c = detectVideoAnomaly(v.id, v.snapshots, v.createdAtMs, input.shape, input.seasonal);
    if (c) candidates.push(c);
  }
  const followers = detectFollowerAnomaly(input.followers);
  if (followers) {
    if (followers.kind === "spike") {
      const credited = attributeFollowerSpike(
        followers.windowStart,
        followers.windowEnd,
        publicVideos,
        input.shape,
        input.seasonal,
        input.typicalLevel,
      );
      followers.details = { ...followers.details, attributedVideos: credited };
    }
    candidates.push(followers);
  }
  const { anomalies, open } = applyCooldown(candidates, input.openEvents, input.recentAnomalies, input.now);
  return { anomalies, openEvents: open };
}
