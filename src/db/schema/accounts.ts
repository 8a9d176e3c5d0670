import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";
import { count, createdAt, identityId, instant, updatedAt } from "./columns";
import { grantDueIndex, grantStateColumns, grantStatusCheck, sealedTokenColumns } from "./grant";

export { ACCOUNT_STATUSES, type AccountStatus } from "./grant";

/** The account's counters: user/info's four, and the views of its public videos summed. */
const accountCounters = () => ({
  followerCount: count("follower_count"),
  followingCount: count("following_count"),
  likesCount: count("likes_count"),
  videoCount: count("video_count"),
  /** Sum of the current view counts of the account's public videos. */
  viewCount: count("view_count"),
});

/** `account_id` of a row that belongs to an account and goes with it. */
export const accountRef = () =>
  bigint("account_id", { mode: "number" }).references(() => accounts.id, { onDelete: "cascade" });

/**
 * A connected TikTok account and its current metrics. The metric columns are precomputed by
 * ingestion so `GET /accounts/{id}/metrics` is one indexed row read.
 */
export const accounts = pgTable(
  "tiktok_accounts",
  {
    id: identityId(),
    openId: text("open_id").notNull().unique(),
    unionId: text("union_id"),
    displayName: text("display_name"),
    username: text("username"),
    avatarUrl: text("avatar_url"),
    bioDescription: text("bio_description"),
    profileDeepLink: text("profile_deep_link"),
    isVerified: boolean("is_verified"),
    ...grantStateColumns(),
    ...accountCounters(),
    engagementRate: doublePrecision("engagement_rate"),
    /** Precomputed changes and analytics the API serves as is (see src/analytics). */
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    lastSyncedAt: instant("last_synced_at"),
    /** Newest `create_time` seen through video/list, so discovery reads only newer pages. */
    newestVideoAt: instant("newest_video_at"),
    nextSnapshotAt: instant("next_snapshot_at").notNull().defaultNow(),
    /**
     * Set when nobody holds the account any more (disconnected, or its authorisation removed at
     * TikTok): housekeeping deletes the account and its whole history after this time. A
     * reconnect before then clears it and keeps the history.
     */
    deleteAfter: instant("delete_after"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    grantStatusCheck("tiktok_accounts", t.status),
    grantDueIndex("tiktok_accounts", t.status, t.nextSnapshotAt, t.id),
    // Housekeeping finds the accounts whose grace period is over.
    index("tiktok_accounts_delete_after_idx")
      .on(t.deleteAfter)
      .where(sql`${t.deleteAfter} IS NOT NULL`),
  ],
);

/**
 * The Display API's OAuth tokens, ciphertext only (src/connections/token-vault.ts). Kept out of
 * `tiktok_accounts` so reading metrics never touches credentials.
 */
export const credentials = pgTable("tiktok_credentials", {
  accountId: accountRef().primaryKey(),
  ...sealedTokenColumns(),
});

/** The account's counters once per 30-minute slot. */
export const accountSnapshots = pgTable(
  "tiktok_account_snapshots",
  {
    accountId: accountRef().notNull(),
    slot: instant("slot").notNull(),
    fetchedAt: instant("fetched_at").notNull(),
    ...accountCounters(),
  },
  (t) => [
    // One snapshot per account per slot: a redelivered job writes nothing twice.
    primaryKey({ name: "tiktok_account_snapshots_pkey", columns: [t.accountId, t.slot] }),
    check("tiktok_account_snapshots_slot_check", sql`extract(epoch from ${t.slot})::bigint % 1800 = 0`),
    // Time bands: rollups, the lag gauge, retention (a btree, for the reason given on videos).
    index("tiktok_account_snapshots_slot_idx").on(t.slot),
  ],
);

/**
 * Each account's closing figures per UTC day, rolled up daily from the snapshots. Charts over
 * months read these, and they outlive the thinning of old 30-minute snapshots.
 */
export const accountDaily = pgTable(
  "tiktok_account_daily",
  {
    accountId: accountRef().notNull(),
    day: date("day", { mode: "string" }).notNull(),
    ...accountCounters(),
    snapshots: integer("snapshots").notNull(),
  },
  (t) => [primaryKey({ name: "tiktok_account_daily_pkey", columns: [t.accountId, t.day] })],
);
