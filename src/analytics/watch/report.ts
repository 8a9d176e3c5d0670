/**
 * One video in TikTok's watch data against the creator's own history: its retention curve against
 * the typical band, the hook rate, average watch time and completion against their usual range,
 * and where its views came from (and how that changed since the copy before). What the video page
 * shows; null figures are what TikTok did not report.
 */
import { round } from "../numbers";
import { shareOfNewViews } from "./diagnosis";
import { BAND_POSITIONS, atPositions, hookRate, steepestLoss } from "./retention";
import { averageShare, signalCopy } from "./signals";
import type { WatchCompared } from "../../contract/watch";
import type { Spread, WatchBaseline, WatchCopy } from "./types";

/** A figure against the creator's middle half (usual: null under five settled videos), as served. */
export type Compared = WatchCompared;

export interface VideoWatchReport {
  fetchedAtMs: number;
  durationSeconds: number | null;
  views: number | null;
  /** The curve at shares of the video's length (BAND_POSITIONS), with the creator's band. */
  retention: {
    positions: number[];
    video: (number | null)[] | null;
    band: { p25: (number | null)[]; p50: (number | null)[]; p75: (number | null)[] } | null;
    /** Where it loses the most viewers beyond the typical loss. */
    steepestLoss: { fromSecond: number; toSecond: number; lost: number; typicalLost: number } | null;
  };
  hook: Compared;
  averageSeconds: Compared;
  averageShare: Compared;
  completion: Compared;
  /** Shares of views by source, biggest first, with the creator's median share. */
  sources: { source: string; share: number; usual: number | null; recent: number | null }[] | null;
  audience: Record<string, number> | null;
  countries: Record<string, number> | null;
}

function compare(value: number | null, s: Spread | null): Compared {
  const usual = s && s.n >= 5 ? { p25: s.p25, p50: s.p50, p75: s.p75, n: s.n } : null;
  const standing =
    value === null || !usual ? null : value < usual.p25 ? "below" : value > usual.p75 ? "above" : "usual";
  return { value, usual, standing };
}

/** The report from a video's copies (any order; the newest is reported) and the account's baseline. */
export function videoWatchReport(
  copies: readonly WatchCopy[],
  baseline: WatchBaseline | null,
): VideoWatchReport | null {
  const sorted = copies.toSorted((a, b) => a.fetchedAtMs - b.fetchedAtMs);
  const latest = sorted.at(-1);
  if (!latest) return null;
  const previous = sorted.at(-2);
  const band = baseline?.retention ?? null;
  const byPosition = new Map(band?.map((p) => [p.position, p]) ?? []);
  const curve = latest.retention && latest.durationSeconds ? latest.retention : null;
  const country = baseline?.mainCountry?.country ?? null;
  const [now, before] = [signalCopy(latest, country), previous ? signalCopy(previous, country) : null];
  const sourceNames = Object.keys(latest.sources ?? {});
  const recentOf = (name: string): number | null => {
    if (!before || !previous?.sources || !latest.sources) return null;
    // shareOfNewViews reads named fields: lay the source's share into one.
    return shareOfNewViews(
      { ...before, forYou: previous.sources[name] ?? 0 },
      { ...now, forYou: latest.sources[name] ?? 0 },
      "forYou",
    );
  };
  return {
    fetchedAtMs: latest.fetchedAtMs,
    durationSeconds: latest.durationSeconds,
    views: latest.views,
    retention: {
      positions: BAND_POSITIONS,
      video: curve
        ? atPositions(curve, latest.durationSeconds as number).map((x) => (x === null ? null : round(x, 4)))
        : null,
      band: band
        ? {
            p25: BAND_POSITIONS.map((p) => byPosition.get(p)?.p25 ?? null),
            p50: BAND_POSITIONS.map((p) => byPosition.get(p)?.p50 ?? null),
            p75: BAND_POSITIONS.map((p) => byPosition.get(p)?.p75 ?? null),
          }
        : null,
      steepestLoss: curve && band ? steepestLoss(curve, latest.durationSeconds as number, band) : null,
    },
    hook: compare(hookRate(latest.retention), baseline?.hook ?? null),
    averageSeconds: compare(latest.averageSeconds, baseline?.averageSeconds ?? null),
    averageShare: compare(averageShare(latest), baseline?.averageShare ?? null),
    completion: compare(latest.completion, baseline?.completion ?? null),
    sources: latest.sources
      ? sourceNames
          .map((source) => ({
            source,
            share: round(latest.sources?.[source] ?? 0, 4),
            usual: baseline?.mix?.[source] ?? null,
            recent: recentOf(source),
          }))
          .toSorted((a, b) => b.share - a.share || (a.source < b.source ? -1 : 1))
      : null,
    audience: latest.audience,
    countries: latest.countries,
  };
}
