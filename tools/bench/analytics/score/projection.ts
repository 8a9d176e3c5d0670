/**
 * The 90-day follower projection, made 14, 21 and 28 days after connecting, where the data has
 * the follower count 90 days later: Adam's P50 against a compound growth rate and a linear pace
 * (median |ln error|), and Adam's P10–P90 coverage.
 */
import type { CreatorResult } from "../collect.ts";
import { absLogError, median, orNull } from "../stats.ts";

export interface ProjectionScore {
  n: number;
  adam: number | null;
  compound: number | null;
  linear: number | null;
  coverage: number;
}

export function scoreProjection(results: readonly CreatorResult[]): ProjectionScore | null {
  const s = results.flatMap((r) => r.projections);
  if (s.length === 0) return null;
  const err = (pick: (x: (typeof s)[number]) => number) => orNull(median(s.map((x) => absLogError(pick(x), x.actual))));
  return {
    n: s.length,
    adam: err((x) => x.adam.p50),
    compound: err((x) => x.compound),
    linear: err((x) => x.linear),
    coverage: s.filter((x) => x.actual >= x.adam.p10 && x.actual <= x.adam.p90).length / s.length,
  };
}
