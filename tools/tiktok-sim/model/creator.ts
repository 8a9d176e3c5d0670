/**
 * A creator's hidden parameters, drawn from (world seed, creator index). Ranges are chosen to
 * span what the market survey describes: from a few hundred views per post to millions, posting
 * a few times a week to twice a day.
 */
import { chance, hash, logUniform, mix32, normal, Tag, uniform } from "./hash.ts";
import { DAY_MS, HOUR_MS } from "./time.ts";

export interface CreatorParams {
  index: number;
  /** Root hash of every draw about this creator. */
  key: number;
  /** Median views per video at momentum 1 (before breakouts). */
  medianViews: number;
  /** σ of ln(views per video) within the creator. */
  viewSpread: number;
  postsPerDay: number;
  /** e^−postsPerDay, the Poisson draw's first term (hoisted: it is needed for every day). */
  expMinusPostsPerDay: number;
  /** Preferred posting time of day (UTC), ms after midnight. */
  postHourMs: number;
  /** Typical age at which a video has half its eventual views. */
  halfLifeMs: number;
  /** Typical log-logistic shape: larger = sharper early peak. */
  shape: number;
  /** Followers gained per view in steady state. */
  conversion: number;
  /** Followers gained per extra view of a viral burst. */
  viralConversion: number;
  baseFollowers: number;
  followerDriftPerDay: number;
  /** Audience day/night swing of view velocity (0.1 = ±10%) and the time of day it peaks. */
  diurnalAmplitude: number;
  diurnalPhaseMs: number;
  /** Trend of ln(momentum) per year; momentum scales every new video's views. */
  growthPerYear: number;
  likeRate: number;
  commentRate: number;
  shareRate: number;
  baseLikes: number;
  baseFollowing: number;
  followingPerDay: number;
  isVerified: boolean;
  niche: number;
  /** Content effects planted for the growth coach to find (see `plantedEffects`). */
  planted: PlantedEffects;
}

/**
 * What makes this creator's videos do better or worse, for the growth coach and its backtest to
 * find: a three-hour UTC posting window (around the creator's usual hour) whose posts get more
 * views, and videos of 60 s or more doing better or worse than the rest. Each is planted in about
 * two creators of three, independently, with ln(effect) between 0.35 and 0.8 (×1.4 to ×2.2); the
 * rest have none, so a backtest also sees creators where "no difference" is the right answer.
 */
export interface PlantedEffects {
  /** Posts created in [fromHour, fromHour + 3) UTC get views × e^log. */
  window: { fromHour: number; log: number } | null;
  /** Videos of `minSeconds` or more get views × e^log (log may be negative). */
  long: { minSeconds: number; log: number } | null;
}

export const PLANT_SHARE = 0.65;
export const PLANT_WINDOW_HOURS = 3;
export const PLANT_LONG_SECONDS = 60;

function plantedEffects(key: number, postHourMs: number): PlantedEffects {
  const w = mix32(key ^ Math.imul(Tag.creatorPlantWindow, 0x27d4eb2d));
  const l = mix32(key ^ Math.imul(Tag.creatorPlantLength, 0x27d4eb2d));
  const usual = Math.floor(postHourMs / HOUR_MS / PLANT_WINDOW_HOURS) * PLANT_WINDOW_HOURS;
  // where the creator posts often enough for the effect to be seen: their usual block or a neighbour
  const fromHour = (usual + PLANT_WINDOW_HOURS * ((mix32(w ^ 1) % 3) - 1) + 24) % 24;
  return {
    window: chance(w, PLANT_SHARE) ? { fromHour, log: uniform(mix32(w ^ 2), 0.35, 0.8) } : null,
    long: chance(l, PLANT_SHARE)
      ? { minSeconds: PLANT_LONG_SECONDS, log: (chance(mix32(l ^ 3), 0.5) ? 1 : -1) * uniform(mix32(l ^ 2), 0.35, 0.8) }
      : null,
  };
}

export function creatorParams(seed: number, index: number): CreatorParams {
  const key = hash(seed, index, 0x51ed);
  const draw = (tag: number) => mix32(key ^ Math.imul(tag, 0x27d4eb2d));
  const medianViews = clamp(Math.exp(Math.log(3000) + 1.4 * normal(draw(Tag.creatorScale))), 30, 3e6);
  const conversion = logUniform(draw(Tag.creatorConversion), 0.002, 0.015);
  const baseFollowers = Math.round(medianViews * Math.exp(Math.log(3) + normal(draw(Tag.creatorFollowers))));
  const postsPerDay = logUniform(draw(Tag.creatorRate), 0.3, 2);
  const postHourMs = uniform(draw(Tag.creatorHour), 0, DAY_MS);
  return {
    index,
    key,
    medianViews,
    viewSpread: uniform(draw(Tag.creatorSpread), 0.5, 1.0),
    postsPerDay,
    expMinusPostsPerDay: Math.exp(-postsPerDay),
    postHourMs,
    halfLifeMs: logUniform(draw(Tag.creatorHalfLife), 6, 30) * HOUR_MS,
    shape: uniform(draw(Tag.creatorShape), 1.2, 1.7),
    conversion,
    viralConversion: conversion * logUniform(draw(Tag.creatorViralConversion), 1, 3),
    baseFollowers,
    followerDriftPerDay: baseFollowers * uniform(draw(Tag.creatorDrift), 0, 0.0005),
    diurnalAmplitude: uniform(draw(Tag.creatorDiurnalAmp), 0.1, 0.35),
    diurnalPhaseMs: uniform(draw(Tag.creatorDiurnalPhase), 0, DAY_MS),
    growthPerYear: 0.5 * normal(draw(Tag.creatorGrowth)),
    likeRate: logUniform(draw(Tag.creatorLikes), 0.03, 0.12),
    commentRate: logUniform(draw(Tag.creatorLikes + 100), 0.002, 0.01),
    shareRate: logUniform(draw(Tag.creatorLikes + 200), 0.001, 0.008),
    baseLikes: Math.round(baseFollowers * logUniform(draw(Tag.creatorLikes + 300), 2, 20)),
    baseFollowing: Math.round(logUniform(draw(Tag.creatorFollowing), 5, 900)),
    followingPerDay: uniform(draw(Tag.creatorFollowing + 100), 0, 0.3),
    isVerified: chance(draw(Tag.creatorVerified), medianViews > 200_000 ? 0.3 : 0.01),
    niche: draw(Tag.creatorNiche),
    planted: plantedEffects(key, postHourMs),
  };
}

/** Mean views per video at momentum 1 (lognormal mean), what steady follower growth is driven by. */
export function meanViews(c: CreatorParams): number {
  return c.medianViews * Math.exp((c.viewSpread * c.viewSpread) / 2);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
