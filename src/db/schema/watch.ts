import { bigint, boolean, date, doublePrecision, index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { accountRef } from "./accounts";
import { count, createdAt, instant, updatedAt } from "./columns";
import { grantDueIndex, grantStateColumns, grantStatusCheck, sealedTokenColumns } from "./grant";
import { videos } from "./videos";

/**
 * Watch-time insights: what TikTok's Accounts API (API for Business, organic) adds for an account
 * that grants it, a day or two late. Every metric column is nullable: a field TikTok did not send
 * (a personal account, under 100 followers, a video quiet for a week) is stored as missing, never
 * as zero.
 */

/** A breakdown TikTok reports as shares of a whole, `{"For You": 0.74, …}`, kept as a map. */
const shares = (name: string) => jsonb(name).$type<Record<string, number>>();

/**
 * The second, optional connection of an account: the Accounts API's grant (its own app, its own
 * open_id, `business_id`), its status, and the summary the daily job precomputes from the stored
 * history (the creator's typical curves and shares, recent videos' signals, activity by hour).
 */
export const watchConnections = pgTable(
  "tiktok_watch_connections",
  {
    accountId: accountRef().primaryKey(),
    /** The user's open_id as the Accounts API app sees it (not the Display API's). */
    businessId: text("business_id").notNull().unique(),
    ...grantStateColumns(),
    /** TikTok's `is_business_account` (null without the user.account.type scope). */
    isBusinessAccount: boolean("is_business_account"),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    /** The newest day of account metrics stored: TikTok reports a day or two late. */
    dataThrough: date("data_through", { mode: "string" }),
    lastFetchedAt: instant("last_fetched_at"),
    nextFetchAt: instant("next_fetch_at").notNull().defaultNow(),
    connectedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    grantStatusCheck("tiktok_watch_connections", t.status),
    grantDueIndex("tiktok_watch_connections", t.status, t.nextFetchAt, t.accountId),
  ],
);

/** The Accounts API's tokens, ciphertext only (the same vault as the Display API's, other associated data). */
export const watchCredentials = pgTable("tiktok_watch_credentials", {
  accountId: bigint("account_id", { mode: "number" })
    .primaryKey()
    .references(() => watchConnections.accountId, { onDelete: "cascade" }),
  ...sealedTokenColumns(),
});

/**
 * A video's lifetime analytics as TikTok reported them on one day (the day of the fetch, UTC).
 * Values change for days after posting, so each day's copy is kept, then thinned with age like
 * snapshots (keeping the last copy of each bucket keeps the newest lifetime figures).
 */
export const videoWatch = pgTable(
  "tiktok_video_watch",
  {
    videoId: text("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    fetchedAt: instant("fetched_at").notNull(),
    videoViews: count("video_views"),
    reach: count("reach"),
    likes: count("likes"),
    comments: count("comments"),
    shares: count("shares"),
    favorites: count("favorites"),
    newFollowers: count("new_followers"),
    profileViews: count("profile_views"),
    websiteClicks: count("website_clicks"),
    durationSeconds: doublePrecision("duration_seconds"),
    totalTimeWatched: doublePrecision("total_time_watched"),
    averageTimeWatched: doublePrecision("average_time_watched"),
    fullVideoWatchedRate: doublePrecision("full_video_watched_rate"),
    /** `[[second, share], …]`: who is still watching at each second. */
    retention: jsonb("retention").$type<[number, number][]>(),
    /** `[[second, share], …]`: when viewers liked. */
    engagementLikes: jsonb("engagement_likes").$type<[number, number][]>(),
    /** `{"For You": 0.74, …}`: where the views came from. */
    impressionSources: shares("impression_sources"),
    /** `{"new_viewers", "returning_viewers", "followers", "non_followers"}` shares. */
    audienceTypes: shares("audience_types"),
    audienceGenders: shares("audience_genders"),
    audienceCountries: shares("audience_countries"),
    audienceCities: shares("audience_cities"),
  },
  (t) => [
    primaryKey({ name: "tiktok_video_watch_pkey", columns: [t.videoId, t.day] }),
    index("tiktok_video_watch_account_day_idx").on(t.accountId, t.day),
    // Time bands for thinning.
    index("tiktok_video_watch_day_idx").on(t.day),
  ],
);

/**
 * The account's daily metrics from `business/get` (one row per UTC date, revised in place while
 * TikTok revises it). TikTok looks back only 60 days: Adam keeps them for as long as the account.
 */
export const accountWatchDaily = pgTable(
  "tiktok_account_watch_daily",
  {
    accountId: accountRef().notNull(),
    date: date("date", { mode: "string" }).notNull(),
    fetchedAt: instant("fetched_at").notNull(),
    videoViews: count("video_views"),
    uniqueVideoViews: count("unique_video_views"),
    likes: count("likes"),
    comments: count("comments"),
    shares: count("shares"),
    engagedAudience: count("engaged_audience"),
    followers: count("followers"),
    /** Net followers that day (TikTok's `daily_total_followers`). */
    followersNet: bigint("followers_net", { mode: "number" }),
    followersGained: count("followers_gained"),
    followersLost: count("followers_lost"),
    profileViews: count("profile_views"),
    bioLinkClicks: count("bio_link_clicks"),
    /** 24 counts of followers active in each UTC hour. */
    audienceActivity: jsonb("audience_activity").$type<(number | null)[]>(),
  },
  (t) => [primaryKey({ name: "tiktok_account_watch_daily_pkey", columns: [t.accountId, t.date] })],
);

/** The followers' demographics as TikTok reported them on one day (accounts with ≥ 100 followers). */
export const accountAudience = pgTable(
  "tiktok_account_audience",
  {
    accountId: accountRef().notNull(),
    day: date("day", { mode: "string" }).notNull(),
    fetchedAt: instant("fetched_at").notNull(),
    ages: shares("ages"),
    genders: shares("genders"),
    countries: shares("countries"),
    cities: shares("cities"),
  },
  (t) => [
    primaryKey({ name: "tiktok_account_audience_pkey", columns: [t.accountId, t.day] }),
    index("tiktok_account_audience_day_idx").on(t.day),
  ],
);
