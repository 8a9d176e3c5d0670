/**
 * Shapes the analytics core takes and returns. Everything returned is plain JSON (finite numbers,
 * no NaN/Infinity, no Dates): ingestion stores it in jsonb columns as is and passes it back on the
 * next run, and the API serves it to the dashboard unchanged.
 *
 * Units are in the names: `…Ms` is milliseconds since the Unix epoch (or a duration in ms),
 * `…Hours` an age or duration in hours, `…PerHour` a rate.
 */

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

export type Metric = "views" | "likes" | "comments" | "shares";
export const METRICS: readonly Metric[] = ["views", "likes", "comments", "shares"];

/** A video's counters at a fixed age, interpolated between snapshots. Set once, never revised. */
export interface Checkpoint {
  ageHours: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
}

/** Views per hour between two ages. */
export interface VelocityPoint {
  fromAgeHours: number;
  toAgeHours: number;
  viewsPerHour: number;
}

/** This video against the creator's own earlier videos at the same age. */
export interface AgePercentile {
  ageHours: number;
  views: number;
  /** 0–100, mid-rank: 50 = exactly typical. */
  percentile: number;
  /** (views + 1) / (median + 1) of the reference videos at this age. */
  ratioToTypical: number;
  /** Number of earlier videos compared with. */
  comparedWith: number;
}

/** A view forecast at a target age, with an 80% interval. */
export interface ViewForecast {
  targetAgeHours: number;
  /** True once the video has reached the target age: p10 = p50 = p90 = the observed views. */
  observed: boolean;
  p10: number;
  p50: number;
  p90: number;
  /** The age and views the forecast was made from. */
  fromAgeHours: number;
  fromViews: number;
  /** How many of the creator's own videos the model was fitted on (0 = prior only). */
  fittedOn: number;
}

/** A fall in a counter between two snapshots (TikTok removing spam views or likes): kept as a data-quality flag. */
export interface CounterDip {
  t: number;
  metric: Metric;
  /** Positive: how much the counter fell. */
  amount: number;
}

/** Stored per video in `tiktok_videos.analytics` and passed back as `stored` on the next run. */
export interface VideoAnalytics {
  version: 1;
  videoId: string;
  createdAtMs: number;
  status: "public" | "unavailable";
  /** Run time when this object last changed (`now` of that run): write it back only when it equals `now`. */
  computedAtMs: number;
  /** Fetch time of the newest snapshot analysed; 0 when there is none. */
  lastSnapshotMs: number;
  latest: {
    ageHours: number;
    views: number;
    likes: number;
    comments: number;
    shares: number;
    engagementRate: number;
  } | null;
  /** Counters at fixed ages (see CHECKPOINT_AGES_HOURS), so older snapshots are never needed again. */
  checkpoints: Checkpoint[];
  /** The video's own velocity curve, between consecutive checkpoints. */
  velocityCurve: VelocityPoint[];
  /** Rates over the last hour or so of snapshots (null before two snapshots). */
  velocity: {
    windowStartMs: number;
    windowEndMs: number;
    viewsPerHour: number;
    likesPerHour: number;
    commentsPerHour: number;
    sharesPerHour: number;
  } | null;
  /** Age-matched percentiles at 1, 2, 3, 6 and 24 h, as the video reaches them. */
  percentiles: AgePercentile[];
  forecast: { views24h: ViewForecast | null; views7d: ViewForecast | null };
  /** Most recent counter dips (newest last, at most 5). */
  dips: CounterDip[];
}

/** Distribution of the creator's recent videos' cumulative views at one age. */
export interface TypicalPoint {
  ageHours: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  /** Videos behind the point: draw the band only when it is at least 3. */
  n: number;
}

/** Distribution of the creator's recent videos' views per hour between two ages. */
export interface TypicalVelocity {
  fromAgeHours: number;
  toAgeHours: number;
  p25PerHour: number;
  p50PerHour: number;
  p75PerHour: number;
  n: number;
}

/** The creator's typical curve: age-matched medians of recent videos, with bands. */
export interface TypicalCurve {
  /** Distinct videos behind the curve. */
  videos: number;
  points: TypicalPoint[];
  velocity: TypicalVelocity[];
}

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

export interface ProjectionPoint {
  day: number;
  p10: number;
  p50: number;
  p90: number;
}

/** 90-day follower projection: steady growth plus viral jumps, by Monte Carlo. */
export interface FollowerProjection {
  computedAtMs: number;
  fromFollowers: number;
  /** Robust steady net followers per day (jump days excluded). */
  baselinePerDay: number;
  /** Expected viral jumps per day and their median size in followers. */
  jumpsPerDay: number;
  jumpMedianFollowers: number;
  /** Days of follower history the estimate used. */
  historyDays: number;
  points: ProjectionPoint[];
}

/** A change over a window, null until the history covers the window. */
export interface WindowChange {
  h24: number | null;
  d7: number | null;
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
  totals: {
    followers: number | null;
    views: number;
    likes: number;
    comments: number;
    shares: number;
    publicVideos: number;
  };
  /** (likes + comments + shares) / views over the 20 newest public videos; null without views. */
  engagementRate: number | null;
  /** engagementRate: the change of the rate itself (0.004 = 0.4 percentage points). */
  changes: { followers: WindowChange; views: WindowChange; likes: WindowChange; engagementRate: WindowChange };
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
