import { DAY_MS } from "../time";
import { activityByHour } from "./activity";
import { watchBaseline } from "./baseline";
import { diagnose } from "./diagnosis";
import { mainCountryOf, videoSignals } from "./signals";
import type { DiagnosisSubject, WatchCopy, WatchDay, WatchSummary } from "./types";
import { withWatchDay } from "./watch-days";

/** Videos this young keep their signals in the summary: the ones a drop or slow start can be about. */
export const RECENT_MS = 14 * DAY_MS;
/** Diagnoses a summary keeps. */
export const MAX_DIAGNOSES = 50;

export interface WatchSummaryInput {
  nowMs: number;
  /** The account's videos with their stored copies (at least each one's newest; recent ones all of theirs). */
  videos: readonly { videoId: string; createdAtMs: number; copies: readonly WatchCopy[] }[];
  /** Daily metrics' audience activity by hour. */
  days: readonly { date: string; activity: readonly (number | null)[] | null }[];
  /** The summary before this run (its watch days carry on). */
  previous: WatchSummary | null;
  /** Watch time gained since the last fetch (null: nothing to compare). */
  watchDay: WatchDay | null;
  /** Drop alerts and slow starts to diagnose. */
  subjects: readonly DiagnosisSubject[];
}

/** What the daily job stores for an account and the API serves: baseline, recent signals, activity, diagnoses. */
export function buildWatchSummary(input: WatchSummaryInput): WatchSummary {
  const latest = input.videos.flatMap((v) => {
    const copy = v.copies.reduce<WatchCopy | undefined>(
      (best, c) => (!best || c.fetchedAtMs > best.fetchedAtMs ? c : best),
      undefined,
    );
    return copy ? [{ createdAtMs: v.createdAtMs, latest: copy }] : [];
  });
  const baseline = watchBaseline(latest);
  const country = mainCountryOf(latest.map((v) => v.latest));
  const recent = Object.fromEntries(
    input.videos
      .filter((v) => input.nowMs - v.createdAtMs <= RECENT_MS && v.copies.length)
      .map((v) => [v.videoId, videoSignals(v.copies, country)]),
  );
  const summary: WatchSummary = {
    version: 1,
    computedAtMs: input.nowMs,
    baseline,
    recent,
    activity: activityByHour(input.days),
    watchDays: withWatchDay(input.previous?.watchDays ?? [], input.watchDay),
    diagnoses: [],
  };
  // Subjects stay while their video is recent: a slow start's card expires before TikTok reports the video.
  const keyOf = (s: DiagnosisSubject) =>
    s.kind === "drop" ? `drop:${s.videoId}:${s.windowStartMs}` : `slow_start:${s.videoId}`;
  const subjects = new Map<string, DiagnosisSubject>();
  const carried = (input.previous?.diagnoses ?? [])
    .filter((d) => d.about && (recent[d.videoId] !== undefined || d.status === "waiting"))
    .map((d) => d.about);
  for (const s of [...input.subjects, ...carried]) if (!subjects.has(keyOf(s))) subjects.set(keyOf(s), s);
  summary.diagnoses = [...subjects.values()].slice(0, MAX_DIAGNOSES).map((s) => diagnose(s, summary));
  return summary;
}
