import { round } from "../numbers";
import { DAY_MS } from "../time";
import { hookRate } from "./retention";
import type { SignalCopy, VideoSignals, WatchCopy } from "./types";

/** TikTok's name of the For You feed as a traffic source. */
export const FOR_YOU = "For You";
export const SEARCH = "Search";
/** Copies a recent video keeps in the summary (a week and a day of daily fetches). */
export const SIGNAL_COPIES = 8;

export function sourceShare(sources: Record<string, number> | null, name: string): number | null {
  return sources ? (sources[name] ?? 0) : null;
}

/** Average watch time as a share of the video's length (null without both). */
export function averageShare(copy: WatchCopy): number | null {
  const duration = copy.durationSeconds;
  if (copy.averageSeconds === null || !duration) return null;
  return round(Math.min(1, copy.averageSeconds / duration), 4);
}

/**
 * The country most of the creator's viewers are in: the one with the largest total share over
 * their videos (null when TikTok reported no countries).
 */
export function mainCountryOf(copies: readonly WatchCopy[]): string | null {
  const totals = new Map<string, number>();
  for (const c of copies)
    for (const [country, share] of Object.entries(c.countries ?? {}))
      totals.set(country, (totals.get(country) ?? 0) + share);
  let best: string | null = null;
  for (const [country, total] of totals)
    if (best === null || total > (totals.get(best) as number) || (total === totals.get(best) && country < best))
      best = country;
  return best;
}

export function signalCopy(copy: WatchCopy, mainCountry: string | null): SignalCopy {
  return {
    fetchedAtMs: copy.fetchedAtMs,
    views: copy.views,
    forYou: sourceShare(copy.sources, FOR_YOU),
    search: sourceShare(copy.sources, SEARCH),
    newViewers: copy.audience?.new_viewers ?? null,
    followers: copy.audience?.followers ?? null,
    mainCountry: mainCountry === null || !copy.countries ? null : (copy.countries[mainCountry] ?? 0),
    hook: hookRate(copy.retention),
    averageShare: averageShare(copy),
    completion: copy.completion,
  };
}

/** A video's signals over its latest copies, oldest first. */
export function videoSignals(copies: readonly WatchCopy[], mainCountry: string | null): VideoSignals {
  const sorted = copies.toSorted((a, b) => a.fetchedAtMs - b.fetchedAtMs).slice(-SIGNAL_COPIES);
  return {
    durationSeconds: sorted.findLast((c) => c.durationSeconds !== null)?.durationSeconds ?? null,
    copies: sorted.map((c) => signalCopy(c, mainCountry)),
  };
}

/** A video's figures settle a few days after posting: the baseline reads videos at least this old at their copy. */
export const SETTLED_MS = 4 * DAY_MS;
