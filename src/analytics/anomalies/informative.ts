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
/** The recent pace: over this many of the last intervals kept (a catch-up's interval spans its whole batch, so it is fair). */
const PACE_INTERVALS = 6;

function recentPace(points: readonly Point[]): number {
  const last = points[points.length - 1] as Point;
  const first = points[Math.max(0, points.length - 1 - PACE_INTERVALS)] as Point;
  return last.t > first.t ? Math.max(0, last.value - first.value) / (last.t - first.t) : 0;
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
    const promised = recentPace(out) * (point.t - prev.t);
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
