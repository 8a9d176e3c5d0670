import { quantile, round } from "../numbers";
import type { RetentionBandPoint } from "./types";

/** Seconds a "hook" is judged at: the share of viewers still watching 3 s in. */
export const HOOK_SECONDS = 3;
/** Positions (share of the video's length) a retention band is drawn at. */
export const BAND_POSITIONS = Array.from({ length: 21 }, (_, i) => i / 20);
/** Videos a band needs behind it. */
export const MIN_BAND_VIDEOS = 5;

/** Share still watching at `second`, linearly between TikTok's points (null past the curve's end). */
export function shareAt(curve: readonly [number, number][], second: number): number | null {
  if (!curve.length) return null;
  let before: [number, number] | undefined;
  for (const point of curve) {
    if (point[0] === second) return point[1];
    if (point[0] < second) before = point;
    else {
      if (!before) return point[1];
      const t = (second - before[0]) / (point[0] - before[0]);
      return before[1] + t * (point[1] - before[1]);
    }
  }
  return second - (before?.[0] ?? 0) <= 1 ? (before?.[1] ?? null) : null;
}

/** The hook rate: share still watching at 3 seconds (null for a curve that does not reach it). */
export function hookRate(curve: readonly [number, number][] | null): number | null {
  if (!curve) return null;
  const value = shareAt(curve, HOOK_SECONDS);
  return value === null ? null : round(value, 4);
}

/** The curve at shares of the video's length, so videos of different lengths compare. */
export function atPositions(curve: readonly [number, number][], durationSeconds: number): (number | null)[] {
  const end = Math.max(curve.at(-1)?.[0] ?? 0, Math.floor(durationSeconds));
  return BAND_POSITIONS.map((p) => shareAt(curve, Math.min(end, p * durationSeconds)));
}

/** The creator's typical retention band from their videos' curves (null under MIN_BAND_VIDEOS). */
export function retentionBand(
  videos: readonly { retention: [number, number][]; durationSeconds: number }[],
): RetentionBandPoint[] | null {
  if (videos.length < MIN_BAND_VIDEOS) return null;
  const rows = videos.map((v) => atPositions(v.retention, v.durationSeconds));
  return BAND_POSITIONS.flatMap((position, i) => {
    const values = rows.map((r) => r[i]).filter((x): x is number => x !== null && x !== undefined);
    if (!values.length) return [];
    const q = (p: number) => round(quantile(values, p), 4);
    return [{ position, p25: q(0.25), p50: q(0.5), p75: q(0.75), n: values.length }];
  });
}

/**
 * Where a video loses the most viewers against the creator's typical curve: the stretch (between
 * two band positions) with the largest fall beyond the typical fall, in share of viewers.
 */
export function steepestLoss(
  curve: readonly [number, number][],
  durationSeconds: number,
  band: readonly RetentionBandPoint[],
): { fromSecond: number; toSecond: number; lost: number; typicalLost: number } | null {
  const mine = atPositions(curve, durationSeconds);
  let best: { fromSecond: number; toSecond: number; lost: number; typicalLost: number } | null = null;
  const typical = new Map(band.map((p) => [p.position, p.p50]));
  for (let i = 1; i < BAND_POSITIONS.length; i++) {
    const [a, b] = [mine[i - 1], mine[i]];
    const [ta, tb] = [typical.get(BAND_POSITIONS[i - 1]!), typical.get(BAND_POSITIONS[i]!)];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if (ta === undefined || tb === undefined) continue;
    const lost = a - b;
    const typicalLost = ta - tb;
    if (!best || lost - typicalLost > best.lost - best.typicalLost) {
      best = {
        fromSecond: round(BAND_POSITIONS[i - 1]! * durationSeconds, 1),
        toSecond: round(BAND_POSITIONS[i]! * durationSeconds, 1),
        lost: round(lost, 4),
        typicalLost: round(typicalLost, 4),
      };
    }
  }
  return best;
}
