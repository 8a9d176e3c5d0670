import type { WatchCopy } from "../../analytics/watch";
import type { AccountDayRow, AudienceRow, VideoWatchRow } from "../../db/queries/watch";
import type { BusinessAccount, BusinessMetricsDay, BusinessVideo } from "../../tiktok/business/schemas";

/**
 * TikTok's Accounts API answers as Adam stores them. Anything TikTok left out (a personal account's
 * profile views, a small account's demographics, an inactive video's watch time) is null, never
 * zero; an empty list is as missing as no list.
 */
const orNull = <T>(x: T | undefined): T | null => (x === undefined ? null : x);

function shareMap<K extends string>(list: ({ percentage: number } & Record<K, string>)[] | undefined, key: K) {
  if (!list?.length) return null;
  return Object.fromEntries(list.map((e) => [e[key], e.percentage])) as Record<string, number>;
}

function curve(list: { second: number; percentage: number }[] | undefined): [number, number][] | null {
  if (!list?.length) return null;
  return list.map((p): [number, number] => [p.second, p.percentage]).toSorted((a, b) => a[0] - b[0]);
}

/** TikTok's audience type names, as the analytics read them. */
const AUDIENCE_TYPES: Record<string, string> = {
  NEW_VIEWER: "new_viewers",
  NEW_VIEWERS: "new_viewers",
  RETURN_VIEWER: "returning_viewers",
  RETURNING_VIEWERS: "returning_viewers",
  FOLLOWER_PERCENT: "followers",
  FOLLOWERS: "followers",
  NON_FOLLOWER_PERCENT: "non_followers",
  NON_FOLLOWERS: "non_followers",
};

function audienceTypes(list: BusinessVideo["audience_types"]): Record<string, number> | null {
  if (!list?.length) return null;
  return Object.fromEntries(
    list.map((e) => [AUDIENCE_TYPES[e.type.toUpperCase()] ?? e.type.toLowerCase(), e.percentage]),
  );
}

export function videoWatchRow(v: BusinessVideo): VideoWatchRow {
  return {
    videoId: v.item_id,
    videoViews: orNull(v.video_views),
    reach: orNull(v.reach),
    likes: orNull(v.likes),
    comments: orNull(v.comments),
    shares: orNull(v.shares),
    favorites: orNull(v.favorites),
    newFollowers: orNull(v.new_followers),
    profileViews: orNull(v.profile_views),
    websiteClicks: orNull(v.website_clicks),
    durationSeconds: orNull(v.video_duration),
    totalTimeWatched: orNull(v.total_time_watched),
    averageTimeWatched: orNull(v.average_time_watched),
    fullVideoWatchedRate: orNull(v.full_video_watched_rate),
    retention: curve(v.video_view_retention),
    engagementLikes: curve(v.engagement_likes),
    impressionSources: shareMap(v.impression_sources, "impression_source"),
    audienceTypes: audienceTypes(v.audience_types),
    audienceGenders: shareMap(v.audience_genders, "gender"),
    audienceCountries: shareMap(v.audience_countries, "country"),
    audienceCities: shareMap(v.audience_cities, "city_name"),
  };
}

/** A stored row as the analytics read it. */
export function watchCopyOf(row: VideoWatchRow, fetchedAtMs: number): WatchCopy {
  return {
    fetchedAtMs,
    views: row.videoViews,
    reach: row.reach,
    averageSeconds: row.averageTimeWatched,
    totalSeconds: row.totalTimeWatched,
    completion: row.fullVideoWatchedRate,
    durationSeconds: row.durationSeconds,
    retention: row.retention,
    sources: row.impressionSources,
    audience: row.audienceTypes,
    countries: row.audienceCountries,
  };
}

export function accountDayRow(d: BusinessMetricsDay): AccountDayRow {
  let activity: (number | null)[] | null = null;
  if (d.audience_activity?.length) {
    activity = Array.from({ length: 24 }, () => null);
    for (const { hour, count } of d.audience_activity) if (hour < 24) activity[hour] = count;
  }
  return {
    date: d.date,
    videoViews: orNull(d.video_views),
    uniqueVideoViews: orNull(d.unique_video_views),
    likes: orNull(d.likes),
    comments: orNull(d.comments),
    shares: orNull(d.shares),
    engagedAudience: orNull(d.engaged_audience),
    followers: orNull(d.followers_count),
    followersNet: orNull(d.daily_total_followers),
    followersGained: orNull(d.daily_new_followers),
    followersLost: orNull(d.daily_lost_followers),
    profileViews: orNull(d.profile_views),
    bioLinkClicks: orNull(d.bio_link_clicks),
    audienceActivity: activity,
  };
}

/** The followers' demographics, or null when TikTok sent none (accounts under 100 followers). */
export function audienceRow(a: BusinessAccount): AudienceRow | null {
  const row = {
    ages: shareMap(a.audience_ages, "age"),
    genders: shareMap(a.audience_genders, "gender"),
    countries: shareMap(a.audience_countries, "country"),
    cities: shareMap(a.audience_cities, "city_name"),
  };
  return Object.values(row).some((x) => x !== null) ? row : null;
}
