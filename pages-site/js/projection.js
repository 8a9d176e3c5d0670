// The 90-day follower projection behind the predictor. Deliberately simple and stated on the
// page: a baseline drift from posting, plus, for the high line, one viral jump.

/** Assumed follows per view. Adam measures a creator's own rate instead. */
export const FOLLOWS_PER_VIEW = 0.005;
export const LOW_DRIFT = 0.6;
export const HIGH_DRIFT = 1.3;
/** The viral-jump scenario: one video reaches this multiple of typical views on JUMP_DAY… */
export const JUMP_MULTIPLE = 20;
export const JUMP_DAY = 40;
/** …its follows arrive over three days, and posting afterwards reaches 15% more people. */
export const JUMP_DAYS = 3;
export const JUMP_LIFT = 0.15;

export function project({ followers, videosPerWeek, viewsPerVideo }, days = 90) {
  const followsPerVideo = viewsPerVideo * FOLLOWS_PER_VIEW;
  const drift = (videosPerWeek / 7) * followsPerVideo;
  const jump = JUMP_MULTIPLE * followsPerVideo;
  const series = { low: [], likely: [], high: [] };
  for (let day = 0; day <= days; day++) {
    const after = Math.max(0, day - JUMP_DAY);
    const viral = jump * Math.min(1, after / JUMP_DAYS) + HIGH_DRIFT * drift * JUMP_LIFT * after;
    series.low.push([day, followers + LOW_DRIFT * drift * day]);
    series.likely.push([day, followers + drift * day]);
    series.high.push([day, followers + HIGH_DRIFT * drift * day + viral]);
  }
  return series;
}
