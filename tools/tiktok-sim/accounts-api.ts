/**
 * The Accounts API's data endpoints (tiktok-api.md §7), `GET` with everything in the query string:
 * - `business/get` (`business_id`, `start_date`, `end_date`, `fields`): the profile, then daily
 *   `metrics[]` for the dates TikTok has finished (24–48 h late, at most 60 days back), and the
 *   followers' demographics;
 * - `business/video/list` (`business_id`, `fields`, `filters`, `cursor`, `max_count`): the public
 *   videos newest first with their lifetime analytics, as of the API's lag.
 * `Access-Token` header; HTTP 200 always, a non-zero `code` on failure. `sparse` (a fault) answers
 * as for a personal account under 100 followers whose videos went quiet.
 */
import {
  BUSINESS_VIDEO_FIELDS,
  DEMOGRAPHIC_FIELDS,
  METRIC_FIELDS,
  parseFieldArray,
  PROFILE_FIELDS,
  SPARSE_VIDEO_FIELDS,
} from "./accounts-app.ts";
import type { SimContext } from "./context.ts";
import { pageOf } from "./display-api.ts";
import { businessError, businessOk } from "./envelope.ts";
import type { Reply, SimRequest } from "./http.ts";
import { MIN_FOLLOWERS_FOR_AUDIENCE, type AccountWatchDay } from "./model/index.ts";
import type { Grant } from "./tokens.ts";

const DAY_MS = 86_400_000;
/** TikTok's lookback for account metrics. */
export const LOOKBACK_DAYS = 60;
export const MAX_VIDEO_COUNT = 20;
const DEFAULT_VIDEO_COUNT = 10;

export interface AnswerOptions {
  /** Answer as for a personal account under 100 followers with inactive videos (the `sparse` fault). */
  sparse?: boolean;
}

/** The `Access-Token` header's token, checked against the Accounts API app's grants. */
function authenticate(ctx: SimContext, req: SimRequest): { grant: Grant } | { reply: Reply } {
  const raw = req.headers["access-token"];
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (!token) return { reply: businessError("access_token_missing", req.logId) };
  const check = ctx.tokens.checkAccess(token);
  if (!check.ok) {
    return {
      reply: businessError(check.reason === "expired" ? "access_token_expired" : "access_token_invalid", req.logId),
    };
  }
  // Login Kit's tokens do not open the Accounts API (another app, another grant).
  if (check.grant.clientKey !== ctx.business.clientKey)
    return { reply: businessError("access_token_invalid", req.logId) };
  const businessId = req.url.searchParams.get("business_id");
  if (!businessId) return { reply: businessError("invalid_params", req.logId, "business_id is required.") };
  if (businessId !== check.grant.openId) {
    return {
      reply: businessError("no_permission", req.logId, "The access token was not authorized by this business_id."),
    };
  }
  return { grant: check.grant };
}

function missingScope(grant: Grant, needed: string[], req: SimRequest): Reply | undefined {
  const missing = [...new Set(needed.filter((s) => !grant.scopes.includes(s)))];
  if (!missing.length) return undefined;
  return businessError(
    "no_permission",
    req.logId,
    `The requested fields need scopes the user did not grant: ${missing.join(",")}.`,
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

function parseDate(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return undefined;
  return dayOf(Date.parse(`${value}T00:00:00Z`));
}

function metricObject(day: AccountWatchDay, fields: string[], business: boolean, sparse: boolean) {
  const out: Record<string, unknown> = { date: day.date };
  const values: Record<string, unknown> = {
    video_views: day.videoViews,
    unique_video_views: day.uniqueVideoViews,
    likes: day.likes,
    comments: day.comments,
    shares: day.shares,
    engaged_audience: day.engagedAudience,
    followers_count: day.followersCount,
    daily_total_followers: day.dailyTotalFollowers,
    daily_new_followers: day.dailyNewFollowers,
    daily_lost_followers: day.dailyLostFollowers,
    audience_activity: sparse ? undefined : day.audienceActivity,
    profile_views: day.profileViews,
    bio_link_clicks: day.bioLinkClicks,
  };
  for (const field of fields) {
    if (!(field in METRIC_FIELDS) && field !== "followers_count") continue;
    if (METRIC_FIELDS[field] && (!business || sparse)) continue;
    const value = field in values ? values[field] : 0;
    if (value !== undefined) out[field] = value;
  }
  return out;
}

export function businessGet(ctx: SimContext, req: SimRequest, options: AnswerOptions = {}): Reply {
  const auth = authenticate(ctx, req);
  if ("reply" in auth) return auth.reply;
  const { grant } = auth;
  const known = (f: string) => f in PROFILE_FIELDS || f in METRIC_FIELDS || DEMOGRAPHIC_FIELDS.includes(f);
  const parsed = parseFieldArray(req.url.searchParams.get("fields"), known, ["display_name", "profile_image"]);
  if (!parsed.ok) return businessError("invalid_params", req.logId, parsed.message);
  const { fields } = parsed;
  const scopes = fields.map((f) => PROFILE_FIELDS[f] ?? "user.insights");
  const denied = missingScope(grant, scopes, req);
  if (denied) return denied;

  const now = ctx.clock.now();
  const today = dayOf(now);
  const start = parseDate(req.url.searchParams.get("start_date"), today - 7);
  const end = parseDate(req.url.searchParams.get("end_date"), today - 1);
  if (start === undefined || end === undefined) {
    return businessError("invalid_params", req.logId, "start_date and end_date must be dates as YYYY-MM-DD (UTC).");
  }
  if (start > end) return businessError("invalid_params", req.logId, "start_date must not be after end_date.");
  if (start < today - LOOKBACK_DAYS) {
    return businessError("invalid_params", req.logId, `start_date can be at most ${LOOKBACK_DAYS} days back.`);
  }
  if (end > today) return businessError("invalid_params", req.logId, "end_date cannot be in the future.");

  const index = grant.index;
  const profile = ctx.world.creator(index);
  const counters = ctx.world.account(index, now);
  const habits = ctx.world.creatorWatch(index);
  const business = habits.isBusinessAccount;
  const sparse = options.sparse === true;
  const data: Record<string, unknown> = {};
  const profileValues: Record<string, unknown> = {
    is_business_account: business,
    profile_image: profile.avatarUrl,
    username: profile.username,
    profile_deep_link: profile.profileDeepLink,
    display_name: profile.displayName,
    bio_description: profile.bioDescription,
    is_verified: profile.isVerified,
    following_count: counters.followingCount,
    followers_count: counters.followerCount,
    total_likes: counters.likesCount,
    videos_count: counters.videoCount,
  };
  for (const f of fields) if (f in PROFILE_FIELDS) data[f] = profileValues[f];

  const metricFields = fields.filter((f) => f in METRIC_FIELDS || f === "followers_count");
  if (fields.some((f) => f in METRIC_FIELDS)) {
    const metrics = [];
    const first = Math.max(start, dayOf(ctx.world.historyStartMs));
    for (let day = first; day <= end; day++) {
      // a day's numbers exist once TikTok has finished it: its end, plus the creator's lag that day
      if ((day + 1) * DAY_MS + ctx.world.watchLagMs(index, day * DAY_MS) > now) break;
      metrics.push(metricObject(ctx.world.accountWatchDay(index, day * DAY_MS), metricFields, business, sparse));
    }
    data.metrics = metrics;
  }
  const demographics = fields.filter((f) => DEMOGRAPHIC_FIELDS.includes(f));
  if (demographics.length && !sparse) {
    const dataMs = now - ctx.world.watchLagMs(index, now);
    const audience = ctx.world.accountAudience(index, dataMs);
    if (audience) {
      const values: Record<string, unknown> = {
        audience_ages: audience.audienceAges,
        audience_genders: audience.audienceGenders,
        audience_countries: audience.audienceCountries,
        audience_cities: audience.audienceCities,
      };
      for (const f of demographics) data[f] = values[f];
    }
  }
  return businessOk(data, req.logId);
}

export function businessVideoList(ctx: SimContext, req: SimRequest, options: AnswerOptions = {}): Reply {
  const auth = authenticate(ctx, req);
  if ("reply" in auth) return auth.reply;
  const { grant } = auth;
  const parsed = parseFieldArray(req.url.searchParams.get("fields"), (f) => f in BUSINESS_VIDEO_FIELDS, ["item_id"]);
  if (!parsed.ok) return businessError("invalid_params", req.logId, parsed.message);
  const denied = missingScope(
    grant,
    parsed.fields.map((f) => BUSINESS_VIDEO_FIELDS[f]!.scope),
    req,
  );
  if (denied) return denied;
  const params = req.url.searchParams;
  const maxCount = params.has("max_count") ? Number(params.get("max_count")) : DEFAULT_VIDEO_COUNT;
  if (!Number.isInteger(maxCount) || maxCount < 1 || maxCount > MAX_VIDEO_COUNT) {
    return businessError("invalid_params", req.logId, `max_count must be an integer from 1 to ${MAX_VIDEO_COUNT}.`);
  }
  const cursor = params.has("cursor") ? Number(params.get("cursor")) : undefined;
  if (cursor !== undefined && !(Number.isSafeInteger(cursor) && cursor >= 0)) {
    return businessError("invalid_params", req.logId, "cursor must be a UTC Unix timestamp in milliseconds.");
  }
  let ids: string[] | undefined;
  if (params.has("filters")) {
    try {
      const filters = JSON.parse(params.get("filters") as string) as { video_ids?: unknown };
      if (filters.video_ids !== undefined) {
        if (!Array.isArray(filters.video_ids) || !filters.video_ids.every((id) => typeof id === "string"))
          throw new Error();
        ids = filters.video_ids as string[];
      }
    } catch {
      return businessError("invalid_params", req.logId, 'filters must be JSON, e.g. {"video_ids":["…"]}.');
    }
    if (ids && ids.length > MAX_VIDEO_COUNT) {
      return businessError("invalid_params", req.logId, `filters.video_ids accepts at most ${MAX_VIDEO_COUNT} ids.`);
    }
  }

  const now = ctx.clock.now();
  const index = grant.index;
  const dataMs = now - ctx.world.watchLagMs(index, now);
  const business = ctx.world.creatorWatch(index).isBusinessAccount;
  const sparse = options.sparse === true;
  const followers = ctx.world.account(index, dataMs).followerCount;
  const all = ctx.world.publicVideos(index, now);
  const wanted = ids ? all.filter((v) => ids.includes(v.id)) : all;
  const candidates = wanted.filter((v) => v.createTimeSec * 1000 < (cursor ?? Number.POSITIVE_INFINITY));
  const page = pageOf(candidates, maxCount);
  const videos = page.map((v) => {
    const watch = ctx.world.videoWatch(index, v.id, dataMs);
    const out: Record<string, unknown> = {};
    for (const field of parsed.fields) {
      const spec = BUSINESS_VIDEO_FIELDS[field]!;
      if (spec.businessOnly && !business) continue;
      if (field === "audience_cities" && followers < MIN_FOLLOWERS_FOR_AUDIENCE) continue;
      if (sparse && SPARSE_VIDEO_FIELDS.includes(field)) continue;
      const value = spec.value(v, watch);
      if (value !== undefined) out[field] = value;
    }
    return out;
  });
  const last = page.at(-1);
  return businessOk(
    { videos, cursor: last ? last.createTimeSec * 1000 : (cursor ?? 0), has_more: candidates.length > page.length },
    req.logId,
  );
}
