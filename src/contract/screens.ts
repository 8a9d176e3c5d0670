import { z } from "@hono/zod-openapi";
import { AccountMetrics, AccountSeries } from "./accounts";
import { DETAIL_HOURS } from "./constants";
import { AccountId } from "./ids";
import { Insight } from "./insights";
import { AnalysedVideo, Anomaly, Video, VideoSeries } from "./videos";
import { AccountWatch, VideoWatch } from "./watch";

/**
 * Whole screens of the dashboard, each in one request. Every part is the body (or the named field
 * of the body) of the granular route the screen would otherwise call, built by the same code.
 */

export const AccountOverview = z
  .object({
    account: AccountMetrics,
    series: AccountSeries,
    videos: z.array(Video),
    insights: z.array(Insight),
    watch: AccountWatch,
  })
  .openapi("AccountOverview", {
    description:
      "The dashboard's overview of one account. account: as GET /api/v1/accounts/{id}/metrics; series: the " +
      "series of GET /api/v1/accounts/{id}/snapshots?days=30; videos: the videos of GET " +
      "/api/v1/videos/{id}?sort=views&limit=100; insights: the insights of GET /api/v1/insights/{id}; watch: as " +
      "GET /api/v1/accounts/{id}/watch",
  });
export type AccountOverview = z.infer<typeof AccountOverview>;

export const VideoDetail = z
  .object({
    account_id: AccountId,
    account: AccountMetrics,
    video: AnalysedVideo,
    hours: z.literal(DETAIL_HOURS),
    series: VideoSeries,
    anomalies: z.array(Anomaly),
    watch: VideoWatch,
  })
  .openapi("VideoDetail", {
    description:
      "The dashboard's page of one video. account: the owning account, as GET /api/v1/accounts/{id}/metrics; " +
      "video (with its whole analytics) and series: as GET /api/v1/videos/{videoId}/snapshots?anchor=posted&hours=2160; " +
      "anomalies: those of GET /api/v1/videos/{videoId}/anomalies; watch: as GET /api/v1/videos/{videoId}/watch",
  });
export type VideoDetail = z.infer<typeof VideoDetail>;
