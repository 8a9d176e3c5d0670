/**
 * The Accounts API's vocabulary (tiktok-api.md §7): the user's open_id as the Accounts API app
 * sees it (`business_id`), and the `fields` of `business/get` and `business/video/list` with the
 * scope each needs and where its value comes from in the model. Fields marked business-only are
 * left out for personal accounts; demographics and hourly activity for accounts under 100
 * followers; reach and watch time for videos inactive for a week; everything but the video's
 * identity for a video younger than the API's lag. Absent, never zero: what TikTok does not
 * know, it does not send.
 */
import type { VideoAt, VideoWatchAt } from "./model/index.ts";

const DISPLAY_PREFIX = "-000";
const BUSINESS_PREFIX = "-biz";

/** A user's open_id is per app: the Accounts API app sees its own (here, a recognisable variant). */
export function businessOpenId(displayOpenId: string): string {
  return BUSINESS_PREFIX + displayOpenId.slice(DISPLAY_PREFIX.length);
}

export function displayOpenIdOf(businessId: string): string | undefined {
  return businessId.startsWith(BUSINESS_PREFIX) ? DISPLAY_PREFIX + businessId.slice(BUSINESS_PREFIX.length) : undefined;
}

/** `business/get` profile fields: top-level, real time. */
export const PROFILE_FIELDS: Record<string, string> = {
  is_business_account: "user.account.type",
  profile_image: "user.info.basic",
  username: "user.info.username",
  profile_deep_link: "user.info.basic",
  display_name: "user.info.basic",
  bio_description: "user.info.basic",
  is_verified: "user.info.basic",
  following_count: "user.info.stats",
  followers_count: "user.info.stats",
  total_likes: "user.info.stats",
  videos_count: "user.info.stats",
};

/** `business/get` daily metrics (`metrics[]`), 24–48 h late; `true` marks business-only ones. */
export const METRIC_FIELDS: Record<string, boolean> = {
  video_views: false,
  unique_video_views: false,
  likes: false,
  comments: false,
  shares: false,
  engaged_audience: false,
  daily_total_followers: false,
  daily_new_followers: false,
  daily_lost_followers: false,
  audience_activity: false,
  profile_views: true,
  bio_link_clicks: true,
  phone_number_clicks: true,
  lead_submissions: true,
  app_download_clicks: true,
  email_clicks: true,
  address_clicks: true,
};

/** `business/get` demographics of the followers (accounts with ≥ 100 followers only). */
export const DEMOGRAPHIC_FIELDS = ["audience_ages", "audience_genders", "audience_countries", "audience_cities"];

type VideoValue = (v: VideoAt, w: VideoWatchAt | undefined) => unknown;

/** `business/video/list` fields: the scope each needs, business-only, and the value (undefined = absent). */
export const BUSINESS_VIDEO_FIELDS: Record<string, { scope: string; businessOnly?: true; value: VideoValue }> = {
  item_id: { scope: "video.list", value: (v) => v.id },
  create_time: { scope: "video.list", value: (v) => v.createTimeSec },
  caption: { scope: "video.list", value: (v) => v.videoDescription },
  thumbnail_url: { scope: "video.list", value: (v) => v.coverImageUrl },
  share_url: { scope: "video.list", value: (v) => v.shareUrl },
  embed_url: { scope: "video.list", value: (v) => v.embedLink },
  video_duration: { scope: "video.list", value: (_, w) => w?.durationSec },
  likes: { scope: "video.list", value: (_, w) => w?.likes },
  comments: { scope: "video.list", value: (_, w) => w?.comments },
  shares: { scope: "video.list", value: (_, w) => w?.shares },
  favorites: { scope: "video.list", value: (_, w) => w?.favorites },
  reach: { scope: "video.list", value: (_, w) => w?.reach ?? undefined },
  video_views: { scope: "video.list", value: (_, w) => w?.videoViews },
  new_followers: { scope: "video.list", value: (_, w) => w?.newFollowers },
  total_time_watched: { scope: "video.insights", value: (_, w) => w?.totalTimeWatched ?? undefined },
  average_time_watched: { scope: "video.insights", value: (_, w) => w?.averageTimeWatched ?? undefined },
  full_video_watched_rate: { scope: "video.insights", value: (_, w) => w?.fullVideoWatchedRate },
  video_view_retention: { scope: "video.insights", value: (_, w) => w?.retention },
  engagement_likes: { scope: "video.insights", value: (_, w) => w?.engagementLikes },
  impression_sources: { scope: "video.insights", value: (_, w) => w?.impressionSources },
  audience_types: { scope: "video.insights", value: (_, w) => w?.audienceTypes },
  audience_genders: { scope: "video.insights", value: (_, w) => w?.audienceGenders },
  audience_countries: { scope: "video.insights", value: (_, w) => w?.audienceCountries },
  audience_cities: { scope: "video.insights", value: (_, w) => w?.audienceCities },
  profile_views: { scope: "video.insights", businessOnly: true, value: (_, w) => w?.profileViews },
  website_clicks: { scope: "video.insights", businessOnly: true, value: (_, w) => w?.websiteClicks },
};

/** Fields a sparse answer leaves out: what personal accounts under 100 followers with inactive videos lack. */
export const SPARSE_VIDEO_FIELDS = [
  "reach",
  "total_time_watched",
  "average_time_watched",
  "audience_cities",
  "profile_views",
  "website_clicks",
];

/**
 * `fields` as the Accounts API takes it: a JSON array of names in the query string
 * (`fields=["item_id","create_time"]`), not the Display API's comma list.
 */
export function parseFieldArray(
  raw: string | null,
  known: (name: string) => boolean,
  fallback: string[],
): { ok: true; fields: string[] } | { ok: false; message: string } {
  if (raw === null) return { ok: true, fields: fallback };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'fields must be a JSON array of field names, e.g. ["item_id","create_time"].' };
  }
  if (!Array.isArray(value) || !value.every((f) => typeof f === "string")) {
    return { ok: false, message: "fields must be a JSON array of strings." };
  }
  const unknown = value.filter((f) => !known(f));
  if (unknown.length > 0) return { ok: false, message: `Invalid fields: ${unknown.join(",")}` };
  return { ok: true, fields: [...new Set(value as string[])] };
}
