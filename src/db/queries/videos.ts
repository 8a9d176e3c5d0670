import { sql, type SQL } from "drizzle-orm";
import type { DetailAnalytics } from "../../contract/analytics";
import type { VideoSort } from "../../contract/constants";
import type { VideoSeries } from "../../contract/videos";
import type { TiktokDb } from "../client";
import type { JsonRow } from "./json-row";
import type { videos } from "../schema/videos";

/** Video reads behind the data API: one round trip each, authorisation included in the WHERE. */

/** Whitelisted ORDER BY expressions; user input only ever picks a key of this map. */
const ORDER: Record<VideoSort, SQL> = {
  views: sql`view_count DESC, create_time DESC`,
  likes: sql`like_count DESC, create_time DESC`,
  comments: sql`comment_count DESC, create_time DESC`,
  shares: sql`share_count DESC, create_time DESC`,
  engagement: sql`(like_count + comment_count + share_count)::float8 / greatest(view_count, 1) DESC, create_time DESC`,
  newest: sql`create_time DESC`,
};

/** A video as the data API reads it: the Drizzle schema's columns, the analytics as src/analytics stores them. */
export type VideoRow = JsonRow<
  Pick<
    typeof videos.$inferSelect,
    | "id"
    | "title"
    | "description"
    | "createTime"
    | "status"
    | "durationSeconds"
    | "shareUrl"
    | "coverImageUrl"
    | "viewCount"
    | "likeCount"
    | "commentCount"
    | "shareCount"
    | "metricsUpdatedAt"
  >
> & {
  /** `{}` before the first analysis. */
  analytics: DetailAnalytics;
};

/** `json_build_object` under the schema's property names (bigints arrive as JSON numbers). */
const videoJson = sql`json_build_object('id', v.id, 'title', v.title, 'description', v.description,
  'createTime', v.create_time, 'status', v.status, 'durationSeconds', v.duration_seconds, 'shareUrl', v.share_url,
  'coverImageUrl', v.cover_image_url, 'viewCount', v.view_count, 'likeCount', v.like_count,
  'commentCount', v.comment_count, 'shareCount', v.share_count, 'metricsUpdatedAt', v.metrics_updated_at,
  'analytics', v.analytics)`;

export async function listVideos(
  db: TiktokDb,
  accountId: string,
  options: { sort: VideoSort; limit: number },
): Promise<VideoRow[] | undefined> {
  const { rows } = await db.execute<{ videos: VideoRow[] }>(sql`
    SELECT coalesce((
      SELECT json_agg(${videoJson} ORDER BY n)
      FROM (SELECT *, row_number() OVER (ORDER BY ${ORDER[options.sort]}) AS n
            FROM tiktok_videos WHERE account_id = a.id ORDER BY ${ORDER[options.sort]} LIMIT ${options.limit}) v
    ), '[]') AS videos
    FROM tiktok_accounts a WHERE a.id = ${accountId}`);
  return rows[0]?.videos;
}

export type VideoHistoryRow = {
  video: VideoRow;
  accountId: string;
  series: VideoSeries;
};

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
): Promise<VideoHistoryRow | undefined> {
  const window =
    options.anchor === "posted"
      ? sql`s.slot <= v.create_time + make_interval(hours => ${options.hours})`
      : sql`s.slot > (SELECT max(slot) FROM tiktok_video_snapshots WHERE video_id = v.id) - make_interval(hours => ${options.hours})`;
  const { rows } = await db.execute<VideoHistoryRow>(sql`
    SELECT ${videoJson} AS video, v.account_id::text AS "accountId", (
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
  return rows[0];
}
