/**
 * When a detection counts for a true event. A detection matches an event of the same creator,
 * video and kind when it is first seen from the event's start to 12 h after its end (old videos
 * are polled 6-hourly). Events and detections are scored away from the replay's edges: a day
 * after connecting (no history yet) and a day before the end.
 *
 * A video without `truth.spikes` is unknown: it has no events, and its detections are neither
 * right nor wrong. `[]` says nothing happened, so any detection there is a false alarm.
 */
import type { CreatorResult, Detection } from "../collect.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const GRACE_MS = 12 * HOUR;
export const EDGE_MS = DAY;

export type Kind = "spike" | "drop";
type Video = CreatorResult["videos"][number];
type Spike = NonNullable<Video["truth"]["spikes"]>[number];

export interface TruthEvent {
  creator: number;
  videoId: string;
  start: number;
  end: number;
  kind: Kind;
  resurfacing: boolean;
}

/** Inside the scored part of the creator's replay. */
export function inWindow(r: CreatorResult, t: number): boolean {
  return t >= r.startMs + EDGE_MS && t <= r.endMs - EDGE_MS;
}

/** A true event is scored when it starts inside the window, on a video that was up and recent. */
function scored(r: CreatorResult, v: Video, s: Spike): boolean {
  return (
    inWindow(r, s.start) &&
    (v.unavailableFrom === undefined || v.unavailableFrom > s.end) &&
    v.createdAt >= r.startMs - 90 * DAY
  );
}

/** The creator's true events: the scored ones, or every one (what a detection may match). */
export function truthEvents(results: readonly CreatorResult[], which: "scored" | "all"): TruthEvent[] {
  return results.flatMap((r) =>
    r.videos.flatMap((v) =>
      (v.truth.spikes ?? [])
        .filter((s) => which === "all" || scored(r, v, s))
        .map((s) => ({
          creator: r.creator,
          videoId: v.id,
          start: s.start,
          end: s.end,
          kind: s.kind,
          resurfacing: s.resurfacing === true,
        })),
    ),
  );
}

export function matches(d: Pick<Detection, "creator" | "videoId" | "kind" | "firstSeenMs">, t: TruthEvent): boolean {
  return (
    d.creator === t.creator &&
    d.videoId === t.videoId &&
    d.kind === t.kind &&
    d.firstSeenMs >= t.start &&
    d.firstSeenMs <= t.end + GRACE_MS
  );
}

/** Videos whose spike truth is known, by creator and id: detections elsewhere are not judged. */
export function knownVideos(results: readonly CreatorResult[]): Set<string> {
  return new Set(
    results.flatMap((r) => r.videos.filter((v) => v.truth.spikes !== undefined).map((v) => `${r.creator}:${v.id}`)),
  );
}

export function isJudged(known: Set<string>, d: Pick<Detection, "creator" | "videoId">): boolean {
  return d.videoId !== null && known.has(`${d.creator}:${d.videoId}`);
}
