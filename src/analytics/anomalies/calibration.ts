/**
 * The detector's own track record, per creator. Every run, each tested window's log ratio to its
 * video's trend is kept, by the video's age and the window's length. Those ratios are what the
 * trend typically gets wrong for this creator at that age: a creator whose videos level off
 * sharply at a day old makes every trend overshoot there, one whose audience keeps a strong
 * evening rhythm makes windows swing. A window is then judged against that record (centre and
 * spread), as well as against the video's own noise, so the bar adapts to the creator's world
 * instead of to the world the method was written in. Real events are rare and the estimates are
 * robust (median, MAD), so they barely move the record.
 */
import { MAD_TO_SIGMA, median, quantile, round } from "../numbers";

/** Window-end ages (hours) that start each cell: videos age through them. */
const AGE_EDGES = [3, 6, 12, 24, 48, 96, 168, 336];
/** The newest ratios kept per cell. */
const KEEP = 32;
/** The record starts from this prior, worth this many windows: no bias, a spread of 0.4 (log units). */
const PRIOR_WEIGHT = 6;
const PRIOR_SPREAD = 0.4;

/** Newest log ratios per cell ("age bucket:scale index"), oldest first. */
export type TrackRecord = Record<string, number[]>;

/** Windows expecting fewer views than this are judged with the small ones: counting noise and lumps weigh more there. */
const SMALL_EXPECTED = 30;

export function cellOf(ageHours: number, scaleIndex: number, expected: number): string {
  let bucket = 0;
  while (bucket + 1 < AGE_EDGES.length && ageHours >= (AGE_EDGES[bucket + 1] as number)) bucket++;
  return `${bucket}:${scaleIndex}:${expected < SMALL_EXPECTED ? "s" : "l"}`;
}

export interface CellStats {
  centre: number;
  spread: number;
  n: number;
}

/** The cell's centre and spread, shrunk towards the prior while it holds few windows. */
export function cellStats(record: TrackRecord | undefined, cell: string): CellStats {
  const xs = record?.[cell] ?? [];
  const n = xs.length;
  if (n === 0) return { centre: 0, spread: PRIOR_SPREAD, n };
  const m = median(xs);
  const deviations = xs.map((x) => Math.abs(x - m));
  // The bulk's σ (MAD), or the tail's (the 95th percentile deviation over 1.96), whichever is wider:
  // a creator whose videos often jump has jumps in the record, and a jump like them is not news.
  const s = Math.max(MAD_TO_SIGMA * median(deviations), quantile(deviations, 0.95) / 1.96);
  const w = n / (n + PRIOR_WEIGHT);
  return { centre: w * m, spread: Math.sqrt(w * s * s + (1 - w) * PRIOR_SPREAD ** 2), n };
}

/** The record with this run's ratios added (each cell keeps its newest). */
export function updateTrackRecord(
  stored: TrackRecord | undefined,
  samples: readonly { cell: string; logRatio: number }[],
): TrackRecord {
  if (samples.length === 0) return stored ?? {};
  const next: TrackRecord = { ...stored };
  for (const { cell, logRatio } of samples) next[cell] = [...(next[cell] ?? []), round(logRatio, 3)].slice(-KEEP);
  return Object.fromEntries(
    Object.keys(next)
      .sort()
      .map((k) => [k, next[k] as number[]]),
  );
}
