/**
 * Follower jumps (each caused by one viral video): whether a follower spike alert came within 48 h
 * of the jump, whether it credited the right video first, and how many follower alerts were
 * right. A creator without `followerJumps` is unknown and takes no part; `[]` says none happened.
 */
import type { CreatorResult, Detection } from "../collect.ts";
import { fraction } from "../stats.ts";
import type { Fraction } from "../stats.ts";
import { EDGE_MS, inWindow } from "./events.ts";

const HOUR = 3_600_000;
const FOLLOWER_WINDOW_MS = 48 * HOUR;

export interface FollowerScore {
  recall: Fraction;
  /** Jumps of 100+ followers (the ones a creator notices). */
  recallLarge: Fraction;
  /** Of the jumps found, the share whose alert credited the causing video first. */
  attribution: Fraction;
  precision: Fraction;
  alerts: number;
  alertsPerCreatorWeek: number | null;
  unknownCreators: number;
}

export function scoreFollowers(results: readonly CreatorResult[], creatorWeeks: number): FollowerScore {
  const known = results.filter((r) => r.followerJumps !== undefined);
  const jumps = known.flatMap((r) =>
    (r.followerJumps ?? [])
      // a jump is scored when its whole alert window lies inside the replay
      .filter((j) => j.t >= r.startMs + EDGE_MS && j.t <= r.endMs - FOLLOWER_WINDOW_MS)
      .map((j) => ({ creator: r.creator, ...j })),
  );
  const alerts = results.flatMap((r) => r.detections.filter((d) => d.metric === "followers" && d.kind === "spike"));
  const hit = (d: Detection, j: { creator: number; t: number }) =>
    d.creator === j.creator && d.firstSeenMs >= j.t && d.firstSeenMs <= j.t + FOLLOWER_WINDOW_MS;
  // As for views: recall takes every alert (one in the last day may still answer a jump before it).
  const recallOf = (js: typeof jumps) => fraction(js.filter((j) => alerts.some((d) => hit(d, j))).length, js.length);
  const found = jumps.filter((j) => alerts.some((d) => hit(d, j)));
  const credited = found.filter((j) => alerts.some((d) => hit(d, j) && d.topVideoId === j.videoId)).length;

  const byCreator = new Map(results.map((r) => [r.creator, r]));
  const judged = alerts.filter((d) => {
    const r = byCreator.get(d.creator) as CreatorResult;
    return r.followerJumps !== undefined && inWindow(r, d.firstSeenMs);
  });
  const right = judged.filter((d) =>
    (byCreator.get(d.creator)?.followerJumps ?? []).some((j) => hit(d, { creator: d.creator, t: j.t })),
  ).length;
  return {
    recall: recallOf(jumps),
    recallLarge: recallOf(jumps.filter((j) => (j.followers ?? Infinity) >= 100)),
    attribution: fraction(credited, found.length),
    precision: fraction(right, judged.length),
    alerts: alerts.length,
    alertsPerCreatorWeek: creatorWeeks > 0 ? alerts.length / creatorWeeks : null,
    unknownCreators: results.length - known.length,
  };
}
