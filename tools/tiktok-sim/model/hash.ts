/**
 * Deterministic randomness without state: every draw is a hash of integers (world seed, creator,
 * day, video, slot, tag), so any number can be recomputed at any time in any order.
 */

import { poissonByInversion } from "../../poisson.ts";

/** A 32-bit integer finaliser (lowbias32 by Chris Wellons): good avalanche, a few multiplies. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hash of up to four integers (each taken modulo 2^32). Fixed arity rather than rest arguments:
 * this runs millions of times per account scan and must not allocate.
 */
export function hash(a: number, b: number, c = 0, d = 0): number {
  const h = mix32((a + Math.imul(b | 0, 0x9e3779b1)) | 0);
  return mix32((h + Math.imul(c | 0, 0x85ebca6b) + Math.imul(d | 0, 0xc2b2ae35)) | 0);
}

/** True with probability p, from 16 bits of a hash (enough resolution for the rates used here). */
export function chance16(bits16: number, p: number): boolean {
  return (bits16 & 0xffff) < p * 65536;
}

/** Uniform in [0, 1) from a 32-bit hash. */
export function unit(h: number): number {
  return (h >>> 0) / 4294967296;
}

/** Uniform in (0, 1]: safe under a logarithm. */
function unitOpen(h: number): number {
  return ((h >>> 0) + 1) / 4294967296;
}

/** Uniform in [lo, hi). */
export function uniform(h: number, lo: number, hi: number): number {
  return lo + (hi - lo) * unit(h);
}

/** Log-uniform in [lo, hi): scale parameters that span orders of magnitude. */
export function logUniform(h: number, lo: number, hi: number): number {
  return lo * Math.pow(hi / lo, unit(h));
}

/** Standard normal (Box–Muller) from one hash, split into two independent uniforms by rehashing. */
export function normal(h: number): number {
  const u1 = unitOpen(h);
  const u2 = unit(mix32(h ^ 0x5bd1e995));
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** True with probability p. */
export function chance(h: number, p: number): boolean {
  return unit(h) < p;
}

/** Poisson draw by inversion: exact and cheap for the small means used here (≤ ~10). Pass e^−mean if known. */
export function poisson(h: number, mean: number, expMinusMean = Math.exp(-mean)): number {
  return poissonByInversion(unit(h), mean, 1000, expMinusMean);
}

/** Tags keep the draws of one entity independent of each other. */
export const Tag = {
  creatorScale: 1,
  creatorSpread: 2,
  creatorRate: 3,
  creatorHour: 4,
  creatorHalfLife: 5,
  creatorShape: 6,
  creatorConversion: 7,
  creatorFollowers: 8,
  creatorDrift: 9,
  creatorDiurnalAmp: 10,
  creatorDiurnalPhase: 11,
  creatorGrowth: 12,
  creatorLikes: 13,
  creatorFollowing: 14,
  creatorVerified: 15,
  creatorNiche: 16,
  creatorViralConversion: 18,
  creatorPlantWindow: 19,
  creatorPlantLength: 20,
  postCount: 21,
  postTime: 22,
  postId: 23,
  videoKey: 24,
} as const;

/** Tags for draws of one video (hashed with its video key). */
export const VideoTag = {
  views: 1,
  halfLife: 2,
  shape: 3,
  flagsA: 4,
  breakoutSize: 5,
  likeRate: 6,
  commentRate: 7,
  shareRate: 8,
  spikeAge: 10,
  spikeSize: 11,
  spikeHalfLife: 12,
  resurfaceAge: 14,
  resurfaceSize: 15,
  resurfaceHalfLife: 16,
  dropAge: 18,
  dropFactor: 19,
  dipAge: 21,
  dipSize: 22,
  vanishAge: 24,
  duration: 25,
  jitterViews: 28,
  jitterLikes: 29,
  jitterComments: 30,
  jitterShares: 31,
  flagsB: 32,
  flagsC: 33,
  spikeLift: 34,
} as const;
