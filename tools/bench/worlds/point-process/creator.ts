/**
 * World A, creator level: who the creator is (reach, audience rhythm, posting habits, follower
 * dynamics, how their counters and polling misbehave). Numbers are documented in ../point-process.ts.
 */
import { Rng } from "./random.ts";

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Resolution of the daily-rhythm table. */
const RHYTHM_BIN = 5 * MINUTE;
const RHYTHM_BINS = DAY / RHYTHM_BIN;

export interface Creator {
  name: string;
  /** Expected 7-day views of a median-quality video posted at fromMs. */
  reach: number;
  /** ln(reach) drift per day (growing or fading creators). */
  trendPerDay: number;
  /** σ of ln(video quality) and the chance of a Pareto "breakout" factor. */
  qualitySigma: number;
  breakoutChance: number;
  /** Chance a video's age kernel is power-law dominated (else a short-lived gamma bump). */
  evergreenChance: number;
  postsPerDay: number;
  /** Preferred posting hours (UTC, 0–24) with weights, and the spread around them (hours). */
  habits: { hour: number; weight: number }[];
  postSpreadHours: number;
  /** Audience rhythm: mean-1 multiplier per 5-minute bin of the UTC day. */
  rhythm: Float64Array;
  /** ∫ rhythm from midnight to the start of each bin, in ms. */
  rhythmCumulative: Float64Array;
  /** max/min of `rhythm` (1.3–4 by construction, ±the secondary bump). */
  rhythmRatio: number;
  peakHour: number;
  /** Followers per view (median video); follows and unfollows per follower per day. */
  conversion: number;
  followers0: number;
  followInPerDay: number;
  followOutPerDay: number;
  /** Chance per 30 days of a follower purge (spam removal). */
  purgeChancePerMonth: number;
  likeRate: number;
  commentRate: number;
  shareRate: number;
  /** σ (ln units) and correlation time of each video's slow multiplicative intensity noise. */
  noiseSigma: number;
  noiseTauMs: number;
  /** Share of the time a video's counters are frozen (stalls of 35–100 minutes on young videos, then a catch-up). */
  frozenShare: number;
  /** Multiplier on every event probability. */
  eventPropensity: number;
  /** Where the account's job lands in each 30-minute slot, and its jitter amplitude. */
  slotOffsetMs: number;
  jitterMs: number;
  outagesPerDay: number;
  missChance: number;
}

export function makeCreator(seed: number, index: number): Creator {
  const r = new Rng(seed, index, 0xc7ea);
  const established = r.chance(0.3);
  const log10Reach = established ? 4.8 + 0.8 * r.normal() : 3 + 0.8 * r.normal();
  const reach = Math.pow(10, Math.min(6.5, Math.max(1, log10Reach)));

  // Rhythm: a von Mises bump around the peak hour over a floor chosen so that peak/trough hits a
  // drawn target ratio, plus (for some) a smaller second bump, e.g. a lunch-break peak.
  const targetRatio = r.logUniform(1.3, 4);
  const kappa = r.uniform(Math.max(0.5, Math.log(targetRatio) / 2 + 0.2), 4);
  const e = Math.exp(-2 * kappa);
  const floor = (1 / targetRatio - e) / (1 - e);
  const peakHour = r.uniform(0, 24);
  const second = r.chance(0.4) ? { hour: peakHour + r.uniform(-9, -4), weight: r.uniform(0.15, 0.4) } : undefined;
  const rhythm = new Float64Array(RHYTHM_BINS);
  let sum = 0;
  for (let i = 0; i < RHYTHM_BINS; i++) {
    const h = ((i + 0.5) * RHYTHM_BIN) / HOUR;
    let v = floor + (1 - floor) * Math.exp(kappa * (Math.cos((2 * Math.PI * (h - peakHour)) / 24) - 1));
    if (second) v += second.weight * Math.exp(2 * (Math.cos((2 * Math.PI * (h - second.hour)) / 24) - 1));
    rhythm[i] = v;
    sum += v;
  }
  const rhythmCumulative = new Float64Array(RHYTHM_BINS);
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < RHYTHM_BINS; i++) {
    const v = ((rhythm[i] as number) * RHYTHM_BINS) / sum;
    rhythm[i] = v;
    if (i + 1 < RHYTHM_BINS) rhythmCumulative[i + 1] = (rhythmCumulative[i] as number) + v * RHYTHM_BIN;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }

  const habitCount = 1 + Math.floor(r.next() * 3);
  const habits = Array.from({ length: habitCount }, () => ({
    hour: (peakHour - r.uniform(0, 5) + 24) % 24,
    weight: r.uniform(0.2, 1),
  }));
  const followers0 = Math.max(3, Math.round(reach * Math.exp(Math.log(3) + 1.1 * r.normal())));

  return {
    name: `pp${index}_${r.u32().toString(36)}`,
    reach,
    trendPerDay: (0.12 * r.normal()) / 30,
    qualitySigma: r.uniform(0.6, 1.2),
    breakoutChance: r.uniform(0.01, 0.05),
    evergreenChance: r.uniform(0.25, 0.8),
    postsPerDay: r.logUniform(0.2, 3),
    habits,
    postSpreadHours: r.uniform(0.3, 2),
    rhythm,
    rhythmCumulative,
    rhythmRatio: hi / lo,
    peakHour,
    conversion: r.logUniform(0.0015, 0.02),
    followers0,
    followInPerDay: r.logUniform(0.0001, 0.002),
    followOutPerDay: r.logUniform(0.0003, 0.002),
    purgeChancePerMonth: r.uniform(0, 0.5),
    likeRate: r.logUniform(0.03, 0.15),
    commentRate: r.logUniform(0.0008, 0.008),
    shareRate: r.logUniform(0.0005, 0.012),
    noiseSigma: r.uniform(0.05, 0.25),
    noiseTauMs: r.uniform(1, 4) * HOUR,
    frozenShare: r.uniform(0.03, 0.15),
    eventPropensity: r.logUniform(0.5, 2),
    slotOffsetMs: Math.round(r.uniform(2, 27) * MINUTE),
    jitterMs: r.uniform(1, 2) * MINUTE,
    outagesPerDay: r.logUniform(1, 5) / 30,
    missChance: r.logUniform(0.003, 0.02),
  };
}

/** ∫ rhythm from 0 to tMs (rhythm has mean 1, so a whole day adds DAY). */
function rhythmIntegral(c: Creator, tMs: number): number {
  const bin = Math.floor(tMs / RHYTHM_BIN);
  const day = Math.floor(bin / RHYTHM_BINS);
  const i = bin - day * RHYTHM_BINS;
  return day * DAY + (c.rhythmCumulative[i] as number) + (tMs - bin * RHYTHM_BIN) * (c.rhythm[i] as number);
}

/** Mean rhythm multiplier over [tMs, tMs + dtMs]. */
export function rhythmMean(c: Creator, tMs: number, dtMs: number): number {
  // Within a bin or two the midpoint value will do.
  if (dtMs <= 2 * RHYTHM_BIN) {
    // (no floating-point %: it is slow on epoch-sized numbers)
    const bin = Math.floor((tMs + dtMs / 2) / RHYTHM_BIN);
    return c.rhythm[bin - Math.floor(bin / RHYTHM_BINS) * RHYTHM_BINS] as number;
  }
  return (rhythmIntegral(c, tMs + dtMs) - rhythmIntegral(c, tMs)) / dtMs;
}

/**
 * Posts in [fromMs, toMs): per UTC day a Poisson count whose rate is itself lognormal
 * (bursty posting), each post near one of the creator's habit hours. Sorted.
 */
export interface Post {
  t: number;
  /** The UTC day whose draw made it and its rank there: the name of its random stream. */
  day: number;
  k: number;
}

export function postTimes(c: Creator, seed: number, index: number, fromMs: number, toMs: number): Post[] {
  const r = new Rng(seed, index, 0x9057);
  const totalWeight = c.habits.reduce((s, h) => s + h.weight, 0);
  const out: Post[] = [];
  for (let day = Math.floor(fromMs / DAY); day <= Math.floor(toMs / DAY); day++) {
    const n = r.poisson(c.postsPerDay * Math.exp(0.5 * r.normal() - 0.125));
    for (let k = 0; k < n; k++) {
      let pick = r.next() * totalWeight;
      let habit = c.habits[0] as { hour: number };
      for (const h of c.habits) {
        habit = h;
        pick -= h.weight;
        if (pick < 0) break;
      }
      // Whole seconds, as TikTok's create_time.
      const t = Math.round((day * DAY + (habit.hour + c.postSpreadHours * r.normal()) * HOUR) / 1000) * 1000;
      if (t >= fromMs && t < toMs) out.push({ t, day, k });
    }
  }
  return out.sort((a, b) => a.t - b.t || a.k - b.k);
}
