/**
 * The strongest view alerts of a world (highest confidence, then largest |score|), each with what
 * a panel of the plot needs: the video's snapshots a few days either side of the alert window.
 */
import type { CreatorResult, Detection, Peak } from "../collect.ts";

const DAY = 86_400_000;
/** How far either side of the alert window a panel reaches, data permitting. */
export const AROUND_MS = 3 * DAY;

/** An alert at its peak (the run's time aside), with the video's snapshots around its window. */
export type AlertPanel = Omit<Peak, "t"> & {
  creator: string;
  kind: "spike" | "drop";
  firstSeenMs: number;
  snapshots: { t: number; views: number }[];
};

/** "reddit:r/AITAH" → "r/AITAH"; long opaque ids are cut. */
export function shortCreator(name: string): string {
  const tail = name.slice(name.lastIndexOf(":") + 1) || name;
  const label = name.startsWith("reddit:") ? name.slice("reddit:".length) : tail;
  return label.length > 18 ? `${label.slice(0, 17)}…` : label;
}

export function strongestAlerts(results: readonly CreatorResult[], count = 10): AlertPanel[] {
  const candidates = results.flatMap((r) =>
    r.detections.filter((d) => d.metric === "views" && d.videoId !== null).map((d) => ({ r, d })),
  );
  const strength = (d: Detection) => [d.peak.confidence, Math.abs(d.peak.score)] as const;
  candidates.sort((a, b) => {
    const [ca, sa] = strength(a.d);
    const [cb, sb] = strength(b.d);
    return cb - ca || sb - sa || a.r.creator - b.r.creator;
  });
  return candidates.slice(0, count).flatMap(({ r, d }) => {
    const video = r.videos.find((v) => v.id === d.videoId);
    if (!video) return [];
    const from = d.peak.windowStart - AROUND_MS;
    const to = d.peak.windowEnd + AROUND_MS;
    return [
      {
        creator: shortCreator(r.name),
        kind: d.kind,
        confidence: d.peak.confidence,
        score: d.peak.score,
        observed: d.peak.observed,
        expected: d.peak.expected,
        windowStart: d.peak.windowStart,
        windowEnd: d.peak.windowEnd,
        firstSeenMs: d.firstSeenMs,
        snapshots: video.snapshots.filter((s) => s.t >= from && s.t <= to).map((s) => ({ t: s.t, views: s.views })),
      },
    ];
  });
}
