/**
 * What TikTok's Accounts API (API for Business, organic) reports about a creator and their videos:
 * watch time, retention curves, when viewers liked, where views came from, who watched, and the
 * account's daily metrics. Closed-form functions of the same hidden parameters that drive the
 * Display API's counters, so the two APIs tell one story:
 *
 * - every video has a hook (the share still watching at 3 s) around its creator's; a video that
 *   drew few views by its own luck may have a weak one that loses half its viewers in three
 *   seconds (about one video in eight);
 * - a few videos are carried by search (a third to a half of their views);
 * - a video whose views drop (the model's injected drop) loses For You distribution (two drops in
 *   three: For You's share of its new views collapses) or its audience (one in three: For You
 *   keeps serving it, but to viewers in another country, new to the creator, who do not stay);
 * - the account's daily views, likes and followers are the sums and differences of the same
 *   counters; the audience is active by the hour the views come fastest.
 *
 * Nothing here moves a Display API number: the model's views, likes and followers are unchanged.
 */
import type { CreatorParams } from "./creator.ts";
import { accountAt } from "./account.ts";
import { chance, hash, logUniform, mix32, normal, uniform, unit, VideoTag } from "./hash.ts";
import { DAY_MS, HOUR_MS } from "./time.ts";
import { countersAt, durationSecOf, smoothViews, type VideoParams } from "./video.ts";

/** Tags of the watch model's draws: far from the view model's, so no draw is shared. */
const Tag = {
  hook: 201,
  decay: 202,
  unique: 203,
  forYou: 204,
  follow: 205,
  profile: 206,
  search: 207,
  searchCarried: 208,
  searchShare: 209,
  weakHook: 210,
  weakHookLevel: 211,
  dropCause: 212,
  newViewers: 213,
  followers: 214,
  likePeak: 215,
  country: 216,
  countryShare: 217,
  female: 218,
  business: 219,
  loss: 220,
  profileViews: 221,
  activity: 222,
  ages: 223,
  lag: 224,
  hookNoise: 225,
  favorites: 226,
  otherCountry: 227,
} as const;

/** The traffic sources TikTok names (`impression_source`), in its order. */
export const SOURCES = [
  "For You",
  "Follow",
  "Personal Profile",
  "Search",
  "Sound",
  "Hashtag",
  "Direct Message",
] as const;
export type Source = (typeof SOURCES)[number];

const COUNTRIES = ["US", "GB", "DE", "FR", "BR", "IN", "ID", "MX", "CA", "AU"] as const;
const CITIES: Record<string, string[]> = {
  US: ["Los Angeles", "New York", "Houston"],
  GB: ["London", "Manchester", "Birmingham"],
  DE: ["Berlin", "Hamburg", "Munich"],
  FR: ["Paris", "Lyon", "Marseille"],
  BR: ["São Paulo", "Rio de Janeiro", "Belo Horizonte"],
  IN: ["Mumbai", "Delhi", "Bengaluru"],
  ID: ["Jakarta", "Surabaya", "Bandung"],
  MX: ["Mexico City", "Guadalajara", "Monterrey"],
  CA: ["Toronto", "Vancouver", "Montreal"],
  AU: ["Sydney", "Melbourne", "Brisbane"],
};
const AGES = ["18-24", "25-34", "35-44", "45-54", "55+"] as const;

/** Demographics are only reported for accounts with at least this many followers (TikTok's rule). */
export const MIN_FOLLOWERS_FOR_AUDIENCE = 100;
/** A video with fewer new views than this over 7 days is inactive: reach and watch time go empty. */
const INACTIVE_VIEWS_PER_WEEK = 5;

export type DropCause = "distribution" | "audience";

/** A creator's watch habits: what their typical video looks like in TikTok's analytics. */
export interface CreatorWatch {
  hook: number;
  decay: number;
  uniqueRatio: number;
  mix: Record<Source, number>;
  newViewers: number;
  followerShare: number;
  country: string;
  countryShare: number;
  secondCountry: string;
  female: number;
  isBusinessAccount: boolean;
  lossPerDay: number;
  profileViewRate: number;
  activityShare: number;
  ages: number[];
}

const draw = (key: number, tag: number) => mix32(key ^ Math.imul(tag, 0x27d4eb2d));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function normalise<K extends string>(weights: Record<K, number>): Record<K, number> {
  const total = Object.values<number>(weights).reduce((s, w) => s + w, 0);
  return Object.fromEntries(Object.entries<number>(weights).map(([k, w]) => [k, w / total])) as Record<K, number>;
}

export function creatorWatch(c: CreatorParams): CreatorWatch {
  const d = (tag: number) => hash(c.key, tag, 0x77617463);
  const country = COUNTRIES[Math.floor(unit(d(Tag.country)) * COUNTRIES.length)] as string;
  const others = COUNTRIES.filter((x) => x !== country);
  const ageWeights = AGES.map((_, i) => Math.exp(-0.5 * ((i - uniform(d(Tag.ages), 0, 2.5)) / 1.1) ** 2));
  const ageTotal = ageWeights.reduce((s, w) => s + w, 0);
  return {
    hook: uniform(d(Tag.hook), 0.58, 0.8),
    decay: uniform(d(Tag.decay), 0.6, 1.5),
    uniqueRatio: uniform(d(Tag.unique), 0.75, 0.93),
    mix: normalise({
      "For You": uniform(d(Tag.forYou), 0.62, 0.85),
      Follow: uniform(d(Tag.follow), 0.05, 0.18),
      "Personal Profile": uniform(d(Tag.profile), 0.03, 0.09),
      Search: uniform(d(Tag.search), 0.01, 0.06),
      Sound: 0.015,
      Hashtag: 0.01,
      "Direct Message": 0.005,
    }),
    newViewers: uniform(d(Tag.newViewers), 0.55, 0.85),
    followerShare: uniform(d(Tag.followers), 0.08, 0.35),
    country,
    countryShare: uniform(d(Tag.countryShare), 0.45, 0.8),
    secondCountry: others[Math.floor(unit(d(Tag.otherCountry)) * others.length)] as string,
    female: uniform(d(Tag.female), 0.3, 0.75),
    isBusinessAccount: chance(d(Tag.business), 0.35),
    lossPerDay: logUniform(d(Tag.loss), 0.0004, 0.002),
    profileViewRate: logUniform(d(Tag.profileViews), 0.005, 0.02),
    activityShare: uniform(d(Tag.activity), 0.2, 0.4),
    ages: ageWeights.map((w) => w / ageTotal),
  };
}

/** What makes one video's analytics its own. */
export interface VideoWatchParams {
  durationSec: number;
  hook: number;
  /** The hook was planted weak (a viewer in two gone by 3 s). */
  weakHook: boolean;
  /** Completion decay: retention after 3 s falls as e^(−decay · progress). */
  decay: number;
  searchCarried: boolean;
  mix: Record<Source, number>;
  /** Where the peak of likes sits, as a share of the video's length. */
  likePeak: number;
  dropCause?: DropCause;
}

/** ln(views) luck of the view model, as a z-score: weak hooks are planted on unlucky videos only. */
function luckZ(v: VideoParams): number {
  return normal(draw(v.post.key, VideoTag.views));
}

export function videoWatchParams(cw: CreatorWatch, v: VideoParams): VideoWatchParams {
  const key = v.post.key;
  const seconds = durationSecOf(v) + (mix32(key ^ 0x64757261) % 1000) / 1000;
  const weakHook = luckZ(v) < -0.5 && chance(draw(key, Tag.weakHook), 0.4);
  const hook = weakHook
    ? uniform(draw(key, Tag.weakHookLevel), 0.3, 0.48)
    : clamp(cw.hook + 0.05 * normal(draw(key, Tag.hookNoise)) + 0.03 * luckZ(v), 0.5, 0.92);
  const searchCarried = chance(draw(key, Tag.searchCarried), 0.07);
  const base = { ...cw.mix };
  if (searchCarried) base.Search = uniform(draw(key, Tag.searchShare), 0.35, 0.6) / 0.5;
  const params: VideoWatchParams = {
    durationSec: round3(seconds),
    hook,
    weakHook,
    decay: cw.decay * Math.pow(Math.max(5, seconds) / 20, 0.3) * Math.exp(0.2 * normal(draw(key, Tag.decay))),
    searchCarried,
    mix: normalise(base),
    likePeak: uniform(draw(key, Tag.likePeak), 0.3, 0.9),
  };
  if (v.drop) params.dropCause = unit(draw(key, Tag.dropCause)) < 2 / 3 ? "distribution" : "audience";
  return params;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Share of viewers still watching `second` seconds in. */
export function retentionAt(p: VideoWatchParams, second: number): number {
  if (second <= 0) return 1;
  if (second <= 3) return 1 - (1 - p.hook) * Math.pow(second / 3, 0.6);
  const progress = (second - 3) / Math.max(1, p.durationSec - 3);
  return p.hook * Math.exp(-p.decay * Math.min(1, progress));
}

/**
 * Mix of the views a distribution drop leaves: For You's share of them falls to an eighth of what
 * it was (the feed stopped serving the video), the other sources make up the rest in proportion.
 */
function mixAfterDrop(mix: Record<Source, number>): Record<Source, number> {
  const forYou = mix["For You"] * 0.12;
  const scale = (1 - forYou) / (1 - mix["For You"]);
  const out = Object.fromEntries(SOURCES.map((s) => [s, mix[s] * scale])) as Record<Source, number>;
  out["For You"] = forYou;
  return out;
}

export interface VideoWatchAt {
  videoViews: number;
  reach: number | null;
  likes: number;
  comments: number;
  shares: number;
  favorites: number;
  newFollowers: number;
  durationSec: number;
  totalTimeWatched: number | null;
  averageTimeWatched: number | null;
  fullVideoWatchedRate: number;
  retention: { second: string; percentage: number }[];
  engagementLikes: { second: string; percentage: number }[];
  impressionSources: { impression_source: Source; percentage: number }[];
  audienceTypes: { type: string; percentage: number }[];
  audienceGenders: { gender: string; percentage: number }[];
  audienceCountries: { country: string; percentage: number }[];
  audienceCities: { city_name: string; percentage: number }[];
  /** Business accounts only. */
  profileViews?: number;
  websiteClicks?: number;
}

/** Views that came after a drop began: every mix below is weighted by their share. */
function viewsAfterDrop(v: VideoParams, views: number): number {
  if (!v.drop || views <= 0) return 0;
  return Math.max(0, views - smoothViews(v, v.drop.startMs));
}

/**
 * The video as the Accounts API reports it at `tMs` (the instant its data is as of: the API lags
 * behind real time). Lifetime values. Undefined before the video exists.
 */
export function videoWatchAt(c: CreatorParams, v: VideoParams, tMs: number): VideoWatchAt | undefined {
  if (tMs < v.post.createdMs) return undefined;
  const cw = creatorWatch(c);
  const p = videoWatchParams(cw, v);
  const counters = countersAt(v, tMs);
  const views = counters.viewCount;
  const weekAgo = tMs - 7 * DAY_MS > v.post.createdMs ? countersAt(v, tMs - 7 * DAY_MS).viewCount : 0;
  const inactive = views - weekAgo < INACTIVE_VIEWS_PER_WEEK;
  const w = views > 0 ? viewsAfterDrop(v, views) / views : 0;

  // Where the views came from: a distribution drop takes For You away from the views after it.
  const mixAfter = p.dropCause === "distribution" ? mixAfterDrop(p.mix) : p.mix;
  const sources = SOURCES.map((s) => ({
    impression_source: s,
    percentage: round4((1 - w) * p.mix[s] + w * mixAfter[s]),
  })).sort((a, b) => b.percentage - a.percentage);

  // Who watched: an audience drop sends the video to viewers elsewhere, new to the creator.
  const audienceDrop = p.dropCause === "audience";
  const newAfter = audienceDrop ? 0.96 : cw.newViewers;
  const followersAfter = audienceDrop ? 0.02 : cw.followerShare;
  const newViewers = (1 - w) * cw.newViewers + w * newAfter;
  const followers = (1 - w) * cw.followerShare + w * followersAfter;
  const mainAfter = audienceDrop ? 0.12 : cw.countryShare;
  const secondBase = (1 - cw.countryShare) * 0.45;
  const secondAfter = audienceDrop ? 0.7 : secondBase;
  const main = (1 - w) * cw.countryShare + w * mainAfter;
  const second = (1 - w) * secondBase + w * secondAfter;
  const thirdCountry = COUNTRIES.find((x) => x !== cw.country && x !== cw.secondCountry) as string;
  const countries = [
    { country: cw.country, percentage: round4(main) },
    { country: cw.secondCountry, percentage: round4(second) },
    { country: thirdCountry, percentage: round4(Math.max(0, 1 - main - second) * 0.4) },
  ].sort((a, b) => b.percentage - a.percentage);
  const cities = (CITIES[cw.country] as string[]).map((city_name, i) => ({
    city_name,
    percentage: round4(main * [0.3, 0.15, 0.08][i]!),
  }));

  // How long they watched: the hook, then a decay to the end; average watch time is the area.
  const whole = Math.floor(p.durationSec);
  const retention: { second: string; percentage: number }[] = [];
  const likeWeights: number[] = [];
  let area = 0;
  for (let s = 0; s <= whole; s++) {
    const r = retentionAt(p, s);
    retention.push({ second: String(s), percentage: round4(r) });
    const bump = 1 + 2 * Math.exp(-(((s / Math.max(1, p.durationSec) - p.likePeak) / 0.12) ** 2));
    likeWeights.push(r * bump);
    if (s > 0) area += (retentionAt(p, s - 1) + r) / 2;
  }
  area += ((retentionAt(p, whole) + retentionAt(p, p.durationSec)) / 2) * (p.durationSec - whole);
  const likeTotal = likeWeights.reduce((s, x) => s + x, 0);
  const completion = retentionAt(p, p.durationSec);
  const average = area * (1 + 0.15 * completion); // re-watches of the end add a little
  const favorites = Math.floor(counters.likeCount * uniform(draw(v.post.key, Tag.favorites), 0.05, 0.2));
  const female = clamp(cw.female + 0.05 * normal(draw(v.post.key, Tag.female)), 0.05, 0.95);

  const out: VideoWatchAt = {
    videoViews: views,
    reach: inactive ? null : Math.round(views * cw.uniqueRatio),
    likes: counters.likeCount,
    comments: counters.commentCount,
    shares: counters.shareCount,
    favorites,
    newFollowers: Math.floor(views * c.conversion),
    durationSec: p.durationSec,
    totalTimeWatched: inactive ? null : round3(average * views),
    averageTimeWatched: inactive ? null : round3(average),
    fullVideoWatchedRate: round4(completion),
    retention,
    engagementLikes: likeWeights.map((x, s) => ({ second: String(s), percentage: round4(x / likeTotal) })),
    impressionSources: sources,
    audienceTypes: [
      { type: "NEW_VIEWER", percentage: round4(newViewers) },
      { type: "RETURN_VIEWER", percentage: round4(1 - newViewers) },
      { type: "FOLLOWER_PERCENT", percentage: round4(followers) },
      { type: "NON_FOLLOWER_PERCENT", percentage: round4(1 - followers) },
    ],
    audienceGenders: [
      { gender: "Female", percentage: round4(female) },
      { gender: "Male", percentage: round4((1 - female) * 0.97) },
      { gender: "Other", percentage: round4((1 - female) * 0.03) },
    ],
    audienceCountries: countries,
    audienceCities: cities,
  };
  if (cw.isBusinessAccount) {
    out.profileViews = Math.floor(views * cw.profileViewRate);
    out.websiteClicks = Math.floor(views * cw.profileViewRate * 0.04);
  }
  return out;
}

/**
 * How late the Accounts API's numbers are for a creator on a given UTC day: 24–48 hours,
 * drawn per creator and day (TikTok documents "24–48 h").
 */
export function lagMs(c: CreatorParams, dayIndex: number): number {
  return DAY_MS + unit(hash(c.key, dayIndex, Tag.lag)) * DAY_MS;
}

/** One UTC day of the account's metrics (`business/get`'s `metrics[]`). */
export interface AccountWatchDay {
  date: string;
  videoViews: number;
  uniqueVideoViews: number;
  likes: number;
  comments: number;
  shares: number;
  engagedAudience: number;
  followersCount: number;
  dailyTotalFollowers: number;
  dailyNewFollowers: number;
  dailyLostFollowers: number;
  /** Business accounts only. */
  profileViews?: number;
  bioLinkClicks?: number;
  /** Accounts with ≥ 100 followers only: followers active in each UTC hour. */
  audienceActivity?: { hour: string; count: number }[];
}

/**
 * The account's metrics for the UTC day starting at `dayStartMs`: views, likes, comments and
 * shares gained that day on its public videos (`videos`: everything posted up to the day's end),
 * followers at its end, gained and lost, and when its followers are active by the hour.
 */
export function accountWatchDay(
  c: CreatorParams,
  videos: readonly VideoParams[],
  dayStartMs: number,
  originMs: number,
): AccountWatchDay {
  const cw = creatorWatch(c);
  const end = dayStartMs + DAY_MS;
  let views = 0;
  let likes = 0;
  let comments = 0;
  let shares = 0;
  for (const v of videos) {
    if (v.post.createdMs >= end) continue;
    if (v.unavailableFromMs !== undefined && v.unavailableFromMs <= end) continue;
    const a = v.post.createdMs > dayStartMs ? undefined : countersAt(v, dayStartMs);
    const b = countersAt(v, end);
    views += b.viewCount - (a?.viewCount ?? 0);
    likes += b.likeCount - (a?.likeCount ?? 0);
    comments += b.commentCount - (a?.commentCount ?? 0);
    shares += b.shareCount - (a?.shareCount ?? 0);
  }
  views = Math.max(0, views);
  const day = Math.floor(dayStartMs / DAY_MS);
  const followersStart = accountAt(c, dayStartMs, originMs).followerCount;
  const followersEnd = accountAt(c, end, originMs).followerCount;
  const net = followersEnd - followersStart;
  const lost = Math.max(
    Math.round(followersStart * cw.lossPerDay * Math.exp(0.3 * normal(hash(c.key, day, Tag.loss)))),
    -net,
  );
  const out: AccountWatchDay = {
    date: new Date(dayStartMs).toISOString().slice(0, 10),
    videoViews: views,
    uniqueVideoViews: Math.round(views * cw.uniqueRatio * 0.9),
    likes: Math.max(0, likes),
    comments: Math.max(0, comments),
    shares: Math.max(0, shares),
    engagedAudience: Math.round(Math.max(0, likes + comments + shares) * 0.75),
    followersCount: followersEnd,
    dailyTotalFollowers: net,
    dailyNewFollowers: net + lost,
    dailyLostFollowers: lost,
  };
  if (cw.isBusinessAccount) {
    out.profileViews = Math.round(views * cw.profileViewRate);
    out.bioLinkClicks = Math.round(views * cw.profileViewRate * 0.05);
  }
  if (followersEnd >= MIN_FOLLOWERS_FOR_AUDIENCE) out.audienceActivity = audienceActivity(c, cw, followersEnd, day);
  return out;
}

/**
 * Followers active in each UTC hour: most when the creator's views come fastest (the model's
 * activity clock peaks a quarter day after its phase), with a little day-to-day noise.
 */
function audienceActivity(c: CreatorParams, cw: CreatorWatch, followers: number, day: number) {
  const peakHour = ((c.diurnalPhaseMs + DAY_MS / 4) % DAY_MS) / HOUR_MS;
  return Array.from({ length: 24 }, (_, hour) => {
    const wave = 1 + 1.6 * c.diurnalAmplitude * 2 * Math.cos((2 * Math.PI * (hour - peakHour)) / 24);
    const noise = Math.exp(0.05 * normal(hash(c.key, day, hour, Tag.activity)));
    return { hour: String(hour), count: Math.max(0, Math.round(followers * cw.activityShare * 0.1 * wave * noise)) };
  });
}

/** The account's followers by age, gender, country and city (`business/get`), or none under 100 followers. */
export function accountAudience(c: CreatorParams, followers: number) {
  if (followers < MIN_FOLLOWERS_FOR_AUDIENCE) return undefined;
  const cw = creatorWatch(c);
  const secondShare = (1 - cw.countryShare) * 0.45;
  return {
    audienceAges: AGES.map((age, i) => ({ age, percentage: round4(cw.ages[i] as number) })),
    audienceGenders: [
      { gender: "Female", percentage: round4(cw.female) },
      { gender: "Male", percentage: round4((1 - cw.female) * 0.97) },
      { gender: "Other", percentage: round4((1 - cw.female) * 0.03) },
    ],
    audienceCountries: [
      { country: cw.country, percentage: round4(cw.countryShare) },
      { country: cw.secondCountry, percentage: round4(secondShare) },
    ],
    audienceCities: (CITIES[cw.country] as string[]).map((city_name, i) => ({
      city_name,
      percentage: round4(cw.countryShare * [0.3, 0.15, 0.08][i]!),
    })),
  };
}
