/**
 * World B's creators: their size and habits, their audience's daily rhythm (a mixture of time
 * zones), when they post, and the account's follower counter. The assumptions are listed in
 * ../cohort-waves.ts.
 */
import { keyOf, Rng } from "./random.ts";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** The world's time grid: every simulation step starts and ends on it (after a video's first partial step). */
export const BIN_MS = 10 * MINUTE_MS;
/** The follower counter's grid: it moves in 30-minute bins. */
export const FOLLOW_BIN_MS = 30 * MINUTE_MS;
const BINS_PER_DAY = DAY_MS / BIN_MS;

/** Tags that separate the random streams, so one part's draws never shift another's. */
export const Stream = {
  creator: 1,
  posts: 2,
  video: 3,
  videoNoise: 4,
  followers: 5,
  sampling: 6,
  stall: 7,
  discovery: 8,
} as const;

export interface Zone {
  offsetH: number;
  weight: number;
  peakH: number;
  concentration: number;
  lunch: number;
}

export interface Creator {
  key: number;
  followers0: number;
  /** Median size of a video's first (test) wave, in views. */
  reach: number;
  /** Shift of the log-odds that a wave "performs" and earns a bigger push. */
  hitBias: number;
  /** Share of videos that are evergreen (search-driven power-law tail, no finite pool). */
  evergreenShare: number;
  postsPerDay: number;
  habitsUtcH: number[];
  postSdH: number;
  randomPostShare: number;
  zones: Zone[];
  nightFloor: number;
  /** Activity per 10-minute bin of a UTC day (mean 1) and its running sum (length 145). */
  activity: Float64Array;
  activityCum: Float64Array;
  weekend: number;
  /** Negative-binomial size of per-step view increments (relative noise floor 1/√k). */
  dispersion: number;
  likeRate: number;
  commentRate: number;
  shareRate: number;
  /** Followers per view of a new (non-follower) cohort. */
  followRate: number;
  followLagMs: number;
  backgroundFollowsPerDay: number;
  unfollowPerDay: number;
  purgesPer30d: number;
  videoStallsPerHour: number;
  accountStallsPerHour: number;
  outagesPer30d: number;
  missedCycle: number;
  slotOffsetMs: number;
  jitterMs: number;
}

const ZONE_OFFSETS = [-8, -7, -6, -5, -4, -3, 0, 1, 2, 3, 5.5, 7, 8, 9, 10];

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function creatorOf(seed: number, index: number): Creator {
  const key = keyOf(seed, index, 0x57b);
  const r = new Rng(keyOf(key, Stream.creator));
  const followers0 = Math.round(clamp(Math.exp(Math.log(8000) + 2.2 * r.normal()), 150, 3e7));
  const reach = 25 + 0.06 * Math.pow(followers0, 0.92) * Math.exp(0.5 * r.normal());

  const nZones = r.chance(0.5) ? 1 : r.chance(0.7) ? 2 : 3;
  const zones: Zone[] = [];
  for (let z = 0; z < nZones; z++)
    zones.push({
      offsetH: ZONE_OFFSETS[r.int(ZONE_OFFSETS.length)] as number,
      weight: r.gamma(1.5),
      peakH: r.uniform(18.5, 22.5),
      concentration: r.uniform(0.8, 3),
      lunch: r.uniform(0, 0.5),
    });
  zones.sort((a, b) => b.weight - a.weight);
  const total = zones.reduce((s, z) => s + z.weight, 0);
  for (const z of zones) z.weight /= total;
  const nightFloor = r.uniform(0.05, 0.4);
  const activity = new Float64Array(BINS_PER_DAY);
  for (let i = 0; i < BINS_PER_DAY; i++) {
    const hUtc = ((i + 0.5) * BIN_MS) / HOUR_MS;
    let a = 0;
    for (const z of zones) {
      const h = hUtc + z.offsetH;
      const evening = Math.exp(z.concentration * (Math.cos((2 * Math.PI * (h - z.peakH)) / 24) - 1));
      const lunch = z.lunch * Math.exp(4 * (Math.cos((2 * Math.PI * (h - 12.5)) / 24) - 1));
      a += z.weight * (nightFloor + evening + lunch);
    }
    activity[i] = a;
  }
  const mean = activity.reduce((s, a) => s + a, 0) / BINS_PER_DAY;
  const activityCum = new Float64Array(BINS_PER_DAY + 1);
  for (let i = 0; i < BINS_PER_DAY; i++) {
    activity[i] = (activity[i] as number) / mean;
    activityCum[i + 1] = (activityCum[i] as number) + (activity[i] as number);
  }

  const mainOffset = (zones[0] as Zone).offsetH;
  const habitsUtcH = [r.uniform(7, 22) - mainOffset];
  if (r.chance(0.4)) habitsUtcH.push(r.uniform(7, 22) - mainOffset);

  return {
    key,
    followers0,
    reach,
    hitBias: -0.3 + 0.8 * r.normal(),
    evergreenShare: r.uniform(0.15, 0.6),
    postsPerDay: r.logUniform(0.2, 3),
    habitsUtcH,
    postSdH: r.uniform(0.5, 2.5),
    randomPostShare: r.uniform(0.05, 0.3),
    zones,
    nightFloor,
    activity,
    activityCum,
    weekend: r.uniform(0.9, 1.2),
    dispersion: r.logUniform(15, 150),
    likeRate: r.logUniform(0.03, 0.12),
    commentRate: r.logUniform(0.002, 0.012),
    shareRate: r.logUniform(0.001, 0.01),
    followRate: r.logUniform(0.001, 0.01),
    followLagMs: r.logUniform(0.5, 4) * HOUR_MS,
    backgroundFollowsPerDay: followers0 * r.logUniform(0.0003, 0.003),
    unfollowPerDay: r.logUniform(0.0003, 0.0015),
    purgesPer30d: r.uniform(0, 1),
    videoStallsPerHour: r.uniform(0.03, 0.15),
    accountStallsPerHour: r.uniform(0.01, 0.05),
    outagesPer30d: r.logUniform(1, 5),
    missedCycle: r.uniform(0.005, 0.02),
    slotOffsetMs: Math.round(r.uniform(3, 27) * MINUTE_MS),
    jitterMs: r.uniform(1, 2) * MINUTE_MS,
  };
}

/** ∫ activity from the epoch to t, in bins (each day adds exactly BINS_PER_DAY). */
export function activityIntegral(c: Creator, tMs: number): number {
  const day = Math.floor(tMs / DAY_MS);
  const x = (tMs - day * DAY_MS) / BIN_MS;
  const i = Math.min(BINS_PER_DAY - 1, Math.floor(x));
  return day * BINS_PER_DAY + (c.activityCum[i] as number) + (x - i) * (c.activity[i] as number);
}

/** The weekend's lift (or dip) on activity on the UTC day of t. */
export function weekendLift(c: Creator, tMs: number): number {
  const weekday = (Math.floor(tMs / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday === 0 || weekday === 6 ? c.weekend : 1;
}

export interface Post {
  key: number;
  createdMs: number;
  id: string;
}

/** Posts created in [fromMs, toMs), oldest first. */
export function postsOf(c: Creator, fromMs: number, toMs: number): Post[] {
  const posts: Post[] = [];
  for (let day = Math.floor(fromMs / DAY_MS); day <= Math.floor(toMs / DAY_MS); day++) {
    const r = new Rng(keyOf(c.key, Stream.posts, day));
    const n = r.poisson(c.postsPerDay);
    for (let k = 0; k < n; k++) {
      const hour = r.chance(c.randomPostShare)
        ? r.uniform(0, 24)
        : (c.habitsUtcH[r.int(c.habitsUtcH.length)] as number) + c.postSdH * r.normal();
      const createTimeSec = Math.floor((day * DAY_MS + hour * HOUR_MS) / 1000);
      const createdMs = createTimeSec * 1000;
      if (createdMs < fromMs || createdMs >= toMs) continue;
      const key = keyOf(c.key, Stream.video, day, k);
      posts.push({ key, createdMs, id: ((BigInt(createTimeSec) << 32n) | BigInt(key >>> 0)).toString() });
    }
  }
  return posts.sort((a, b) => a.createdMs - b.createdMs || a.key - b.key);
}

/**
 * The follower counter at every 30-minute bin boundary from the first bin: followers0, plus follows (the
 * videos' expected follows per bin, lagged by an exponential delay, plus background discovery,
 * drawn negative-binomially), minus unfollows (a small hazard on the current count) and rare
 * purges of fake followers.
 */
export function followerSeries(c: Creator, inflow: Float64Array): Float64Array {
  const r = new Rng(keyOf(c.key, Stream.followers));
  const n = inflow.length;
  const out = new Float64Array(n + 1);
  const keep = Math.exp(-FOLLOW_BIN_MS / c.followLagMs);
  const purgeChance = (c.purgesPer30d * FOLLOW_BIN_MS) / (30 * DAY_MS);
  const bg = (c.backgroundFollowsPerDay * FOLLOW_BIN_MS) / DAY_MS;
  const unfollow = (c.unfollowPerDay * FOLLOW_BIN_MS) / DAY_MS;
  let pending = 0;
  let f = c.followers0;
  out[0] = f;
  for (let b = 0; b < n; b++) {
    pending += inflow[b] as number;
    const arriving = pending * (1 - keep);
    pending -= arriving;
    f += r.negBin(arriving + bg, 20) - r.poisson(f * unfollow);
    if (r.chance(purgeChance)) f -= Math.round(f * r.logUniform(0.002, 0.015));
    f = Math.max(0, f);
    out[b + 1] = f;
  }
  return out;
}
