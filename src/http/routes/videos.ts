import { createRoute, z } from "@hono/zod-openapi";
import { readVideoAnomalies } from "../../db/queries/signals";
import { listVideos, readVideoHistory, VIDEO_SORTS, type VideoSummary } from "../../db/queries/videos";
import { accountNotFound, assertAccountClaim, videoNotFound } from "../access";
import { listAnalytics } from "../presenters";

import { requireUser } from "../middleware/auth";
import { withEdgeCache } from "../cache/edge-cache";
import { rateLimit } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery, VideoId } from "../schemas";

const Video = z
  .object({
    id: VideoId,
    title: z.string().nullable(),
    description: z.string().nullable(),
    create_time: z.string(),
    status: z.enum(["public", "unavailable"]).openapi({ description: "unavailable: went private or was deleted" }),
    duration_seconds: z.number().int().nullable(),
    share_url: z.string().nullable(),
    cover_image_url: z.string().nullable(),
    views: z.number().int(),
    likes: z.number().int(),
    comments: z.number().int(),
    shares: z.number().int(),
    engagement_rate: z.number().nullable(),
    metrics_updated_at: z.string().nullable(),
    analytics: z.record(z.string(), z.unknown()).openapi({
      description: "Precomputed velocity, age-matched percentiles and the forecast with its range",
    }),
  })
  .openapi("Video");

const VideoSeries = z
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

const Anomaly = z
  .object({
    id: z.string(),
    metric: z.string(),
    kind: z.enum(["spike", "drop"]),
    severity: z.enum(["low", "medium", "high"]),
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

const whole = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number` })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback)
    .openapi({ description: name, example: fallback });

const protectedRoute = { security: bearerSecurity, middleware: [requireUser, rateLimit], tags: ["videos"] };

/** `detail`: the video page gets its whole analytics (curve, checkpoints); the table a summary. */
const toVideo = (v: VideoSummary, detail = false) => ({
  id: v.id,
  title: v.title,
  description: v.description,
  create_time: v.createTime,
  status: v.status as "public" | "unavailable",
  duration_seconds: v.durationSeconds,
  share_url: v.shareUrl,
  cover_image_url: v.coverImageUrl,
  views: v.views,
  likes: v.likes,
  comments: v.comments,
  shares: v.shares,
  engagement_rate: v.engagementRate,
  metrics_updated_at: v.metricsUpdatedAt,
  analytics: detail ? v.analytics : listAnalytics(v.analytics),
});

const listRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{accountId}",
  summary: "An account's videos with their current metrics",
  request: {
    params: z.object({ accountId: AccountId }).strict(),
    query: z
      .object({
        limit: whole("How many videos", 1, 100, 50),
        sort: z
          .enum(VIDEO_SORTS, { error: `must be one of ${VIDEO_SORTS.join(", ")}` })
          .default("views")
          .openapi({ description: "Order, highest first (newest: by posting time)" }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "Videos",
      content: {
        "application/json": {
          schema: z.object({
            account_id: AccountId,
            sort: z.enum(VIDEO_SORTS),
            limit: z.number(),
            videos: z.array(Video),
          }),
        },
      },
    },
    ...dataRouteErrors,
  },
});

const snapshotsRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{videoId}/snapshots",
  summary: "A video's history: its velocity curve",
  request: {
    params: z.object({ videoId: VideoId }).strict(),
    query: z
      .object({
        hours: whole("How many hours of history", 1, 24 * 90, 72),
        anchor: z
          .enum(["posted", "latest"], { error: "must be posted or latest" })
          .default("latest")
          .openapi({ description: "posted: the first `hours` after posting; latest: the last `hours`" }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "History",
      content: {
        "application/json": {
          schema: z.object({
            video: Video,
            account_id: AccountId,
            hours: z.number(),
            anchor: z.enum(["posted", "latest"]),
            series: VideoSeries,
          }),
        },
      },
    },
    ...dataRouteErrors,
  },
});

const anomaliesRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{videoId}/anomalies",
  summary: "Detected spikes and drops of a video, newest first",
  request: { params: z.object({ videoId: VideoId }).strict(), query: NoQuery },
  responses: {
    200: {
      description: "Anomalies",
      content: { "application/json": { schema: z.object({ video_id: VideoId, anomalies: z.array(Anomaly) }) } },
    },
    ...dataRouteErrors,
  },
});

export const videoRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { accountId } = c.req.valid("param");
    const { limit, sort } = c.req.valid("query");
    assertAccountClaim(c, accountId);
    return withEdgeCache(c, async () => {
      const videos = await listVideos(c.var.services.db, accountId, { sort, limit });
      if (!videos) throw accountNotFound();
      return c.json({ account_id: accountId, sort, limit, videos: videos.map((v) => toVideo(v)) }, 200);
    });
  })
  .openapi(snapshotsRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    const { hours, anchor } = c.req.valid("query");
    return withEdgeCache(c, async () => {
      const history = await readVideoHistory(c.var.services.db, videoId, c.var.user.tiktokAccountIds, {
        hours,
        anchor,
      });
      if (!history) throw videoNotFound();
      return c.json(
        { video: toVideo(history.video, true), account_id: history.accountId, hours, anchor, series: history.series },
        200,
      );
    });
  })
  .openapi(anomaliesRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    return withEdgeCache(c, async () => {
      const anomalies = await readVideoAnomalies(c.var.services.db, videoId, c.var.user.tiktokAccountIds);
      if (!anomalies) throw videoNotFound();
      return c.json(
        {
          video_id: videoId,
          anomalies: anomalies.map((a) => ({
            id: a.id,
            metric: a.metric,
            kind: a.kind,
            severity: a.severity,
            score: a.score,
            confidence: a.confidence,
            window_start: a.windowStart,
            window_end: a.windowEnd,
            observed: a.observed,
            expected: a.expected,
            details: a.details,
            detected_at: a.detectedAt,
          })),
        },
        200,
      );
    });
  });
