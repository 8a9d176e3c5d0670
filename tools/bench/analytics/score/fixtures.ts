/**
 * Hand-made replay results for the scoring tests: one creator replayed over ten days, with the
 * detections and truths a test names and nothing else. Not real data.
 */
import type { CreatorResult, Detection } from "../collect.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const START = Date.UTC(2025, 0, 1);
export const END = START + 10 * DAY;
/** Inside the scored window (away from both edges). */
export const MIDDLE = START + 5 * DAY;

type Video = CreatorResult["videos"][number];

export function video(id: string, truth: Partial<Video["truth"]> = {}): Video {
  return {
    id,
    createdAt: START - DAY,
    snapshots: [{ t: START, views: 100, likes: 0, comments: 0, shares: 0 }],
    truth: { views24h: null, views7d: null, ...truth },
  };
}

export function detection(videoId: string | null, over: Partial<Detection> = {}): Detection {
  const t = over.firstSeenMs ?? MIDDLE + HOUR;
  return {
    creator: 0,
    videoId,
    metric: "views",
    kind: "spike",
    firstSeenMs: t,
    topVideoId: null,
    rises: [{ t, confidence: 0.8 }],
    peak: { t, confidence: 0.8, score: 8, observed: 500, expected: 100, windowStart: t - HOUR, windowEnd: t },
    ...over,
  };
}

export function creatorResult(over: Partial<CreatorResult> = {}): CreatorResult {
  return {
    creator: 0,
    name: "test:creator",
    startMs: START,
    endMs: END,
    videos: [],
    followerJumps: [],
    // ten days of runs every 30 minutes
    analyzeMs: Array.from({ length: 480 }, () => 1),
    forecasts: [],
    detections: [],
    marketFlags: new Map(),
    fastStarts: new Map(),
    projections: [],
    ...over,
  };
}
