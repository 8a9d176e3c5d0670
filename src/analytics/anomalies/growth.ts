/**
 * How this creator's videos usually grow at a given age: the distribution, across their recent
 * videos, of the log ratio of views between consecutive checkpoint ages. A window is then asked a
 * second question besides "is this faster than the video's own trend?": "is this faster than
 * this creator's videos usually grow at this age?". Where a creator's videos routinely get a
 * second wave on their first day, a wave is ordinary there; where their curves are smooth, a
 * push stands out. Checkpoints end at 7 days, so older windows have only the first question.
 */
import { CHECKPOINT_AGES_HOURS } from "../checkpoints";
import { MAD_TO_SIGMA, median, quantile, round } from "../numbers";
import type { CheckpointedVideo } from "../typical";
import { newestFirst, recentGrowth } from "../typical";

/** Recent videos per segment, and fewer than this say nothing yet. */
const SEGMENT_VIDEOS = 40;
const MIN_SEGMENT_VIDEOS = 5;

export interface GrowthSegment {
  fromAge: number;
  toAge: number;
  /** Median and spread (σ-like, robust, tail-aware) of ln(views at toAge / views at fromAge). */
  centre: number;
  spread: number;
}

export type TypicalGrowth = (fromAge: number, toAge: number) => { centre: number; spread: number } | undefined;

export function growthSegments(videos: readonly CheckpointedVideo[]): GrowthSegment[] {
  const recent = newestFirst(videos);
  const out: GrowthSegment[] = [];
  for (let i = 0; i + 1 < CHECKPOINT_AGES_HOURS.length; i++) {
    const fromAge = CHECKPOINT_AGES_HOURS[i] as number;
    const toAge = CHECKPOINT_AGES_HOURS[i + 1] as number;
    const ratios = recentGrowth(recent, fromAge, toAge, SEGMENT_VIDEOS);
    if (ratios.length < MIN_SEGMENT_VIDEOS) continue;
    const centre = median(ratios);
    const deviations = ratios.map((r) => Math.abs(r - centre));
    const spread = Math.max(MAD_TO_SIGMA * median(deviations), quantile(deviations, 0.9) / 1.645, 0.01);
    out.push({ fromAge, toAge, centre: round(centre, 4), spread: round(spread, 4) });
  }
  return out;
}

/**
 * The typical log growth between two ages: each segment's share in log-age of the overlap. Spreads
 * add up linearly (a video fast in one segment tends to be fast in the next). Undefined when a
 * part of the span has no segment.
 */
export function typicalGrowth(segments: readonly GrowthSegment[]): TypicalGrowth {
  return (fromAge, toAge) => {
    if (!(fromAge > 0) || !(toAge > fromAge)) return undefined;
    let centre = 0;
    let spread = 0;
    let covered = 0;
    for (const s of segments) {
      const lo = Math.max(fromAge, s.fromAge);
      const hi = Math.min(toAge, s.toAge);
      if (hi <= lo) continue;
      const share = Math.log(hi / lo) / Math.log(s.toAge / s.fromAge);
      centre += share * s.centre;
      spread += share * s.spread;
      covered += Math.log(hi / lo);
    }
    return covered >= 0.999 * Math.log(toAge / fromAge) ? { centre, spread } : undefined;
  };
}
