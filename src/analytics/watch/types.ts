/**
 * Shapes of the watch-time analytics: what TikTok's Accounts API reports about a creator's videos
 * (retention, watch time, where views came from, who watched), turned into comparisons with the
 * creator's own history and a diagnosis of drops and slow starts. Pure data, plain JSON (stored in
 * jsonb and served as is). `null` is "TikTok did not report it", never zero.
 */

import type { WatchDiagnosis, WatchEvidence } from "../../contract/watch";

/** One day's copy of a video's lifetime analytics, as stored. */
export interface WatchCopy {
  /** When Adam fetched it (TikTok's data is 24–48 h older). */
  fetchedAtMs: number;
  views: number | null;
  reach: number | null;
  averageSeconds: number | null;
  totalSeconds: number | null;
  /** Share of viewers who watched to the end. */
  completion: number | null;
  durationSeconds: number | null;
  /** `[second, share still watching]`, from second 0. */
  retention: [number, number][] | null;
  /** Share of views per traffic source (TikTok's names: "For You", "Follow", "Search", …). */
  sources: Record<string, number> | null;
  /** `new_viewers`, `returning_viewers`, `followers`, `non_followers` shares. */
  audience: Record<string, number> | null;
  /** Share of viewers per country code. */
  countries: Record<string, number> | null;
}

/** How a figure is spread over the creator's settled videos. */
export interface Spread {
  n: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

/** The creator's typical retention at a share of the video's length (position 0 = start, 1 = end). */
export interface RetentionBandPoint {
  position: number;
  p25: number;
  p50: number;
  p75: number;
  n: number;
}

/** The creator's typical video in TikTok's analytics: the latest copies of their settled videos. */
export interface WatchBaseline {
  /** Settled videos with watch data behind it. */
  videos: number;
  /** Share still watching at 3 seconds. */
  hook: Spread | null;
  averageSeconds: Spread | null;
  /** Average watch time as a share of the video's length. */
  averageShare: Spread | null;
  completion: Spread | null;
  forYou: Spread | null;
  search: Spread | null;
  newViewers: Spread | null;
  followers: Spread | null;
  /** The country most of the creator's viewers are in, and its share per video. */
  mainCountry: { country: string; share: Spread } | null;
  /** Median share of each traffic source. */
  mix: Record<string, number> | null;
  retention: RetentionBandPoint[] | null;
}

/** One copy, reduced to the signals a diagnosis reads. */
export interface SignalCopy {
  fetchedAtMs: number;
  views: number | null;
  forYou: number | null;
  search: number | null;
  newViewers: number | null;
  followers: number | null;
  /** Share of the creator's main country. */
  mainCountry: number | null;
  hook: number | null;
  averageShare: number | null;
  completion: number | null;
}

/** A recent video's signals over its copies, oldest first: what the snapshot job diagnoses with. */
export interface VideoSignals {
  durationSeconds: number | null;
  copies: SignalCopy[];
}

/** Followers active in each UTC hour, averaged over the reported days. */
export interface ActivityByHour {
  /** 24 values, UTC hours 0–23; null where TikTok reported nothing. */
  hours: (number | null)[];
  days: number;
  /** The UTC hours with the most followers active, best first (at most 3). */
  bestHours: number[];
}

/** Watch time gained between two daily fetches, over the videos TikTok reported both times. */
export interface WatchDay {
  /** The fetch day (UTC, YYYY-MM-DD): the data is 24–48 h older. */
  day: string;
  hoursWatched: number;
  views: number;
  /** Days since the previous fetch (1 normally; more after a missed day). */
  spanDays: number;
}

/** Precomputed by the daily job for an account; read by the snapshot job and the API. */
export interface WatchSummary {
  version: 1;
  computedAtMs: number;
  baseline: WatchBaseline;
  /** Videos up to two weeks old, by id: the ones a drop or slow start can be about. */
  recent: Record<string, VideoSignals>;
  activity: ActivityByHour | null;
  /** Newest last, at most 120. */
  watchDays: WatchDay[];
  /** A diagnosis for each recent drop alert and slow start (newest first). */
  diagnoses: Diagnosis[];
}

/** What a diagnosis serves as is: defined once in the contract (types only). */
export type Evidence = WatchEvidence;
export type Signal = WatchEvidence["signal"];
export type DiagnosisCause = NonNullable<WatchDiagnosis["cause"]>;

/**
 * Why a drop or a slow start happened, as far as TikTok's watch data shows:
 * - cause: one cause named, with the evidence; `also` lists other signals that stood out;
 * - no_cause: the data is there and nothing stands out (the evidence lists what was checked);
 * - waiting: TikTok has not reported the video (or not past the drop) yet;
 * - not_connected: the account has no watch-time insights.
 */
export interface Diagnosis {
  version: 1;
  subject: WatchDiagnosis["subject"];
  videoId: string;
  status: WatchDiagnosis["status"];
  cause: DiagnosisCause | null;
  headline: string;
  evidence: Evidence[];
  also: string[];
  /** The newest copy the diagnosis read (null without one). */
  dataFetchedAtMs: number | null;
  /** What was diagnosed (carried from day to day while TikTok's data is late). */
  about: DiagnosisSubject;
}

/** What a diagnosis is about. */
export type DiagnosisSubject =
  | { kind: "drop"; videoId: string; windowStartMs: number; windowEndMs: number }
  | { kind: "slow_start"; videoId: string; ageHours: number; ratioToTypical: number };
