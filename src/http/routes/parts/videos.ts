import type {
  AnalysedVideo,
  Anomaly,
  Video,
  VideoAnomalies,
  VideoHistory,
  VideoList,
  VideoSort,
} from "../../../contract";
import type { TiktokDb } from "../../../db/client";
import { readVideoAnomalies, type AnomalyRow } from "../../../db/queries/signals";
import { isoInstant } from "../../../db/queries/json-row";
import { listVideos, readVideoHistory, type VideoRow } from "../../../db/queries/videos";
import { accountNotFound, videoNotFound } from "../../access";
import { listAnalytics } from "../../presenters";
import type { Part } from "./part";

/** engagement: (likes + comments + shares) / views, null without views. */
const videoFields = (v: VideoRow) => ({
  id: v.id,
  title: v.title,
  description: v.description,
  create_time: isoInstant(v.createTime),
  status: v.status,
  duration_seconds: v.durationSeconds,
  share_url: v.shareUrl,
  cover_image_url: v.coverImageUrl,
  views: v.viewCount,
  likes: v.likeCount,
  comments: v.commentCount,
  shares: v.shareCount,
  engagement_rate: v.viewCount > 0 ? (v.likeCount + v.commentCount + v.shareCount) / v.viewCount : null,
  metrics_updated_at: v.metricsUpdatedAt === null ? null : isoInstant(v.metricsUpdatedAt),
});

/** A row of the video table: where the video stands, without its full curve. */
export const toVideo = (v: VideoRow): Video => ({ ...videoFields(v), analytics: listAnalytics(v.analytics) });

/** The video page gets the whole stored analytics (curve, checkpoints). */
export const toAnalysedVideo = (v: VideoRow): AnalysedVideo => ({ ...videoFields(v), analytics: v.analytics });

export const toAnomaly = (a: AnomalyRow): Anomaly => ({
  id: String(a.id),
  metric: a.metric,
  kind: a.kind,
  severity: a.severity,
  score: a.score,
  confidence: a.confidence,
  window_start: isoInstant(a.windowStart),
  window_end: isoInstant(a.windowEnd),
  observed: a.observed,
  expected: a.expected,
  details: a.details,
  detected_at: isoInstant(a.detectedAt),
});

export async function videoList(
  db: TiktokDb,
  accountId: string,
  options: { sort: VideoSort; limit: number },
): Promise<Part<VideoList>> {
  const videos = await listVideos(db, accountId, options);
  if (!videos) throw accountNotFound();
  const { sort, limit } = options;
  return { body: { account_id: accountId, sort, limit, videos: videos.map(toVideo) }, store: true };
}

/** Only for videos of `accountIds` (the token's claims); any other is the 404 of a missing one. */
export async function videoHistory(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
  options: { hours: number; anchor: VideoHistory["anchor"] },
): Promise<Part<VideoHistory>> {
  const history = await readVideoHistory(db, videoId, accountIds, options);
  if (!history) throw videoNotFound();
  const { hours, anchor } = options;
  return {
    body: {
      video: toAnalysedVideo(history.video),
      account_id: history.accountId,
      hours,
      anchor,
      series: history.series,
    },
    store: true,
  };
}

export async function videoAnomalies(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
): Promise<Part<VideoAnomalies>> {
  const anomalies = await readVideoAnomalies(db, videoId, accountIds);
  if (!anomalies) throw videoNotFound();
  return { body: { video_id: videoId, anomalies: anomalies.map(toAnomaly) }, store: true };
}
