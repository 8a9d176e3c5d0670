/**
 * The snapshots that carry information about a counter. TikTok's counters update in batches: a
 * busy video's count can stay the same for one to three polls, then catch up in one step. Read
 * literally, that is a stall (a "drop") followed by a burst (a "spike"), although the audience
 * never changed pace. So a repeated value is treated as not-yet-updated, not as zero growth: it
 * is skipped, and the next changed value carries the whole gain over the whole span. A value that
 * stays the same for longer than any batch lasts is believed (the video really stalled). On a
 * counter too small to move every poll, skipping a repeat loses only timing: the gain between
 * the points kept is still exact.
 */
import { HOUR_MS } from "../time";

/** Longer than a batched counter stays unchanged (three 30-minute polls and some). */
export const STALE_LIMIT_MS = 2 * HOUR_MS;

export interface Point {
  t: number;
  value: number;
}

/**
 * `series` sorted by time. The newest point is dropped when it repeats a value too recently: its
 * information is not in yet.
 */
export function informativePoints<T extends { t: number }>(series: readonly T[], value: (s: T) => number): Point[] {
  const out: Point[] = [];
  for (const s of series) {
    const v = value(s);
    const prev = out[out.length - 1];
    if (prev === undefined || v !== prev.value || s.t - prev.t >= STALE_LIMIT_MS) out.push({ t: s.t, value: v });
  }
  return out;
}
