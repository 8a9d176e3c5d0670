/**
 * Shapes the analytics core takes and returns. Everything returned is plain JSON (finite numbers,
 * no NaN/Infinity, no Dates): ingestion stores it in jsonb columns as is and passes it back on the
 * next run, and the API serves it to the dashboard unchanged.
 *
 * Units are in the names: `…Ms` is milliseconds since the Unix epoch (or a duration in ms),
 * `…Hours` an age or duration in hours, `…PerHour` a rate.
 */

import type {
  FollowerProjection,
  Metric,
  SummaryChanges,
  SummaryTotals,
  TypicalCurve,
  VideoAnalytics,
} from "../contract/analytics";

/** The shapes the API serves as they are stored: defined once, in the contract (types only, no zod at run time). */
export type {
  AgePercentile,
  Checkpoint,
  CounterDip,
  FollowerProjection,
  Metric,
  ProjectionPoint,
  TypicalCurve,
  TypicalPoint,
  TypicalVelocity,
  VelocityPoint,
  VideoAnalytics,
  ViewForecast,
  WindowChange,
} from "../contract/analytics";

/** One fetch of a video's cumulative counters. */
export interface VideoSnapshot {
  /** Fetch time, ms since the epoch. */
  t: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
}

/** One fetch of the account's follower count. */
export interface FollowerSnapshot {
  t: number;
  count: number;
}

export const METRICS: readonly Metric[] = ["views", "likes", "comments", "shares"];

/**
 * Forecast fit at one early age: ln(views at target + 1) − ln(views at age + 1) =
 * meanLogRatio + growthSlope · (growth − meanGrowth) + residual, where growth is the video's
 * log2 growth over the last doubling of its age.
 */
export interface LogRatioFit {
  ageHours: number;
  /** Shrunk towards the prior by n / (n + prior weight). */
  meanLogRatio: number;
  growthSlope: number;
  meanGrowth: number;
  /** Residual quantiles (P10 ≤ 0 ≤ P90) around the mean, same shrinkage. */
  q10: number;
  q90: number;
  /** Own videos behind the fit at this age. */
  n: number;
  /**
   * Model version 2 (forecast.ts): the pace is measured from `paceFrom` × age (the previous
   * checkpoint age over this one); the slopes on ln(views now + 1) and on the pace feature, with
   * their means over the fitted videos. `growthSlope` and `meanGrowth` are 0 there.
   */
  paceFrom?: number;
  levelSlope?: number;
  meanLevel?: number;
  paceSlope?: number;
  meanPace?: number;
}

/**
 * The creator's growth shape: a typical video has half its eventual views at `halfLifeHours`
 * (log-logistic, `shape` = steepness). Sets what each window of a video "should" bring.
 */
export interface GrowthShape {
  halfLifeHours: number;
  shape: number;
  /** Most videos behind any segment of the fit (0 = prior only). */
  videos: number;
}

/** The audience's daily rhythm: ln(views-per-hour factor) for each UTC hour 0–23, mean 0. */
export interface DiurnalProfile {
  logFactors: number[];
  /** Runs that contributed evidence (0 = flat, nothing learnt yet). */
  weight: number;
  /** Decayed evidence per hour: sums of window log ratios and window counts (absent in profiles made before it was kept). */
  sums?: number[];
  counts?: number[];
}

/** The per-creator forecast model, refitted every run from stored checkpoints. */
export interface ForecastModel {
  /** 2 for the chained model with pace (forecast.ts); absent in models stored before it (refitted). */
  version?: number;
  targets: { targetAgeHours: number; fits: LogRatioFit[] }[];
}

/**
 * Adaptive calibration of the forecast ranges (forecast-calibration.ts): per target and checkpoint
 * age, the log scale of each side of the P10–P90 range and how many matured videos judged it.
 */
export interface ForecastCalibration {
  version: 1;
  targets: {
    targetAgeHours: number;
    cells: { ageHours: number; low: number; high: number; judged: number }[];
  }[];
}

/** One UTC day's closing figures; cumulative gains make any window's change a subtraction. */
export interface DailyRecord {
  dayStartMs: number;
  /** Time of the last run that day. */
  atMs: number;
  followers: number | null;
  /** Views etc. gained on tracked videos since tracking began (net of dips). */
  cumulativeViews: number;
  cumulativeLikes: number;
  /** The account's engagement rate at `atMs` (absent from records made before it was kept). */
  engagementRate?: number | null;
}

/** An anomaly still inside its cooldown: re-detections extend it instead of making a new alert. */
export interface OpenEvent extends RecentAnomaly {
  lastSeenMs: number;
}

/** Stored per account in `tiktok_accounts.summary` and passed back as `storedAccount`. */
export interface AccountSummary {
  version: 1;
  computedAtMs: number;
  /** First run for this account: views gained before it are not counted as gains. */
  trackingSinceMs: number;
  totals: SummaryTotals;
  /** (likes + comments + shares) / views over the 20 newest public videos; null without views. */
  engagementRate: number | null;
  /** engagementRate: the change of the rate itself (0.004 = 0.4 percentage points). */
  changes: SummaryChanges;
  typicalCurve: TypicalCurve;
  growthShape: GrowthShape;
  /** How the creator's videos grow between checkpoint ages (see anomalies/growth.ts; absent in older summaries). */
  growthSegments?: { fromAge: number; toAge: number; centre: number; spread: number }[];
  diurnal: DiurnalProfile;
  forecastModel: ForecastModel;
  /** Absent in summaries made before it was kept (starts empty). */
  forecastCalibration?: ForecastCalibration;
  followerProjection: FollowerProjection | null;
  cumulative: { views: number; likes: number };
  /** Last 120 UTC days, oldest first. */
  daily: DailyRecord[];
  openEvents: OpenEvent[];
  /** The anomaly detector's recent log ratios by age and window length (see anomalies/calibration.ts). */
  trackRecord?: Record<string, number[]>;
}

/** An anomaly row for `tiktok_anomalies`; `eventKey` is stable across runs and redeliveries. */
export interface Anomaly {
  eventKey: string;
  videoId: string | null;
  /** "views" for videos, "followers" for the account. */
  metric: string;
  kind: "spike" | "drop";
  severity: "low" | "medium" | "high";
  /** How unusual: the window's log ratio to its trend in units of the series' own noise. */
  score: number;
  /** How sure Adam is that this is a real event, 0–1 (alerts start at 0.5). */
  confidence: number;
  windowStart: number;
  windowEnd: number;
  /** Counts gained in the window, and what the trend predicted. */
  observed: number;
  expected: number;
  details: Record<string, unknown>;
}

/** An insight card row for `tiktok_insights`; one per `factKey`, refreshed in place. */
export interface Insight {
  factKey: string;
  videoId: string | null;
  kind: string;
  severity: "info" | "low" | "medium" | "high";
  title: string;
  body: string;
  evidence: Record<string, unknown>;
  /** Higher first. */
  rank: number;
  expiresAt: number;
}

/** What ingestion already has for one video. */
export interface VideoInput {
  id: string;
  createdAt: number;
  status: "public" | "unavailable";
  /** Recent snapshots (e.g. the last 72 h or since posting), including the new one; any order. */
  recent: VideoSnapshot[];
  /** What analyzeAccount returned for this video last time (undefined, or the column default `{}`, the first time). */
  stored?: VideoAnalytics;
}

/** A stored anomaly from the last ~7 days, for cooldown and dedupe. */
export interface RecentAnomaly {
  eventKey: string;
  videoId: string | null;
  metric: string;
  kind: "spike" | "drop";
  windowStart: number;
  windowEnd: number;
}

export interface AnalyzeInput {
  /** Run time, ms. */
  now: number;
  account: {
    id: number;
    /** Recent follower snapshots (~14 days, irregular, gaps allowed), including the new one. */
    followers: FollowerSnapshot[];
  };
  /** All the account's videos. */
  videos: VideoInput[];
  /** What analyzeAccount returned for the account last time (undefined or `{}` the first time). */
  storedAccount?: AccountSummary;
  recentAnomalies: RecentAnomaly[];
}

export interface AnalyzeOutput {
  /** Every input video's analytics; unchanged ones are the stored object as is. */
  videos: Record<string, VideoAnalytics>;
  account: AccountSummary;
  anomalies: Anomaly[];
  insights: Insight[];
}
