import { z } from "@hono/zod-openapi";
import { anomalies } from "../db/schema/signals";
import { VIDEO_STATUSES } from "../db/schema/videos";
import { DetailAnalytics, ListAnalytics } from "./analytics";
import { VIDEO_SORTS } from "./constants";
import { AccountId, VideoId } from "./ids";

export const Video = z
  .object({
    id: VideoId,
    title: z.string().nullable(),
    description: z.string().nullable(),
    create_time: z.string(),
    status: z.enum(VIDEO_STATUSES).openapi({ description: "unavailable: went private or was deleted" }),
    duration_seconds: z.number().int().nullable(),
    share_url: z.string().nullable(),
    cover_image_url: z.string().nullable(),
    views: z.number().int(),
    likes: z.number().int(),
    comments: z.number().int(),
    shares: z.number().int(),
    engagement_rate: z.number().nullable(),
    metrics_updated_at: z.string().nullable(),
    analytics: ListAnalytics,
  })
  .openapi("Video", { description: "A row of the video table" });
export type Video = z.infer<typeof Video>;

/** The video page's video: the same fields, with the whole analytics. */
export const AnalysedVideo = Video.extend({ analytics: DetailAnalytics }).openapi("AnalysedVideo", {
  description: "A video with its whole analytics (the video page)",
});
export type AnalysedVideo = z.infer<typeof AnalysedVideo>;

export const VideoList = z.object({
  account_id: AccountId,
  sort: z.enum(VIDEO_SORTS),
  limit: z.number(),
  videos: z.array(Video),
});
export type VideoList = z.infer<typeof VideoList>;

export const VideoSeries = z
  .object({
    t: z.array(z.number().int()).openapi({ description: "Slot start of each snapshot, ms since the epoch" }),
    fetched: z.array(z.number().int()).openapi({
      description: "When each snapshot was taken, ms since the epoch: the video's age at it is fetched − create_time",
    }),
    views: z.array(z.number().int()),
    likes: z.array(z.number().int()),
    comments: z.array(z.number().int()),
    shares: z.array(z.number().int()),
  })
  .openapi("VideoSeries");
export type VideoSeries = z.infer<typeof VideoSeries>;

export const VIDEO_ANCHORS = ["posted", "latest"] as const;

export const VideoHistory = z.object({
  video: AnalysedVideo,
  account_id: AccountId,
  hours: z.number(),
  anchor: z.enum(VIDEO_ANCHORS),
  series: VideoSeries,
});
export type VideoHistory = z.infer<typeof VideoHistory>;

export const Anomaly = z
  .object({
    id: z.string(),
    metric: z.string(),
    kind: z.enum(anomalies.kind.enumValues),
    severity: z.enum(anomalies.severity.enumValues),
    score: z.number(),
    confidence: z.number().min(0).max(1).openapi({
      description: "How sure Adam is the event is real, 0–1; alerts are sent from ALERT_MIN_CONFIDENCE (0.7) on",
    }),
    window_start: z.string(),
    window_end: z.string(),
    observed: z.number(),
    expected: z.number(),
    details: z.record(z.string(), z.unknown()),
    detected_at: z.string(),
  })
  .openapi("Anomaly");
export type Anomaly = z.infer<typeof Anomaly>;

export const VideoAnomalies = z.object({ video_id: VideoId, anomalies: z.array(Anomaly) });
export type VideoAnomalies = z.infer<typeof VideoAnomalies>;
