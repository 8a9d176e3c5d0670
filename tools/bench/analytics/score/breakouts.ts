/**
 * Breakout posts (5–40× views from the first minute, where the data marks them): how many were
 * flagged within 7 days of posting, how early, and how many other posts were flagged too — Adam's
 * fast-start card against the market's 2×-median rule. Videos whose data does not say whether
 * they broke out take no part.
 */
import type { CreatorResult } from "../collect.ts";
import { fraction, median, orNull } from "../stats.ts";
import type { Fraction } from "../stats.ts";

const HOUR = 3_600_000;
const WEEK = 7 * 86_400_000;

export interface BreakoutRule {
  recall: Fraction;
  medianHours: number | null;
  otherPostsFlagged: Fraction;
}

export interface BreakoutScore {
  adam: BreakoutRule;
  market: BreakoutRule;
}

export function scoreBreakouts(results: readonly CreatorResult[]): BreakoutScore | null {
  const videos = results.flatMap((r) =>
    r.videos
      .filter((v) => v.truth.breakout !== undefined && v.createdAt >= r.startMs && v.createdAt <= r.endMs - WEEK)
      .map((v) => ({ r, v })),
  );
  if (!videos.some(({ v }) => v.truth.breakout)) return null;
  const rule = (flags: (r: CreatorResult) => Map<string, number>): BreakoutRule => {
    const hours = ({ r, v }: (typeof videos)[number]) => {
      const t = flags(r).get(v.id);
      return t !== undefined && t - v.createdAt <= WEEK ? (t - v.createdAt) / HOUR : undefined;
    };
    const breakouts = videos.filter(({ v }) => v.truth.breakout);
    const flagged = breakouts.map(hours).filter((h): h is number => h !== undefined);
    const others = videos.filter(({ v }) => !v.truth.breakout);
    return {
      recall: fraction(flagged.length, breakouts.length),
      medianHours: flagged.length > 0 ? orNull(median(flagged)) : null,
      otherPostsFlagged: fraction(others.filter((x) => hours(x) !== undefined).length, others.length),
    };
  };
  return { adam: rule((r) => r.fastStarts), market: rule((r) => r.marketFlags) };
}
