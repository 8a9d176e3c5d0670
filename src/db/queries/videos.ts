import { sql, type SQL } from "drizzle-orm";
import type { VideoSort } from "../../contract/constants";
import type { TiktokDb } from "../client";
import type { videos } from "../schema/videos";

/** Video reads behind the data API: one round trip each, authorisation included in the WHERE. */

type VideoStatus = (typeof videos.$inferSelect)["status"];

/** Whitelisted ORDER BY expressions; user input only ever picks a key of this map. */
const ORDER: Record<VideoSort, SQL> = {
  views: sql`view_count DESC, create_time DESC`,
  likes: sql`like_count DESC, create_time DESC`,
  comments: sql`comment_count DESC, create_time DESC`,
  shares: sql`share_count DESC, create_time DESC`,
  engagement: sql`(like_count + comment_count + share_count)::float8 / greatest(view_count, 1) DESC, create_time DESC`,
  newest: sql`create_time DESC`,
};

export interface VideoSummary {
  id: string;
  title: string | null;
  description: string | null;
  createTime: string;
  status: VideoStatus;
  durationSeconds: number | null;
  shareUrl: string | null;
  coverImageUrl: string | null;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  engagementRate: number | null;
  metricsUpdatedAt: string | null;
  analytics: Record<string, unknown>;
}

type VideoRow = {
  id: string;
  title: string | null;
  description: string | null;
  create_time: string;
  status: VideoStatus;
  duration_seconds: number | null;
  share_url: string | null;
  cover_image_url: string | null;
  view_count: number;
  like_count: number;
  comment_count: number;
  share_count: number;
  metrics_updated_at: string | null;
  analytics: Record<string, unknown>;
};

const iso = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());

function toSummary(row: VideoRow): VideoSummary {
  const engaged = row.like_count + row.comment_count + row.share_count;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    createTime: new Date(row.create_time).toISOString(),
    status: row.status,
    durationSeconds: row.duration_seconds,
    shareUrl: row.share_url,
    coverImageUrl: row.cover_image_url,
    views: row.view_count,
    likes: row.like_count,
    comments: row.comment_count,
    shares: row.share_count,
    engagementRate: row.view_count > 0 ? engaged / row.view_count : null,
    metricsUpdatedAt: iso(row.metrics_updated_at),
    analytics: row.analytics,
  };
}

/** `json_agg` output keeps Postgres' names; bigints arrive as JSON numbers. */
const videoJson = sql`json_build_object('id', v.id, 'title', v.title, 'description', v.description,
  'create_time', v.create_time, 'status', v.status, 'duration_seconds', v.duration_seconds, 'share_url', v.share_url,
  'cover_image_url', v.cover_image_url, 'view_count', v.view_count, 'like_count', v.like_count,
  'comment_count', v.comment_count, 'share_count', v.share_count, 'metrics_updated_at', v.metrics_updated_at,
  'analytics', v.analytics)`;

export async function listVideos(
  db: TiktokDb,
  accountId: string,
  options: { sort: VideoSort; limit: number },
): Promise<VideoSummary[] | undefined> {
  const { rows } = await db.execute<{ videos: VideoRow[] }>(sql`
    SELECT coalesce((
      SELECT json_agg(${videoJson} ORDER BY n)
      FROM (SELECT *, row_number() OVER (ORDER BY ${ORDER[options.sort]}) AS n
            FROM tiktok_videos WHERE account_id = a.id ORDER BY ${ORDER[options.sort]} LIMIT ${options.limit}) v
    ), '[]') AS videos
    FROM tiktok_accounts a WHERE a.id = ${accountId}`);
  return rows[0]?.videos.map(toSummary);
}

export interface VideoSeries {
  t: number[];
  /** When each snapshot was taken (TikTok's clock): a video's age at a snapshot is fetched − create_time. */
  fetched: number[];
  views: number[];
  likes: number[];
  comments: number[];
  shares: number[];
}

export interface VideoHistory {
  video: VideoSummary;
  accountId: string;
  series: VideoSeries;
}

/**
 * A video's snapshots over `hours`: the first hours after posting (`anchor: "posted"`, the
 * velocity-curve view) or the most recent ones (`anchor: "latest"`). Only for videos of the
 * token's accounts; undefined otherwise.
 */
export async function readVideoHistory(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
  options: { hours: number; anchor: "posted" | "latest" },
): Promise<VideoHistory | undefined> {
  const window =
    options.anchor === "posted"
      ? sql`s.slot <= v.create_time + make_interval(hours => ${options.hours})`
      : sql`s.slot > (SELECT max(slot) FROM tiktok_video_snapshots WHERE video_id = v.id) - make_interval(hours => ${options.hours})`;
  const { rows } = await db.execute<{ video: VideoRow; account_id: string; series: VideoSeries }>(sql`
    SELECT ${videoJson} AS video, v.account_id::text AS account_id, (
      SELECT json_build_object(
        't', coalesce(array_agg((extract(epoch FROM s.slot) * 1000)::bigint ORDER BY s.slot), '{}'),
        'fetched', coalesce(array_agg((extract(epoch FROM s.fetched_at) * 1000)::bigint ORDER BY s.slot), '{}'),
        'views', coalesce(array_agg(s.view_count ORDER BY s.slot), '{}'),
        'likes', coalesce(array_agg(s.like_count ORDER BY s.slot), '{}'),
        'comments', coalesce(array_agg(s.comment_count ORDER BY s.slot), '{}'),
        'shares', coalesce(array_agg(s.share_count ORDER BY s.slot), '{}'))
      FROM tiktok_video_snapshots s WHERE s.video_id = v.id AND ${window}
    ) AS series
    FROM tiktok_videos v
    WHERE v.id = ${videoId} AND v.account_id = ANY(${`{${accountIds.join(",")}}`}::bigint[])`);
  const row = rows[0];
  if (!row) return undefined;
  return { video: toSummary(row.video), accountId: row.account_id, series: row.series };
}
