/**
 * One video of world B, simulated forward in time: the platform's distribution waves, the
 * audience pool or the evergreen tail, injected pushes and throttles, overdispersed noise, and
 * the likes, comments, shares and follows that ride on the views. Also decides which injected
 * events are labelled (the rules are in ../cohort-waves.ts).
 */
import { activityIntegral, BIN_MS, DAY_MS, FOLLOW_BIN_MS, HOUR_MS, MINUTE_MS, Stream, weekendLift } from "./creator.ts";
import type { Creator, Post } from "./creator.ts";
import { keyOf, mix32, normalCdf, Rng } from "./random.ts";

/** An organic distribution wave: `size` views delivered along an Erlang(k, θ) time profile. */
interface Wave {
  startMs: number;
  size: number;
  k: number;
  thetaMs: number;
  /** Follow-through multiplier (the first, test wave reaches mostly existing followers). */
  follow: number;
}

/** An injected push (a new cohort, a trend catching on, an old video resurfacing): log-normal time profile. */
interface Push {
  startMs: number;
  /** Size as a multiple of the views the video has when it starts. */
  factor: number;
  medianMs: number;
  sigma: number;
  follow: number;
}

interface Window {
  startMs: number;
  endMs: number;
  factor: number;
}

export interface LabelledEvent {
  start: number;
  end: number;
  kind: "spike" | "drop";
  resurfacing?: boolean;
}

export interface SimVideo {
  post: Post;
  /** When Adam first sees the video in the creator's list (10–55 min after posting). */
  discoverMs: number;
  unavailableFrom?: number;
  /** Simulated until here (the horizon, or when the video went away). */
  endMs: number;
  /** Step boundaries and the true cumulative counters at each. */
  times: Float64Array;
  views: Float64Array;
  likes: Float64Array;
  comments: Float64Array;
  shares: Float64Array;
  events: LabelledEvent[];
  /** Expected follows brought by each organic wave (in order) and by each push. */
  launch: { startMs: number; followers: number }[];
  pushes: { startMs: number; followers: number }[];
}

export interface SimContext {
  horizonMs: number;
  /** The observed window: videos posted by toMs run on fine steps until 8 days after it. */
  fromMs: number;
  toMs: number;
  fromBin: number;
  /** Difference array of expected follows per 30-minute follower bin from fromBin (for the account). */
  followsDiff: Float64Array;
}

const SPIKE_RATIO = 2.5;
const SPIKE_MIN_RUN_MS = 2 * HOUR_MS;
const EVENT_MIN_VIEWS = 100;

function erlangCdf(x: number, k: number): number {
  if (!(x > 0)) return 0;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < k; n++) {
    term *= x / n;
    sum += term;
  }
  return 1 - Math.exp(-x) * sum;
}

function logNormalCdf(ageMs: number, medianMs: number, sigma: number): number {
  return ageMs > 0 ? normalCdf(Math.log(ageMs / medianMs) / sigma) : 0;
}

function overlap(w: Window | undefined, t0: number, t1: number): number {
  if (!w) return 0;
  return Math.max(0, Math.min(t1, w.endMs) - Math.max(t0, w.startMs)) / (t1 - t0);
}

/**
 * Simulation steps, on the UTC grid. Observed stretches (from fromMs while the video is public,
 * until toMs, its 7th day, or the end of an event that began by toMs): 10 min for the first 6 h,
 * 30 min to 72 h (one per snapshot), 2 h to 7 d, then 6 h (2 h while a push or a throttle is near).
 * Elsewhere (history before the window, follower truth after it), counts are drawn Poisson on
 * coarse steps: 3 h to 72 h, 1 day to 14 d, then 7 days.
 */
function stepMs(ageMs: number, observed: boolean): number {
  if (!observed) return ageMs < 72 * HOUR_MS ? 3 * HOUR_MS : ageMs < 14 * DAY_MS ? DAY_MS : 7 * DAY_MS;
  if (ageMs < 6 * HOUR_MS) return BIN_MS;
  if (ageMs < 72 * HOUR_MS) return 30 * MINUTE_MS;
  return ageMs < 168 * HOUR_MS ? 2 * HOUR_MS : 6 * HOUR_MS;
}

function draw(r: Rng, mean: number, k: number): number {
  return k === Infinity ? r.poisson(mean) : r.negBin(mean, k);
}

/** Whether a push that started by `startedBy` is still delivering. */
function pushRunning(pushes: PushState[], startedBy: number): boolean {
  for (const p of pushes) if (p.size > 0 && !p.done && p.plan.startMs <= startedBy) return true;
  return false;
}

/** Whether a push is delivering or starts before `beforeMs`. */
function pushNear(pushes: PushState[], beforeMs: number): boolean {
  for (const p of pushes) if (!p.done && p.plan.startMs < beforeMs) return true;
  return false;
}

/** A growable column of numbers. */
class Column {
  data = new Float64Array(256);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
  done(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

function nextBoundary(t: number, step: number): number {
  return (Math.floor(t / step) + 1) * step;
}

interface PushState {
  plan: Push;
  size: number;
  viewsAtStart: number;
  done: boolean;
  followers: number;
  /** Per step while it runs: [t0, t1, expected views of the push, expected views of everything else]. */
  steps: number[];
}

export function simulateVideo(c: Creator, post: Post, ctx: SimContext): SimVideo {
  const r = new Rng(keyOf(post.key, Stream.video));
  const created = post.createdMs;

  // The organic ladder: a test wave, then bigger pushes while the video performs, all in its first day.
  const quality = r.normal();
  const waves: Wave[] = [];
  let size = c.reach * Math.exp(0.6 * r.normal());
  let k = 1 + r.int(3);
  let meanMs = r.uniform(1, 4) * HOUR_MS;
  let start = created;
  waves.push({ startMs: start, size, k, thetaMs: meanMs / k, follow: 0.35 });
  for (let i = 0; i < 5; i++) {
    const p = 1 / (1 + Math.exp(-(c.hitBias + 1.2 * quality - 0.5 * i)));
    if (!r.chance(p)) break;
    start += meanMs * r.uniform(0.6, 1.2) + r.uniform(0.2, 1.5) * HOUR_MS;
    if (start - created > 24 * HOUR_MS) break;
    size *= Math.exp(Math.log(3.5) + 0.5 * r.normal());
    meanMs *= r.uniform(1.2, 2);
    k = 2 + r.int(2); // a push ramps up (Erlang 2–3), it does not switch on at full speed
    waves.push({ startMs: start, size, k, thetaMs: meanMs / k, follow: 1 });
  }
  const organic = waves.reduce((s, w) => s + w.size, 0);

  // Evergreen (a big power-law tail, no pool) or saturating (finite pool, Bass imitation), the
  // latter with only a trickle from outside its pool (profile visits, shares resurfacing), so
  // that even a saturated video is never frozen for good.
  const evergreen = r.chance(c.evergreenShare);
  const tail = evergreen
    ? { total: organic * r.logUniform(0.15, 1.2), alpha: r.uniform(1.15, 1.7), tauMs: r.logUniform(2, 24) * HOUR_MS }
    : { total: organic * r.logUniform(0.01, 0.06), alpha: r.uniform(1.2, 1.6), tauMs: 6 * HOUR_MS };
  let poolSize = evergreen ? Infinity : organic * r.uniform(1.1, 1.8);
  const bassPerHour = evergreen ? 0 : r.logUniform(0.008, 0.05);

  const pushes: PushState[] = [];
  const addPush = (minAge: number, maxAge: number, factor: [number, number], median: [number, number]) =>
    pushes.push({
      plan: {
        startMs: Math.round(created + r.logUniform(minAge, maxAge)),
        factor: r.logUniform(factor[0], factor[1]),
        medianMs: r.logUniform(median[0], median[1]) * HOUR_MS,
        sigma: r.uniform(0.4, 0.9),
        follow: r.uniform(0.8, 2.5),
      },
      size: 0,
      viewsAtStart: 0,
      done: false,
      followers: 0,
      steps: [],
    });
  if (r.chance(0.07)) addPush(DAY_MS, 7 * DAY_MS, [0.03, 3], [3, 18]);
  if (r.chance(0.06)) addPush(7 * DAY_MS, 60 * DAY_MS, [0.05, 4], [4, 24]);

  const window = (minAge: number, maxAge: number, hours: [number, number], factor: number): Window => {
    const startMs = Math.round(created + r.logUniform(minAge, maxAge));
    return { startMs, endMs: startMs + Math.round(r.uniform(hours[0], hours[1]) * HOUR_MS), factor };
  };
  const throttle = r.chance(0.06) ? window(3 * HOUR_MS, 10 * DAY_MS, [6, 24], r.logUniform(0.05, 0.3)) : undefined;
  const wobble = r.chance(0.1) ? window(2 * HOUR_MS, 10 * DAY_MS, [1, 5], r.uniform(0.45, 0.8)) : undefined;
  const unavailableFrom = r.chance(0.03) ? Math.round(created + r.logUniform(0.5 * HOUR_MS, 45 * DAY_MS)) : undefined;
  const dip = r.chance(0.04)
    ? {
        tMs: created + r.logUniform(2 * HOUR_MS, 20 * DAY_MS),
        views: r.logUniform(0.005, 0.03),
        likes: r.uniform(0.01, 0.05),
      }
    : undefined;
  const discoverMs = created + Math.round(r.uniform(10, 55) * MINUTE_MS);
  const likeRate = Math.min(0.3, c.likeRate * Math.exp(0.3 * r.normal()));
  const likeTauMs = r.logUniform(3, 24) * HOUR_MS;
  const commentRate = c.commentRate * Math.exp(0.4 * r.normal());
  const shareRate = c.shareRate * Math.exp(0.4 * r.normal());

  // Forward simulation.
  const noise = new Rng(keyOf(post.key, Stream.videoNoise));
  const endMs = Math.min(ctx.horizonMs, unavailableFrom ?? Infinity);
  const [times, views, likes, comments, shares] = [
    new Column(),
    new Column(),
    new Column(),
    new Column(),
    new Column(),
  ];
  times.push(created);
  for (const column of [views, likes, comments, shares]) column.push(0);
  const waveDone = new Uint8Array(waves.length);
  const waveCdf = new Float64Array(waves.length);
  const waveFollows = new Float64Array(waves.length);
  const pushMu = new Float64Array(pushes.length);
  const tailCdf = (age: number) => 1 - Math.pow(1 + Math.max(0, age) / tail.tauMs, 1 - tail.alpha);
  let tailPrev = 0;
  let counterfactual = 0;
  let C = 0;
  let L = 0;
  let Cm = 0;
  let Sh = 0;
  let t = created;
  let activity0 = activityIntegral(c, t);
  while (t < endMs) {
    const age = t - created;
    const observed =
      t >= ctx.fromMs &&
      created <= ctx.toMs &&
      (t < ctx.toMs ||
        age < 168 * HOUR_MS + 6 * HOUR_MS ||
        pushRunning(pushes, ctx.toMs) ||
        (throttle !== undefined && throttle.startMs <= ctx.toMs && t < throttle.endMs));
    let t1 = nextBoundary(t, stepMs(age, observed));
    if (t < ctx.fromMs) t1 = Math.min(t1, ctx.fromMs);
    if (observed && age >= 168 * HOUR_MS) {
      const busy = pushNear(pushes, t1) || overlap(throttle, t, t1) > 0 || overlap(wobble, t, t1) > 0;
      if (busy) t1 = nextBoundary(t, 2 * HOUR_MS);
    }
    t1 = Math.min(t1, endMs);
    const thr = 1 - (1 - (throttle?.factor ?? 1)) * overlap(throttle, t, t1);
    const wob = 1 - (1 - (wobble?.factor ?? 1)) * overlap(wobble, t, t1);
    const pool = Math.max(0, 1 - C / poolSize);
    const activity1 = activityIntegral(c, t1);
    const lift = t1 - t > DAY_MS ? (5 + 2 * c.weekend) / 7 : weekendLift(c, t);
    const act = (lift * (activity1 - activity0) * BIN_MS) / (t1 - t);
    activity0 = activity1;
    const common = act * wob * pool * thr;
    const unpooled = act * wob * thr;

    let follows = 0;
    let mu = 0;
    for (let i = 0; i < waves.length; i++) {
      const w = waves[i] as Wave;
      if (waveDone[i] || w.startMs >= t1) continue;
      const c1 = erlangCdf((t1 - w.startMs) / w.thetaMs, w.k);
      const m = w.size * (c1 - (waveCdf[i] as number)) * common;
      waveCdf[i] = c1;
      if (c1 > 0.99999) waveDone[i] = 1;
      mu += m;
      follows += w.follow * m;
      waveFollows[i] = (waveFollows[i] as number) + c.followRate * w.follow * m;
    }
    let muTail = 0;
    if (tail.total > 0) {
      const tailNext = tailCdf(t1 - created);
      muTail = tail.total * (tailNext - tailPrev) * unpooled;
      tailPrev = tailNext;
    }
    const muBass = (bassPerHour * C * common * (t1 - t)) / HOUR_MS;
    mu += muTail + muBass;
    follows += 0.3 * muTail + 0.5 * muBass;
    for (let j = 0; j < pushes.length; j++) {
      const p = pushes[j] as PushState;
      pushMu[j] = -1;
      if (p.done || p.plan.startMs >= t1) continue;
      if (p.size === 0) {
        p.viewsAtStart = C;
        p.size = p.plan.factor * Math.max(C, 1);
        poolSize += p.size; // a new cohort: new audience for a saturating video
      }
      const c0 = logNormalCdf(t - p.plan.startMs, p.plan.medianMs, p.plan.sigma);
      const m = p.size * (logNormalCdf(t1 - p.plan.startMs, p.plan.medianMs, p.plan.sigma) - c0) * common;
      if (c0 > 0.999) p.done = true;
      pushMu[j] = m;
      mu += m;
      follows += p.plan.follow * m;
      p.followers += c.followRate * p.plan.follow * m;
    }
    for (let j = 0; j < pushes.length; j++) {
      const m = pushMu[j] as number;
      if (m >= 0) (pushes[j] as PushState).steps.push(t, t1, m, mu - m);
    }
    if (throttle && thr < 1) counterfactual += (mu / thr) * overlap(throttle, t, t1);

    // Unobserved stretches only need plausible counts: Poisson, without the overdispersion.
    const nbSize = observed ? c.dispersion : Infinity;
    const inc = draw(noise, mu, nbSize);
    C += inc;
    if (inc > 0) {
      L = Math.min(C, L + draw(noise, inc * likeRate * (0.6 + 1.2 * Math.exp(-age / likeTauMs)), nbSize));
      Cm += draw(noise, inc * commentRate * (0.4 + 2 * Math.exp(-age / (6 * HOUR_MS))), nbSize);
      Sh += draw(noise, inc * shareRate * (0.7 + 0.8 * Math.exp(-age / DAY_MS)), nbSize);
    }
    if (dip && dip.tMs >= t && dip.tMs < t1) {
      C -= Math.round(dip.views * C);
      L -= Math.round(dip.likes * L);
    }
    addFollows(ctx, t, t1, c.followRate * follows);
    times.push(t1);
    views.push(C);
    likes.push(L);
    comments.push(Cm);
    shares.push(Sh);
    t = t1;
  }

  const events: LabelledEvent[] = [];
  for (const p of pushes) {
    const e = labelPush(p, endMs);
    if (e) events.push({ ...e, kind: "spike", ...(e.start - created > 7 * DAY_MS ? { resurfacing: true } : {}) });
  }
  if (throttle && throttle.endMs <= endMs && counterfactual >= EVENT_MIN_VIEWS)
    events.push({ start: throttle.startMs, end: throttle.endMs, kind: "drop" });
  events.sort((a, b) => a.start - b.start);

  const video: SimVideo = {
    post,
    discoverMs,
    endMs,
    times: times.done(),
    views: views.done(),
    likes: likes.done(),
    comments: comments.done(),
    shares: shares.done(),
    events,
    launch: waves.map((w, i) => ({ startMs: w.startMs, followers: waveFollows[i] as number })),
    pushes: pushes.filter((p) => p.size > 0).map((p) => ({ startMs: p.plan.startMs, followers: p.followers })),
  };
  if (unavailableFrom !== undefined) video.unavailableFrom = unavailableFrom;
  return video;
}

/** Spreads a step's expected follows evenly over the follower bins it covers (difference array). */
function addFollows(ctx: SimContext, t0: number, t1: number, follows: number): void {
  if (!(follows > 0)) return;
  const n = ctx.followsDiff.length - 1;
  const b0 = Math.floor(t0 / FOLLOW_BIN_MS) - ctx.fromBin;
  const b1 = Math.max(b0 + 1, Math.ceil(t1 / FOLLOW_BIN_MS) - ctx.fromBin);
  const lo = Math.max(0, b0);
  const hi = Math.min(n, b1);
  if (hi <= lo) return;
  const perBin = follows / (b1 - b0);
  ctx.followsDiff[lo] = (ctx.followsDiff[lo] as number) + perBin;
  ctx.followsDiff[hi] = (ctx.followsDiff[hi] as number) - perBin;
}

/**
 * A push is labelled when it at least ~triples the pace (push ≥ 1.5 × everything else, i.e. the
 * total ≥ 2.5 × what it would have been) over steps adding up to ≥ 2 h in one run, and brings at
 * least max(100, min(10% of the views at its start, 1,000)) expected views. It ends when 90% of
 * its expected views are in.
 */
function labelPush(p: PushState, endMs: number): { start: number; end: number } | undefined {
  const s = p.steps;
  let extra = 0;
  let run = 0;
  let bestRun = 0;
  for (let i = 0; i < s.length; i += 4) {
    const t0 = s[i] as number;
    const t1 = s[i + 1] as number;
    const m = s[i + 2] as number;
    const rest = s[i + 3] as number;
    extra += m;
    if (m > 0 && m >= (SPIKE_RATIO - 1) * rest) {
      run += t1 - t0;
      bestRun = Math.max(bestRun, run);
    } else run = 0;
  }
  if (bestRun < SPIKE_MIN_RUN_MS) return undefined;
  if (extra < Math.max(EVENT_MIN_VIEWS, Math.min(0.1 * p.viewsAtStart, 1000))) return undefined;
  let cum = 0;
  let end = endMs;
  for (let i = 0; i < s.length; i += 4) {
    const m = s[i + 2] as number;
    if (cum + m >= 0.9 * extra) {
      const t0 = s[i] as number;
      end = Math.round(t0 + ((s[i + 1] as number) - t0) * ((0.9 * extra - cum) / m));
      break;
    }
    cum += m;
  }
  return { start: p.plan.startMs, end: Math.max(end, p.plan.startMs + SPIKE_MIN_RUN_MS) };
}

/**
 * When a counter shown at `tMs` was last refreshed: normally the latest step boundary, but a
 * stall (one starting in any 10-minute bin with probability ratePerHour/6, lasting 40–80 min)
 * freezes it at its value from just before the stall began.
 */
export function refreshedAt(key: number, ratePerHour: number, tMs: number): number {
  const p = (ratePerHour * BIN_MS) / HOUR_MS;
  const b = Math.floor(tMs / BIN_MS);
  for (let j = 8; j >= 0; j--) {
    const h = mix32(key ^ Math.imul(b - j, 0x9e3779b1));
    if (h / 4294967296 >= p) continue;
    const length = 4 + (mix32(h + 0x51) % 5);
    if (tMs < (b - j + length) * BIN_MS) return (b - j) * BIN_MS - 1;
  }
  return tMs;
}

/** Index of the last step boundary ≤ tMs (−1 before the first). */
export function stepAt(times: Float64Array, tMs: number): number {
  if (!(tMs >= (times[0] as number))) return -1;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((times[mid] as number) <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
