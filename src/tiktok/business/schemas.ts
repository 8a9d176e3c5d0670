import { z } from "zod";

/**
 * The Accounts API's answers (tiktok-api.md §7), validated before use. The envelope and the ids
 * are strict; every metric is lenient: a field that is absent, null, or not what it should be (a
 * negative count, a share above 1) is read as missing, never as zero and never as a reason to
 * throw the whole day's answer away.
 */
export const BusinessEnvelopeSchema = z.object({
  code: z.number().int(),
  message: z.string().optional().default(""),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});

export const BusinessTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  open_id: z.string().min(1),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.number().int().positive(),
  scope: z.string(),
  token_type: z.string().optional(),
});
export type BusinessToken = z.infer<typeof BusinessTokenSchema>;

/** A count, or missing. */
const count = z.number().int().nonnegative().optional().catch(undefined);
/** A signed count (a day's net followers), or missing. */
const signed = z.number().int().optional().catch(undefined);
/** A non-negative real (seconds), or missing. */
const real = z.number().nonnegative().finite().optional().catch(undefined);
/** A share 0–1, or missing. */
const share = z.number().min(0).max(1).optional().catch(undefined);
/** TikTok sends seconds and hours as strings ("3") or numbers: either, as a whole number. */
const index = z.union([z.string().regex(/^\d+$/).transform(Number), z.number().int().nonnegative()]);

/** `[{key, percentage}]` lists: entries that do not parse are dropped, a list that does not parse is missing. */
function shares<K extends string>(key: K) {
  const entry = z.object({ name: z.string().min(1), percentage: z.number().min(0).max(1) });
  return z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((list): ({ percentage: number } & Record<K, string>)[] | undefined =>
      list?.flatMap((item) => {
        const parsed = entry.safeParse({ ...(item as object), name: (item as Record<string, unknown>)?.[key] });
        return parsed.success
          ? [
              { [key]: parsed.data.name, percentage: parsed.data.percentage } as { percentage: number } & Record<
                K,
                string
              >,
            ]
          : [];
      }),
    );
}

function curve() {
  return z
    .array(z.object({ second: index, percentage: z.number().min(0).max(1) }))
    .optional()
    .catch(undefined);
}

export const BusinessMetricsDaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  video_views: count,
  unique_video_views: count,
  likes: count,
  comments: count,
  shares: count,
  engaged_audience: count,
  followers_count: count,
  daily_total_followers: signed,
  daily_new_followers: count,
  daily_lost_followers: count,
  profile_views: count,
  bio_link_clicks: count,
  audience_activity: z
    .array(z.object({ hour: index, count: z.number().int().nonnegative() }))
    .optional()
    .catch(undefined),
});
export type BusinessMetricsDay = z.infer<typeof BusinessMetricsDaySchema>;

/** The audience breakdowns an account's answer and a video's share (each a list of shares, read as a map). */
const audienceShares = {
  audience_genders: shares("gender"),
  audience_countries: shares("country"),
  audience_cities: shares("city_name"),
};

export const BusinessAccountSchema = z.object({
  username: z.string().optional().catch(undefined),
  display_name: z.string().optional().catch(undefined),
  is_business_account: z.boolean().optional().catch(undefined),
  followers_count: count,
  metrics: z
    .array(BusinessMetricsDaySchema.nullable().catch(null))
    .optional()
    .default([])
    .transform((days) => days.filter((d) => d !== null)),
  audience_ages: shares("age"),
  ...audienceShares,
});
export type BusinessAccount = z.infer<typeof BusinessAccountSchema>;

export const BusinessVideoSchema = z.object({
  /** 19 digits: a string, never a number. */
  item_id: z.string().regex(/^\d{1,20}$/),
  create_time: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  video_duration: real,
  video_views: count,
  reach: count,
  likes: count,
  comments: count,
  shares: count,
  favorites: count,
  new_followers: count,
  profile_views: count,
  website_clicks: count,
  total_time_watched: real,
  average_time_watched: real,
  full_video_watched_rate: share,
  video_view_retention: curve(),
  engagement_likes: curve(),
  impression_sources: shares("impression_source"),
  audience_types: shares("type"),
  ...audienceShares,
});
export type BusinessVideo = z.infer<typeof BusinessVideoSchema>;

export const BusinessVideoPageSchema = z.object({
  videos: z.array(BusinessVideoSchema).default([]),
  cursor: z.number().int().optional(),
  has_more: z.boolean().default(false),
});
