/**
 * Spikes and drops in the account's follower gains. The newest window is compared with the
 * median pace of same-length windows before it, which is robust to earlier jumps and to the
 * purges that make a follower count fall. Three scales: a sharp burst shows within two hours, a
 * viral video's followers spread over its first day only show in a 6- or 24-hour window.
 */
import { median, round } from "../numbers";
import { lastAtOrBefore, riseBetween, type Rise } from "../series";
import { informativePoints } from "./informative";
import { DAY_MS, HOUR_MS, hoursBetween } from "../time";
import type { FollowerSnapshot } from "../types";
import type { Thresholds } from "./score";
import { DEFAULT_THRESHOLDS, confidenceOf, scoreWindow, severityOf } from "./score";
import type { AnomalyCandidate } from "./types";

/** Window lengths, each with its reference span and the windows it needs before the pace counts as known. */
const SCALES = [
  { windowMs: 2 * HOUR_MS, referenceMs: 7 * DAY_MS, minWindows: 12 },
  { windowMs: 6 * HOUR_MS, referenceMs: 7 * DAY_MS, minWindows: 8 },
  { windowMs: 24 * HOUR_MS, referenceMs: 14 * DAY_MS, minWindows: 5 },
] as const;

const MATERIAL_SHARE = 0.005;

/** Followers gained over snapshots `from`…`to`; `fell` marks a purge. */
const gain = (s: readonly FollowerSnapshot[], from: number, to: number) =>
  riseBetween(s, (point) => point.count, from, to);

/** The most unusual of the three scales, if any is a spike or a drop. */
export function detectFollowerAnomaly(
  snapshots: readonly FollowerSnapshot[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): AnomalyCandidate | undefined {
  // Follower counts update in batches too: a held count is skipped until it catches up.
  const points = informativePoints(snapshots, (s) => s.count).map((p) => ({ t: p.t, count: p.value }));
  const newest = snapshots[snapshots.length - 1];
  if (!newest || points[points.length - 1]?.t !== newest.t) return undefined;
  let best: AnomalyCandidate | undefined;
  for (const scale of SCALES) {
    const c = detectAtScale(points, scale, thresholds);
    if (c && (!best || Math.abs(c.score) > Math.abs(best.score))) best = c;
  }
  return best;
}

function detectAtScale(
  snapshots: readonly FollowerSnapshot[],
  scale: (typeof SCALES)[number],
  thresholds: Thresholds,
): AnomalyCandidate | undefined {
  const last = snapshots.length - 1;
  if (last < 1) return undefined;
  const endT = (snapshots[last] as FollowerSnapshot).t;
  const start = lastAtOrBefore(snapshots, endT - scale.windowMs);
  if (start < 0) return undefined;
  const test = gain(snapshots, start, last);
  const testHours = hoursBetween(test.startMs, test.endMs);

  const reference: Rise[] = [];
  let to = start;
  while (to > 0) {
    const from = lastAtOrBefore(snapshots, (snapshots[to] as FollowerSnapshot).t - scale.windowMs);
    if (from < 0 || (snapshots[from] as FollowerSnapshot).t < endT - scale.referenceMs) break;
    const g = gain(snapshots, from, to);
    if (!g.fell) reference.push(g);
    to = from;
  }
  if (reference.length < scale.minWindows) return undefined;
  const perHour = median(reference.map((g) => g.gained / hoursBetween(g.startMs, g.endMs)));
  const expected = perHour * testHours;
  const residuals = reference.map((g) => Math.log((g.gained + 1) / (perHour * hoursBetween(g.startMs, g.endMs) + 1)));
  const score = scoreWindow(test.gained, expected, residuals, thresholds);
  if (score.kind === null || (score.kind === "drop" && test.fell)) return undefined;
  // A jump that matters: at least 0.5% of the account's followers (and the thresholds' minimum).
  const followers = (snapshots[last] as FollowerSnapshot).count;
  if (Math.abs(test.gained - expected) < MATERIAL_SHARE * followers) return undefined;
  return {
    videoId: null,
    metric: "followers",
    kind: score.kind,
    severity: severityOf(score.kind, score.ratio),
    score: score.z,
    confidence: confidenceOf(score.z),
    windowStart: test.startMs,
    windowEnd: test.endMs,
    observed: test.gained,
    expected: round(expected, 1),
    details: {
      ratio: score.ratio,
      pValue: score.pValue,
      sigma: score.sigma,
      usualPerHour: round(perHour, 2),
      windowHours: round(testHours, 1),
    },
  };
}
