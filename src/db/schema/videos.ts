import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { accountRef } from "./accounts";
import { count, instant } from "./columns";

export const VIDEO_STATUSES = ["public", "unavailable"] as const;

/**
 * A video with its current metrics. TikTok ids are 19-digit numbers: kept as text, since they
 * do not fit in a JavaScript number.
 */
export const videos = pgTable(
  "tiktok_videos",
  {
    id: text("id").primaryKey(),
    accountId: accountRef().notNull(),
    createTime: instant("create_time").notNull(),
    title: text("title"),
    description: text("description"),
    durationSeconds: integer("duration_seconds"),
    shareUrl: text("share_url"),
    embedLink: text("embed_link"),
    coverImageUrl: text("cover_image_url"),
    coverImageFetchedAt: instant("cover_image_fetched_at"),
    viewCount: count("view_count").notNull().default(0),
    likeCount: count("like_count").notNull().default(0),
    commentCount: count("comment_count").notNull().default(0),
    shareCount: count("share_count").notNull().default(0),
    /** "unavailable" once list/query stop returning it (private or deleted): absence is not zero. */
    status: text("status", { enum: VIDEO_STATUSES }).notNull().default("public"),
    /** Precomputed velocity, percentiles and forecast (src/analytics), served as is. */
    analytics: jsonb("analytics").$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: instant("first_seen_at").notNull().defaultNow(),
    lastSeenAt: instant("last_seen_at").notNull().defaultNow(),
    metricsUpdatedAt: instant("metrics_updated_at"),
    /** When the cadence rules next want this video queried. */
    nextRefreshAt: instant("next_refresh_at").notNull().defaultNow(),
  },
  (t) => [
    check("tiktok_videos_id_check", sql`${t.id} ~ '^[0-9]{1,20}$'`),
    check("tiktok_videos_status_check", sql`${t.status} in ('public', 'unavailable')`),
    check(
      "tiktok_videos_counts_check",
      sql`${t.viewCount} >= 0 and ${t.likeCount} >= 0 and ${t.commentCount} >= 0 and ${t.shareCount} >= 0`,
    ),
    index("tiktok_videos_account_views_idx").on(t.accountId, t.viewCount.desc()),
    index("tiktok_videos_account_created_idx").on(t.accountId, t.createTime.desc()),
    index("tiktok_videos_account_refresh_idx").on(t.accountId, t.nextRefreshAt),
  ],
);

/** A video's cumulative counters once per 30-minute slot (downsampled with age, never dropped). */
export const videoSnapshots = pgTable(
  "tiktok_video_snapshots",
  {
    videoId: text("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    slot: instant("slot").notNull(),
    fetchedAt: instant("fetched_at").notNull(),
    viewCount: count("view_count").notNull(),
    likeCount: count("like_count").notNull(),
    commentCount: count("comment_count").notNull(),
    shareCount: count("share_count").notNull(),
  },
  (t) => [
    primaryKey({ name: "tiktok_video_snapshots_pkey", columns: [t.videoId, t.slot] }),
    check("tiktok_video_snapshots_slot_check", sql`extract(epoch from ${t.slot})::bigint % 1800 = 0`),
    // The account's recent history, for typical curves and follower attribution.
    index("tiktok_video_snapshots_account_slot_idx").on(t.accountId, t.slot),
    // Time bands for retention. A btree, not BRIN: retention deletes most rows of old pages and
    // new slots then land in the freed space, so block ranges would soon span months.
    index("tiktok_video_snapshots_slot_idx").on(t.slot),
  ],
);
