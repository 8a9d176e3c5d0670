/**
 * One video's hidden parameters and its counters as closed-form functions of time.
 *
 * views(t) = total·curve(age) [velocity suppressed by a drop after its start]
 *          + Σ bursts: extra·curve_b(t − burst start)          (spikes and resurfacing)
 *          − a small dip from its time on (spam removal)        (the only way a counter falls)
 * sampled with per-slot jitter; likes/comments/shares follow views at per-video rates with their
 * own jitter. Ages run on the creator's activity clock (faster while the audience is awake).
 */
import { PLANT_WINDOW_HOURS, type CreatorParams } from "./creator.ts";
import { activityClock, jittered, logLogistic, logLogisticAge } from "./curves.ts";
import { chance16, logUniform, mix32, normal, VideoTag } from "./hash.ts";
import { momentum } from "./momentum.ts";
import type { Post } from "./posts.ts";
import { HOUR_MS } from "./time.ts";
import type { InjectedEvent, VideoCounters } from "./types.ts";

/** Per-video probabilities of each injected behaviour. */
export const RATES = { breakout: 0.03, spike: 0.05, resurface: 0.025, drop: 0.04, dip: 0.05, vanish: 0.04 } as const;
/** A burst or breakout adding at least this many times the creator's median views is viral: it moves followers. */
export const VIRAL_MULTIPLE = 3;
/** Share of each slot's increment that jitter may move (≤ 1 keeps counters non-decreasing). */
const JITTER = 0.7;
/** Burst shape: rises faster than an organic curve. */
const BURST_SHAPE = 2.5;
/** How long a drop counts as "happening" for the truth (its effect is permanent). */
const DROP_VISIBLE_MS = 12 * HOUR_MS;

/** Extra views arriving along a log-logistic curve from `startMs` (a burst, or a breakout's excess). */
export interface Wave {
  startMs: number;
  /** Activity-clock time at start. */
  tauStart: number;
  extraViews: number;
  halfMs: number;
  shape: number;
}

export interface Burst extends Wave {
  resurfacing: boolean;
}

/** The part of a video's parameters that decides whether it can go viral (cheap to draw). */
export interface VideoCore {
  post: Post;
  /** Views of an ordinary post with the same draw. */
  organicViews: number;
  /** Eventual organic views (breakout included, drop and bursts excluded). */
  totalViews: number;
  breakout: boolean;
  halfMs: number;
  shape: number;
  tauCreated: number;
  bursts: Burst[];
}

export interface VideoParams extends VideoCore {
  creator: CreatorParams;
  likeRate: number;
  commentRate: number;
  shareRate: number;
  drop?: { startMs: number; factor: number; shareAtStart: number };
  dip?: { tMs: number; fraction: number; smoothViews: number };
  unavailableFromMs?: number;
}

function draw(key: number, tag: number): number {
  return mix32(key ^ Math.imul(tag, 0x27d4eb2d));
}

/**
 * Whether each behaviour happens, from two hashes of 2×16 bits (one per flag pair): the account
 * scan tests these for every post, so they must be cheap.
 */
const flag = {
  breakout: (key: number) => chance16(draw(key, VideoTag.flagsA), RATES.breakout),
  spike: (key: number) => chance16(draw(key, VideoTag.flagsA) >>> 16, RATES.spike),
  resurface: (key: number) => chance16(draw(key, VideoTag.flagsB), RATES.resurface),
  vanish: (key: number) => chance16(draw(key, VideoTag.flagsB) >>> 16, RATES.vanish),
  drop: (key: number) => chance16(draw(key, VideoTag.flagsC), RATES.drop),
  dip: (key: number) => chance16(draw(key, VideoTag.flagsC) >>> 16, RATES.dip),
};

function tauOf(c: CreatorParams, tMs: number): number {
  return activityClock(tMs, c.diurnalAmplitude, c.diurnalPhaseMs);
}

/** Cheap test on a post's key: can this video drive a follower jump? Most cannot. */
export function mayGoViral(key: number): boolean {
  return flag.breakout(key) || flag.spike(key) || flag.resurface(key);
}

/** Whether the video ever goes private or is deleted (cheap, from the key). */
export function mayVanish(key: number): boolean {
  return flag.vanish(key);
}

/** When the video goes private or is deleted, if it ever does. */
export function unavailableFromMs(post: Post): number | undefined {
  if (!mayVanish(post.key)) return undefined;
  return Math.round(post.createdMs + logUniform(draw(post.key, VideoTag.vanishAge), 1, 60 * 24) * HOUR_MS);
}

/**
 * Bursts: the algorithm pushing a video to a new batch of viewers. A fresh spike adds at least
 * `size` × the organic views and lifts velocity to at least `lift` × what it was at the start (so
 * every injected spike is one a creator would call a spike); a resurfacing old video adds `size` ×
 * its organic views, which dwarfs its near-zero velocity by then.
 */
const SPIKE = {
  age: [6, 96],
  size: [0.3, 3],
  lift: [2.5, 6],
  half: [2, 12],
  tags: [VideoTag.spikeAge, VideoTag.spikeSize, VideoTag.spikeHalfLife],
} as const;
const RESURFACE = {
  age: [7 * 24, 60 * 24],
  size: [0.3, 3],
  lift: [1, 1],
  half: [6, 36],
  tags: [VideoTag.resurfaceAge, VideoTag.resurfaceSize, VideoTag.resurfaceHalfLife],
} as const;
type BurstKind = typeof SPIKE | typeof RESURFACE;
/** Peak of the burst curve's density, in units of 1 / half-time (log-logistic, shape 2.5). */
const BURST_PEAK_DENSITY = 0.737;

/** ln(organic views / (median × momentum)): the video's own luck. */
function luck(c: CreatorParams, key: number): number {
  return c.viewSpread * normal(draw(key, VideoTag.views));
}

/** Video length in seconds, from the post's key: mostly short, a few long ones. */
export function durationSecOfPost(post: Post): number {
  return Math.round(logUniform(draw(post.key, VideoTag.duration), 7, 180));
}

/** ln(views factor) the creator's planted effects give this post (posting window, length). */
export function plantedLog(c: CreatorParams, post: Post): number {
  let log = 0;
  const w = c.planted.window;
  if (w) {
    const hour = Math.floor((((post.createdMs % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS);
    if ((hour - w.fromHour + 24) % 24 < PLANT_WINDOW_HOURS) log += w.log;
  }
  const l = c.planted.long;
  if (l && durationSecOfPost(post) >= l.minSeconds) log += l.log;
  return log;
}

/** The video's own luck plus its planted effects. */
function fortune(c: CreatorParams, post: Post): number {
  return luck(c, post.key) + plantedLog(c, post);
}

function breakoutFactor(key: number): number {
  return flag.breakout(key) ? logUniform(draw(key, VideoTag.breakoutSize), 5, 40) : 1;
}

function burstSize(key: number, kind: BurstKind): number {
  return logUniform(draw(key, kind.tags[1]), kind.size[0], kind.size[1]);
}

/**
 * Exact test, without momentum: a wave is viral when its drawn size × organic views ≥
 * VIRAL_MULTIPLE × median × momentum, and organic views are median × momentum × e^luck, so
 * momentum cancels out.
 */
export function canGoViral(c: CreatorParams, post: Post): boolean {
  const key = post.key;
  const organic = Math.exp(fortune(c, post));
  if (organic * (breakoutFactor(key) - 1) >= VIRAL_MULTIPLE) return true;
  if (flag.spike(key) && organic * burstSize(key, SPIKE) >= VIRAL_MULTIPLE) return true;
  return flag.resurface(key) && organic * burstSize(key, RESURFACE) >= VIRAL_MULTIPLE;
}

export function videoCore(c: CreatorParams, post: Post, originMs: number): VideoCore {
  const key = post.key;
  const organicViews = c.medianViews * momentum(c, post.createdMs, originMs) * Math.exp(fortune(c, post));
  const totalViews = organicViews * breakoutFactor(key);
  const core: VideoCore = {
    post,
    organicViews,
    totalViews,
    breakout: totalViews > organicViews,
    halfMs: c.halfLifeMs * Math.exp(0.35 * normal(draw(key, VideoTag.halfLife))),
    shape: Math.min(2.2, Math.max(1.05, c.shape + 0.15 * normal(draw(key, VideoTag.shape)))),
    tauCreated: tauOf(c, post.createdMs),
    bursts: [],
  };
  if (flag.spike(key)) core.bursts.push(burst(c, core, SPIKE));
  if (flag.resurface(key)) core.bursts.push(burst(c, core, RESURFACE));
  return core;
}

function burst(c: CreatorParams, v: VideoCore, kind: BurstKind): Burst {
  const key = v.post.key;
  const startMs = Math.round(
    v.post.createdMs + logUniform(draw(key, kind.tags[0]), kind.age[0], kind.age[1]) * HOUR_MS,
  );
  const tauStart = tauOf(c, startMs);
  const halfMs = logUniform(draw(key, kind.tags[2]), kind.half[0], kind.half[1]) * HOUR_MS;
  const lift = logUniform(draw(key, VideoTag.spikeLift), kind.lift[0], kind.lift[1]);
  const age = tauStart - v.tauCreated;
  const organicVelocity =
    (v.totalViews * (logLogistic(age + HOUR_MS, v.halfMs, v.shape) - logLogistic(age - HOUR_MS, v.halfMs, v.shape))) /
    (2 * HOUR_MS);
  const extraViews = Math.max(
    v.organicViews * burstSize(key, kind),
    ((lift - 1) * organicVelocity * halfMs) / BURST_PEAK_DENSITY,
  );
  return { startMs, tauStart, extraViews, halfMs, shape: BURST_SHAPE, resurfacing: kind === RESURFACE };
}

export function videoParams(c: CreatorParams, post: Post, originMs: number): VideoParams {
  const core = videoCore(c, post, originMs);
  const key = post.key;
  const params: VideoParams = {
    ...core,
    creator: c,
    likeRate: Math.min(0.4, c.likeRate * Math.exp(0.3 * normal(draw(key, VideoTag.likeRate)))),
    commentRate: Math.min(0.05, c.commentRate * Math.exp(0.4 * normal(draw(key, VideoTag.commentRate)))),
    shareRate: Math.min(0.05, c.shareRate * Math.exp(0.4 * normal(draw(key, VideoTag.shareRate)))),
  };
  if (flag.drop(key)) {
    const startMs = Math.round(post.createdMs + logUniform(draw(key, VideoTag.dropAge), 3, 48) * HOUR_MS);
    const shareAtStart = logLogistic(tauOf(c, startMs) - core.tauCreated, core.halfMs, core.shape);
    params.drop = { startMs, factor: logUniform(draw(key, VideoTag.dropFactor), 0.03, 0.25), shareAtStart };
  }
  const unavailable = unavailableFromMs(post);
  if (unavailable !== undefined) params.unavailableFromMs = unavailable;
  if (flag.dip(key)) {
    const tMs = Math.round(post.createdMs + logUniform(draw(key, VideoTag.dipAge), 2, 30 * 24) * HOUR_MS);
    params.dip = {
      tMs,
      fraction: logUniform(draw(key, VideoTag.dipSize), 0.005, 0.04),
      smoothViews: smoothViews(params, tMs),
    };
  }
  return params;
}

/** Share of a wave delivered by tau (activity-clock time). */
export function waveShare(w: Wave, tMs: number, tau: number): number {
  return tMs > w.startMs ? logLogistic(tau - w.tauStart, w.halfMs, w.shape) : 0;
}

/** Views without noise or dip: the curve the counter follows. */
export function smoothViews(v: VideoParams, tMs: number): number {
  if (!(tMs > v.post.createdMs)) return 0;
  const tau = tauOf(v.creator, tMs);
  let share = logLogistic(tau - v.tauCreated, v.halfMs, v.shape);
  if (v.drop && tMs > v.drop.startMs) share = v.drop.shareAtStart + v.drop.factor * (share - v.drop.shareAtStart);
  let views = v.totalViews * share;
  for (const b of v.bursts) views += b.extraViews * waveShare(b, tMs, tau);
  return views;
}

/** The counters the API shows at tMs (call only while the video is public). */
export function countersAt(v: VideoParams, tMs: number): VideoCounters {
  const smooth = (t: number) => smoothViews(v, t);
  const dipViews = v.dip && tMs >= v.dip.tMs ? v.dip.fraction * v.dip.smoothViews : 0;
  const metric = (tag: number, rate: number) =>
    Math.max(0, Math.floor(rate * (jittered(tMs, draw(v.post.key, tag), JITTER, smooth) - dipViews) + 1e-9));
  return {
    viewCount: metric(VideoTag.jitterViews, 1),
    likeCount: metric(VideoTag.jitterLikes, v.likeRate),
    commentCount: metric(VideoTag.jitterComments, v.commentRate),
    shareCount: metric(VideoTag.jitterShares, v.shareRate),
  };
}

export function isPublicAt(v: { post: Post; unavailableFromMs?: number }, tMs: number): boolean {
  return v.post.createdMs <= tMs && (v.unavailableFromMs === undefined || tMs < v.unavailableFromMs);
}

/** A viral wave of views and the followers it brings along the same curve. */
export interface ViralWave extends Wave {
  followers: number;
}

/** Bursts and breakouts big enough to move followers (see `canGoViral` for the rule). */
export function viralWaves(c: CreatorParams, v: VideoCore): ViralWave[] {
  const key = v.post.key;
  const organic = Math.exp(fortune(c, v.post));
  const waves: ViralWave[] = [];
  const breakoutExtra = v.totalViews - v.organicViews;
  if (organic * (breakoutFactor(key) - 1) >= VIRAL_MULTIPLE) {
    waves.push({
      startMs: v.post.createdMs,
      tauStart: v.tauCreated,
      extraViews: breakoutExtra,
      halfMs: v.halfMs,
      shape: v.shape,
      followers: c.viralConversion * breakoutExtra,
    });
  }
  for (const b of v.bursts) {
    if (organic * burstSize(key, b.resurfacing ? RESURFACE : SPIKE) >= VIRAL_MULTIPLE)
      waves.push({ ...b, followers: c.viralConversion * b.extraViews });
  }
  return waves;
}

/** The spikes and drops injected into this video, as the backtest's truth. */
export function injectedEvents(v: VideoParams): InjectedEvent[] {
  const events: InjectedEvent[] = v.bursts.map((b) => ({
    start: b.startMs,
    end: b.startMs + Math.round(logLogisticAge(0.8, b.halfMs, b.shape)),
    kind: "spike",
    resurfacing: b.resurfacing,
    extraViews: Math.round(b.extraViews),
  }));
  if (v.drop) events.push({ start: v.drop.startMs, end: v.drop.startMs + DROP_VISIBLE_MS, kind: "drop" });
  return events.sort((a, b) => a.start - b.start);
}

/** Video length in seconds: mostly short, a few long ones. */
export function durationSecOf(v: VideoParams): number {
  return durationSecOfPost(v.post);
}
