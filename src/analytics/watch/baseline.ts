import { retentionBand } from "./retention";
import { averageShare, mainCountryOf, signalCopy, SETTLED_MS } from "./signals";
import { spread } from "./spread";
import type { WatchBaseline, WatchCopy } from "./types";

/** The newest settled videos a baseline reads. */
export const BASELINE_VIDEOS = 30;

/**
 * The creator's typical video in TikTok's analytics: the latest copy of each of their newest
 * settled videos (at least four days old when fetched, so their figures stopped moving).
 */
export function watchBaseline(videos: readonly { createdAtMs: number; latest: WatchCopy }[]): WatchBaseline {
  const settled = videos
    .filter((v) => v.latest.fetchedAtMs - v.createdAtMs >= SETTLED_MS)
    .toSorted((a, b) => b.createdAtMs - a.createdAtMs)
    .slice(0, BASELINE_VIDEOS)
    .map((v) => v.latest);
  const country = mainCountryOf(settled);
  const signals = settled.map((c) => signalCopy(c, country));
  const sources = new Set(settled.flatMap((c) => Object.keys(c.sources ?? {})));
  const withSources = settled.filter((c) => c.sources);
  const mix = withSources.length
    ? Object.fromEntries(
        [...sources].toSorted().map((s) => [s, spread(withSources.map((c) => c.sources?.[s] ?? 0))?.p50 ?? 0]),
      )
    : null;
  const mainShare = country === null ? null : spread(signals.map((s) => s.mainCountry));
  return {
    videos: settled.length,
    hook: spread(signals.map((s) => s.hook)),
    averageSeconds: spread(settled.map((c) => c.averageSeconds)),
    averageShare: spread(settled.map(averageShare)),
    completion: spread(settled.map((c) => c.completion)),
    forYou: spread(signals.map((s) => s.forYou)),
    search: spread(signals.map((s) => s.search)),
    newViewers: spread(signals.map((s) => s.newViewers)),
    followers: spread(signals.map((s) => s.followers)),
    mainCountry: country !== null && mainShare ? { country, share: mainShare } : null,
    mix,
    retention: retentionBand(
      settled.flatMap((c) =>
        c.retention && c.durationSeconds ? [{ retention: c.retention, durationSeconds: c.durationSeconds }] : [],
      ),
    ),
  };
}
