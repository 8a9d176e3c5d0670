/**
 * What Adam asks the Accounts API for, by the scope each field needs (tiktok-api.md §7): asking
 * for a field the user did not grant is refused, so `fields` are built from the granted scopes.
 * Business-only fields (profile views, clicks) are asked for anyway: TikTok leaves them out for
 * personal accounts, which Adam stores as missing.
 */
export const WATCH_SCOPES = {
  /** Without these Adam has nothing to show: per-video watch data and the account's daily metrics. */
  required: ["video.list", "video.insights"],
  /** The account's daily metrics, audience activity and demographics. */
  account: "user.insights",
} as const;

const PROFILE_FIELDS: Record<string, string> = {
  username: "user.info.username",
  display_name: "user.info.basic",
  is_business_account: "user.account.type",
  followers_count: "user.info.stats",
};

const METRIC_FIELDS = [
  "video_views",
  "unique_video_views",
  "likes",
  "comments",
  "shares",
  "engaged_audience",
  "daily_total_followers",
  "daily_new_followers",
  "daily_lost_followers",
  "profile_views",
  "bio_link_clicks",
  "audience_activity",
  "audience_ages",
  "audience_genders",
  "audience_countries",
  "audience_cities",
];

const VIDEO_LIST_FIELDS = [
  "item_id",
  "create_time",
  "video_duration",
  "video_views",
  "reach",
  "likes",
  "comments",
  "shares",
  "favorites",
  "new_followers",
];

const VIDEO_INSIGHT_FIELDS = [
  "total_time_watched",
  "average_time_watched",
  "full_video_watched_rate",
  "video_view_retention",
  "engagement_likes",
  "impression_sources",
  "audience_types",
  "audience_genders",
  "audience_countries",
  "audience_cities",
  "profile_views",
  "website_clicks",
];

/** `business/get` fields the scopes allow (the profile fields Adam checks the account with, and the metrics). */
export function accountFields(scopes: readonly string[], withMetrics: boolean): string[] {
  const profile = Object.entries(PROFILE_FIELDS)
    .filter(([, scope]) => scopes.includes(scope))
    .map(([field]) => field);
  return withMetrics && scopes.includes(WATCH_SCOPES.account) ? [...profile, ...METRIC_FIELDS] : profile;
}

/** `business/video/list` fields the scopes allow. */
export function videoFields(scopes: readonly string[]): string[] {
  return [
    ...(scopes.includes("video.list") ? VIDEO_LIST_FIELDS : ["item_id"]),
    ...(scopes.includes("video.insights") ? VIDEO_INSIGHT_FIELDS : []),
  ];
}

export function missingWatchScopes(scopes: readonly string[]): string[] {
  return WATCH_SCOPES.required.filter((s) => !scopes.includes(s));
}
