import type { Anomaly, Video, VideoAnomalies, VideoHistory, VideoList, VideoSort } from "../../../contract";
import type { TiktokDb } from "../../../db/client";
import { readVideoAnomalies, type AnomalyView } from "../../../db/queries/signals";
import { listVideos, readVideoHistory, type VideoSummary } from "../../../db/queries/videos";
import { accountNotFound, videoNotFound } from "../../access";
import { listAnalytics } from "../../presenters";
import type { Part } from "./part";

/** `detail`: the video page gets its whole analytics (curve, checkpoints); the table a summary. */
export const toVideo = (v: VideoSummary, detail = false): Video => ({
  id: v.id,
  title: v.title,
  description: v.description,
  create_time: v.createTime,
  status: v.status,
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

export const toAnomaly = (a: AnomalyView): Anomaly => ({
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
});

export async function videoList(
  db: TiktokDb,
  accountId: string,
  options: { sort: VideoSort; limit: number },
): Promise<Part<VideoList>> {
  const videos = await listVideos(db, accountId, options);
  if (!videos) throw accountNotFound();
  const { sort, limit } = options;
  return { body: { account_id: accountId, sort, limit, videos: videos.map((v) => toVideo(v)) }, store: true };
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
    body: { video: toVideo(history.video, true), account_id: history.accountId, hours, anchor, series: history.series },
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
