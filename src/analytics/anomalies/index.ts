/**
 * `detectAnomalies`: spikes and drops in the views of videos with new snapshots and in the
 * account's follower gains, follower spikes credited to videos, then cooldown and stable keys.
 */
import type { Shape } from "../shape";
import type { Anomaly, FollowerSnapshot, OpenEvent, RecentAnomaly, VideoSnapshot } from "../types";
import { attributeFollowerSpike } from "./attribution";
import { described } from "./describe";
import { VIDEO_THRESHOLDS, raisedByRecentAlerts } from "./score";
import { DAY_MS } from "../time";
import { cellStats, updateTrackRecord, type CellStats, type TrackRecord } from "./calibration";
import type { TypicalGrowth } from "./growth";
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
export type { TrackRecord } from "./calibration";
export { confidenceText, evidenceText } from "./describe";
export { growthSegments, typicalGrowth } from "./growth";
export type { TypicalGrowth } from "./growth";
export { detectVideoAnomaly, expectedViews, viewPoints } from "./video";
export type { Seasonal } from "./video";

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
  /** How the creator's videos usually grow at each age (see growth.ts). */
  typicalGrowth?: TypicalGrowth;
  /** The detector's record for this creator, from the last run (see calibration.ts). */
  trackRecord?: TrackRecord;
}

export function detectAnomalies(input: DetectAnomaliesInput): {
  anomalies: Anomaly[];
  openEvents: OpenEvent[];
  trackRecord: TrackRecord;
} {
  const candidates: AnomalyCandidate[] = [];
  const publicVideos = input.videos.filter((v) => v.status === "public");
  const samples: { cell: string; logRatio: number }[] = [];
  const eventful = new Set(input.openEvents.map((e) => e.videoId));
  const cells = new Map<string, CellStats>();
  const trackAt = (cell: string) => {
    let stats = cells.get(cell);
    if (!stats) cells.set(cell, (stats = cellStats(input.trackRecord, cell)));
    return stats;
  };
  const weekAgo = input.now - 7 * DAY_MS;
  const recentVideoAlerts = new Set(
    input.recentAnomalies.filter((a) => a.videoId !== null && a.windowEnd >= weekAgo).map((a) => a.eventKey),
  ).size;
  const thresholds = raisedByRecentAlerts(VIDEO_THRESHOLDS, recentVideoAlerts);
  for (const v of publicVideos) {
    if (!v.fresh) continue;
    const test = detectVideoAnomaly(
      v.id,
      v.snapshots,
      v.createdAtMs,
      { seasonal: input.seasonal, trackAt, ...(input.typicalGrowth ? { typical: input.typicalGrowth } : {}) },
      thresholds,
    );
    if (test.candidate) candidates.push(test.candidate);
    // An event's own windows are explained: kept out of the record, or every event would raise the bar for the next.
    else if (!eventful.has(v.id)) samples.push(...test.samples);
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
        Math.max(0, followers.observed - followers.expected),
      );
      followers.details = { ...followers.details, attributedVideos: credited };
    }
    candidates.push(followers);
  }
  const { anomalies, open } = applyCooldown(
    candidates.map(described),
    input.openEvents,
    input.recentAnomalies,
    input.now,
  );
  return { anomalies, openEvents: open, trackRecord: updateTrackRecord(input.trackRecord, samples) };
}
