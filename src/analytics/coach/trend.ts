/**
 * Each video against the creator's own trend at the same age: ln((views + 1) / (trend + 1)), where
 * the trend is the median of the videos posted around it (up to TREND_NEIGHBOURS on each side,
 * itself excluded). A moving median follows a creator who grows or fades, so a label is judged
 * against what the creator's videos were doing at the time, not against their lifetime average.
 */
import { median } from "../numbers";
import type { CoachVideo } from "./types";

export const TREND_NEIGHBOURS = 10;
/** Fewer neighbours than this with a value at the age: no trend, no residual. */
export const MIN_TREND_VIDEOS = 5;

export type Age = "h24" | "d7";

const pickAge = (v: CoachVideo, age: Age) => (age === "h24" ? v.views24h : v.views7d);

/** Residual per video id at the age; absent for videos without a value or a trend. */
export function residuals(videos: readonly CoachVideo[], age: Age): Map<string, number> {
  const pick = (v: CoachVideo) => (age === "h24" ? v.views24h : v.views7d);
  const measured = videos
    .filter((v) => pick(v) !== null && Number.isFinite(pick(v)))
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  const logs = measured.map((v) => Math.log1p(Math.max(0, pick(v) as number)));
  const out = new Map<string, number>();
  measured.forEach((v, i) => {
    const neighbours = [
      ...logs.slice(Math.max(0, i - TREND_NEIGHBOURS), i),
      ...logs.slice(i + 1, i + 1 + TREND_NEIGHBOURS),
    ];
    if (neighbours.length < MIN_TREND_VIDEOS) return;
    out.set(v.id, (logs[i] as number) - median(neighbours));
  });
  return out;
}

/**
 * Residuals against the trend of the videos before each one only (the previous
 * 2 × TREND_NEIGHBOURS): fixed the moment a video reaches the age, never revised by later videos.
 * Experiments need this: a confidence sequence holds only if an observation, once made, stays put.
 */
export function trailingResiduals(videos: readonly CoachVideo[], age: Age): Map<string, number> {
  const measured = videos
    .filter((v) => pickAge(v, age) !== null && Number.isFinite(pickAge(v, age)))
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  const logs = measured.map((v) => Math.log1p(Math.max(0, pickAge(v, age) as number)));
  const out = new Map<string, number>();
  measured.forEach((v, i) => {
    const before = logs.slice(Math.max(0, i - 2 * TREND_NEIGHBOURS), i);
    if (before.length < MIN_TREND_VIDEOS) return;
    out.set(v.id, (logs[i] as number) - median(before));
  });
  return out;
}
