import { z } from "@hono/zod-openapi";
import { VIDEO_STATUSES } from "../db/schema/videos";

/**
 * The analytics the API serves, as `src/analytics` computes and stores them (jsonb, served as is):
 * a video's analytics and the public part of an account's summary. `src/analytics/types.ts`
 * takes these types from here (`import type`), so the analytics core has one definition and needs
 * no zod at run time. Units are in the names: `…Ms` ms since the epoch (or a duration in ms),
 * `…Hours` an age or duration in hours, `…PerHour` a rate.
 */

export const Metric = z.enum(["views", "likes", "comments", "shares"]);
export type Metric = z.infer<typeof Metric>;

export const Checkpoint = z
  .object({
    ageHours: z.number(),
    views: z.number(),
    likes: z.number(),
    comments: z.number(),
    shares: z.number(),
  })
  .openapi("Checkpoint", {
    description: "A video's counters at a fixed age, interpolated between snapshots. Set once, never revised.",
  });
export type Checkpoint = z.infer<typeof Checkpoint>;

export const VelocityPoint = z
  .object({ fromAgeHours: z.number(), toAgeHours: z.number(), viewsPerHour: z.number() })
  .openapi("VelocityPoint", { description: "Views per hour between two ages" });
export type VelocityPoint = z.infer<typeof VelocityPoint>;

export const AgePercentile = z
  .object({
    ageHours: z.number(),
    views: z.number(),
    percentile: z.number().openapi({ description: "0–100, mid-rank: 50 = exactly typical" }),
    ratioToTypical: z
      .number()
      .openapi({ description: "(views + 1) / (median + 1) of the reference videos at this age" }),
    comparedWith: z.number().openapi({ description: "Number of earlier videos compared with" }),
  })
  .openapi("AgePercentile", { description: "This video against the creator's own earlier videos at the same age" });
export type AgePercentile = z.infer<typeof AgePercentile>;

export const ViewForecast = z
  .object({
    targetAgeHours: z.number(),
    observed: z.boolean().openapi({
      description: "True once the video has reached the target age: p10 = p50 = p90 = the observed views",
    }),
    p10: z.number(),
    p50: z.number(),
    p90: z.number(),
    fromAgeHours: z.number().openapi({ description: "The age the forecast was made from" }),
    fromViews: z.number().openapi({ description: "The views the forecast was made from" }),
    fittedOn: z
      .number()
      .openapi({ description: "How many of the creator's own videos the model was fitted on (0 = prior only)" }),
  })
  .openapi("ViewForecast", { description: "A view forecast at a target age, with an 80% interval" });
export type ViewForecast = z.infer<typeof ViewForecast>;

export const CounterDip = z
  .object({
    t: z.number(),
    metric: Metric,
    amount: z.number().openapi({ description: "Positive: how much the counter fell" }),
  })
  .openapi("CounterDip", {
    description: "A fall in a counter between two snapshots (TikTok removing spam views or likes): a data-quality flag",
  });
export type CounterDip = z.infer<typeof CounterDip>;

const VideoAnalyticsShape = z.object({
  version: z.literal(1),
  videoId: z.string(),
  createdAtMs: z.number(),
  status: z.enum(VIDEO_STATUSES),
  computedAtMs: z.number().openapi({ description: "Run time when this object last changed" }),
  lastSnapshotMs: z
    .number()
    .openapi({ description: "Fetch time of the newest snapshot analysed; 0 when there is none" }),
  latest: z
    .object({
      ageHours: z.number(),
      views: z.number(),
      likes: z.number(),
      comments: z.number(),
      shares: z.number(),
      engagementRate: z.number(),
    })
    .nullable(),
  checkpoints: z.array(Checkpoint).openapi({ description: "Counters at fixed ages (1 h, 2 h, 3 h, 6 h, 24 h, …)" }),
  velocityCurve: z
    .array(VelocityPoint)
    .openapi({ description: "The video's own velocity curve, between consecutive checkpoints" }),
  velocity: z
    .object({
      windowStartMs: z.number(),
      windowEndMs: z.number(),
      viewsPerHour: z.number(),
      likesPerHour: z.number(),
      commentsPerHour: z.number(),
      sharesPerHour: z.number(),
    })
    .nullable()
    .openapi({ description: "Rates over the last hour or so of snapshots (null before two snapshots)" }),
  percentiles: z
    .array(AgePercentile)
    .openapi({ description: "Age-matched percentiles at 1, 2, 3, 6 and 24 h, as the video reaches them" }),
  forecast: z.object({ views24h: ViewForecast.nullable(), views7d: ViewForecast.nullable() }),
  dips: z.array(CounterDip).openapi({ description: "Most recent counter dips (newest last, at most 5)" }),
});

/** Stored per video in `tiktok_videos.analytics` and passed back as `stored` on the next run. */
export type VideoAnalytics = z.infer<typeof VideoAnalyticsShape>;

/** The video page's analytics: the whole stored object (none of it before the first analysis). */
export const DetailAnalytics = VideoAnalyticsShape.partial().openapi("VideoAnalytics", {
  description:
    "A video's whole precomputed analytics (the video page): velocity curve, checkpoints, age-matched " +
    "percentiles, the forecast with its range and counter dips; empty until the first analysis",
});
export type DetailAnalytics = z.infer<typeof DetailAnalytics>;

/** What a row of the video table shows: where the video stands, without its full curve. */
export const ListAnalytics = VideoAnalyticsShape.pick({
  computedAtMs: true,
  latest: true,
  velocity: true,
  percentiles: true,
  forecast: true,
  dips: true,
})
  .partial()
  .openapi("VideoListAnalytics", {
    description: "Precomputed velocity, age-matched percentiles and the forecast with its range; empty until analysed",
  });
export type ListAnalytics = z.infer<typeof ListAnalytics>;

export const TypicalPoint = z
  .object({
    ageHours: z.number(),
    p10: z.number(),
    p25: z.number(),
    p50: z.number(),
    p75: z.number(),
    p90: z.number(),
    n: z.number().openapi({ description: "Videos behind the point: draw the band only when it is at least 3" }),
  })
  .openapi("TypicalPoint", {
    description: "Distribution of the creator's recent videos' cumulative views at one age",
  });
export type TypicalPoint = z.infer<typeof TypicalPoint>;

export const TypicalVelocity = z
  .object({
    fromAgeHours: z.number(),
    toAgeHours: z.number(),
    p25PerHour: z.number(),
    p50PerHour: z.number(),
    p75PerHour: z.number(),
    n: z.number(),
  })
  .openapi("TypicalVelocity", {
    description: "Distribution of the creator's recent videos' views per hour between two ages",
  });
export type TypicalVelocity = z.infer<typeof TypicalVelocity>;

export const TypicalCurve = z
  .object({
    videos: z.number().openapi({ description: "Distinct videos behind the curve" }),
    points: z.array(TypicalPoint),
    velocity: z.array(TypicalVelocity),
  })
  .openapi("TypicalCurve", {
    description: "The creator's typical curve: age-matched medians of recent videos, with bands",
  });
export type TypicalCurve = z.infer<typeof TypicalCurve>;

export const ProjectionPoint = z.object({ day: z.number(), p10: z.number(), p50: z.number(), p90: z.number() });
export type ProjectionPoint = z.infer<typeof ProjectionPoint>;

export const FollowerProjection = z
  .object({
    computedAtMs: z.number(),
    fromFollowers: z.number(),
    baselinePerDay: z.number().openapi({ description: "Robust steady net followers per day (jump days excluded)" }),
    jumpsPerDay: z.number().openapi({ description: "Expected viral jumps per day" }),
    jumpMedianFollowers: z.number().openapi({ description: "Their median size in followers" }),
    historyDays: z.number().openapi({ description: "Days of follower history the estimate used" }),
    points: z.array(ProjectionPoint),
  })
  .openapi("FollowerProjection", {
    description: "90-day follower projection: steady growth plus viral jumps, by Monte Carlo",
  });
export type FollowerProjection = z.infer<typeof FollowerProjection>;

export const WindowChange = z
  .object({ h24: z.number().nullable(), d7: z.number().nullable() })
  .openapi("WindowChange", { description: "A change over a window, null until the history covers the window" });
export type WindowChange = z.infer<typeof WindowChange>;

export const SummaryTotals = z.object({
  followers: z.number().nullable(),
  views: z.number(),
  likes: z.number(),
  comments: z.number(),
  shares: z.number(),
  publicVideos: z.number(),
});
export type SummaryTotals = z.infer<typeof SummaryTotals>;

export const SummaryChanges = z
  .object({ followers: WindowChange, views: WindowChange, likes: WindowChange, engagementRate: WindowChange })
  .openapi({ description: "engagementRate: the change of the rate itself (0.004 = 0.4 percentage points)" });
export type SummaryChanges = z.infer<typeof SummaryChanges>;

/** What of an account's stored summary the API shows (an account not analysed yet has none of it). */
export const PublicSummary = z
  .object({
    computedAtMs: z.number(),
    totals: SummaryTotals,
    engagementRate: z
      .number()
      .nullable()
      .openapi({ description: "(likes + comments + shares) / views over the 20 newest public videos" }),
    changes: SummaryChanges,
    typicalCurve: TypicalCurve,
    followerProjection: FollowerProjection.nullable(),
  })
  .partial()
  .openapi("AccountSummary", {
    description:
      "Precomputed analytics: totals, changes, the typical first-hours curve and the 90-day follower projection; " +
      "empty until the first analysis",
  });
export type PublicSummary = z.infer<typeof PublicSummary>;
