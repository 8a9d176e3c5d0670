/**
 * The snapshots that carry information about a counter. TikTok's counters update in batches: a
 * busy video's count can stay (almost) the same for one to three polls, then catch up in one
 * step — at 30-minute polls and at 6-hour ones alike. Read literally, that is a stall (a "drop")
 * followed by a burst (a "spike"), although the audience never changed pace. So a poll that
 * gained next to nothing where the recent pace promised plenty is held back as not-yet-updated;
 * when a later poll catches up, the held ones are dropped and the catch-up carries the whole gain
 * over the whole span. Only a stall that outlasts any batch (more than three polls) is believed:
 * then the video really stopped, and the held polls are kept. The newest held polls are left out:
 * their information is not in yet. On a counter too small to move every poll, nothing is held
 * (a repeat is the likeliest outcome there).
 */

export interface Point {
  t: number;
  value: number;
}

/** A batch holds a counter for at most this many polls. */
export const MAX_HELD = 3;
/** A poll is held when it gained under this share of what the recent pace promised… */
const HELD_SHARE = 0.1;
/** …and the promise was at least this many counts. */
const MIN_PROMISED = 10;
/** The recent pace: median over this many of the last intervals kept. */
const PACE_INTERVALS = 6;

function recentPace(points: readonly Point[]): number | undefined {
  const rates: number[] = [];
  for (let i = points.length - 1; i > 0 && rates.length < PACE_INTERVALS; i--) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    if (b.value >= a.value && b.t > a.t) rates.push((b.value - a.value) / (b.t - a.t));
  }
  if (rates.length === 0) return undefined;
  rates.sort((x, y) => x - y);
  return rates[rates.length >> 1] as number;
}

/** `series` sorted by time; the points whose counts say something (see above). */
export function informativePoints<T extends { t: number }>(series: readonly T[], value: (s: T) => number): Point[] {
  const out: Point[] = [];
  let held: Point[] = [];
  for (const s of series) {
    const point = { t: s.t, value: value(s) };
    const prev = out[out.length - 1];
    if (prev === undefined) {
      out.push(point);
      continue;
    }
    const gain = point.value - prev.value;
    const promised = (recentPace(out) ?? 0) * (point.t - prev.t);
    const looksHeld = promised >= MIN_PROMISED && gain >= 0 && gain < HELD_SHARE * promised;
    if (looksHeld && held.length < MAX_HELD) {
      held.push(point);
      continue;
    }
    // A stall longer than any batch is real: the held polls were true readings.
    if (looksHeld) out.push(...held);
    out.push(point);
    held = [];
  }
  return out;
}
