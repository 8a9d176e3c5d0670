import { round } from "../numbers";
import { DAY_MS } from "../time";
import type { WatchCopy, WatchDay } from "./types";

/** Days of watch time a summary keeps. */
export const WATCH_DAYS = 120;

/**
 * Watch time gained since the previous fetch: for each video TikTok reported both times, the
 * growth of its lifetime watch time (and views). Videos missing either time are left out, not
 * counted as zero; a day with none is not a day of zero watch time, so it gives no entry.
 */
export function watchDay(
  day: string,
  previous: ReadonlyMap<string, WatchCopy>,
  current: ReadonlyMap<string, WatchCopy>,
): WatchDay | null {
  let seconds = 0;
  let views = 0;
  let videos = 0;
  let span = 0;
  for (const [id, now] of current) {
    const before = previous.get(id);
    if (!before || before.totalSeconds === null || now.totalSeconds === null) continue;
    seconds += Math.max(0, now.totalSeconds - before.totalSeconds);
    views += Math.max(0, (now.views ?? 0) - (before.views ?? 0));
    span = Math.max(span, now.fetchedAtMs - before.fetchedAtMs);
    videos++;
  }
  if (!videos) return null;
  return { day, hoursWatched: round(seconds / 3600, 2), views, spanDays: Math.max(1, Math.round(span / DAY_MS)) };
}

/** The list with `entry` in (replacing the same day's), oldest first, at most WATCH_DAYS. */
export function withWatchDay(days: readonly WatchDay[], entry: WatchDay | null): WatchDay[] {
  const kept = entry ? [...days.filter((d) => d.day !== entry.day), entry] : [...days];
  return kept.toSorted((a, b) => (a.day < b.day ? -1 : 1)).slice(-WATCH_DAYS);
}
