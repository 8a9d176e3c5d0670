/**
 * World A, video level: a video's hidden parameters and injected events (`planVideo`), and the
 * step-by-step point-process simulation of its counters (`simulateVideo`), which also measures,
 * on the noise-free mean intensity, what the truth labels need. Numbers: see ../point-process.ts.
 */
import { type Creator, DAY, HOUR, MINUTE, rhythmMean } from "./creator.ts";
import { lnGamma, Rng } from "./random.ts";

interface Burst {
  start: number;
  /** Peak exogenous intensity in views/ms before the rhythm multiplier. */
  amp: number;
  riseMs: number;
  tauMs: number;
  /** 0: exponential decay; else power-law decay (1 + u/τ)^−beta. */
  beta: number;
  /** Followers per burst view relative to the video's ordinary conversion. */
  convMult: number;
  /**
   * Measured on the noise-free mean intensity: extra views this burst brings (its mean-field
   * self-excitation and throttles included), and in its first 24 h those it brings directly (no
   * self-excitation: on small videos that is a lottery of a few shares); the pace at onset
   * without the daily rhythm; time spent with (pace without bursts + this burst's direct pace)
   * ≥ 3× both the pace without bursts and that onset pace (rhythm put back), and the last moment
   * there.
   */
  extra: number;
  direct24h: number;
  pace0: number;
  above3Ms: number;
  lastAbove3: number;
  viewsAtStart: number;
  /** (time, cumulative extra) after each step from the start: where the burst ends is read from it. */
  trace: number[];
  done: boolean;
  /** Current exogenous mean intensity (scratch), and its own mean-field self-excitation. */
  x: number;
  hawkes: number;
  pendShares: number;
}

interface Throttle {
  start: number;
  end: number;
  factor: number;
  /** Measured: expected views the video would have gained in the window without the throttle. */
  gain: number;
}

export interface VideoPlan {
  id: string;
  createdAt: number;
  /** When it first shows in the account's video list (10–55 minutes after posting). */
  visibleFrom: number;
  unavailableFrom?: number;
  quality: number;
  /** Expected 7-day views (organic, Hawkes gain included). */
  scale: number;
  /** Branching ratio of the share-driven self-excitation, its kernel time, views per share. */
  eta: number;
  tauHawkesMs: number;
  viewsPerShare: number;
  /** Age kernel in hours: w·power law + (1 − w)·gamma, each normalised to 1 over the first 168 h. */
  w: number;
  alpha: number;
  onsetH: number;
  riseH: number;
  gammaK: number;
  gammaTheta: number;
  lnPlNorm: number;
  lnGammaNorm: number;
  /** Profile-visit trickle: share of the 7-day views arriving per day, forever. */
  trickle: number;
  likeRate: number;
  commentRate: number;
  shareRate: number;
  likeLagMs: number;
  commentLagMs: number;
  shareLagMs: number;
  conversion: number;
  followDelayMs: number;
  followSpreadMs: number;
  bursts: Burst[];
  throttles: Throttle[];
  dip?: { t: number; viewFrac: number; likeFrac: number };
}

/** Noise-free exogenous organic intensity (views per ms) at age `ageMs`, without rhythm or throttles. */
export function baseRate(v: VideoPlan, ageMs: number): number {
  const a = Math.max(ageMs, 1) / HOUR;
  const pl = v.w > 0 ? v.w * Math.exp(-v.alpha * Math.log(a + v.onsetH) - v.lnPlNorm) : 0;
  // A gamma bump is nothing next to the trickle after ~40 of its time scales.
  const ga =
    a < 40 * v.gammaTheta ? (1 - v.w) * Math.exp((v.gammaK - 1) * Math.log(a) - a / v.gammaTheta - v.lnGammaNorm) : 0;
  const rise = a < 30 * v.riseH ? 1 - Math.exp(-a / v.riseH) : 1;
  return (v.scale * (1 - v.eta) * (rise * (pl + ga) + v.trickle / 24)) / HOUR;
}

function burst(start: number, amp: number, riseMs: number, tauMs: number, beta: number, convMult: number): Burst {
  return {
    start,
    amp,
    riseMs,
    tauMs,
    beta,
    convMult,
    extra: 0,
    direct24h: 0,
    pace0: -1,
    above3Ms: 0,
    lastAbove3: start,
    viewsAtStart: 0,
    trace: [],
    done: false,
    x: 0,
    hawkes: 0,
    pendShares: 0,
  };
}

/** A video's parameters and events, from its own random stream. */
export function planVideo(c: Creator, rng: Rng, createdAt: number, reachAt: number): VideoPlan {
  const r = rng;
  let quality = Math.exp(c.qualitySigma * r.normal());
  if (r.chance(c.breakoutChance)) quality *= Math.min(100, r.pareto(1.1) * 3);
  const evergreen = r.chance(c.evergreenChance);
  const alpha = r.uniform(0.5, 1.8);
  const onsetH = r.logUniform(0.3, 3);
  const gammaK = r.uniform(1, 3);
  const gammaTheta = r.logUniform(2, 24);
  const plIntegral =
    Math.abs(1 - alpha) < 1e-6
      ? Math.log((168 + onsetH) / onsetH)
      : (Math.pow(168 + onsetH, 1 - alpha) - Math.pow(onsetH, 1 - alpha)) / (1 - alpha);
  const shareRate = Math.min(0.05, c.shareRate * Math.exp(0.5 * r.normal()));
  const eta = r.uniform(0.05, 0.6);
  const v: VideoPlan = {
    id: ((BigInt(Math.floor(createdAt / 1000)) << 32n) | BigInt(r.u32())).toString(),
    createdAt,
    visibleFrom: createdAt + Math.round(r.uniform(10, 55) * MINUTE),
    quality,
    scale: reachAt * quality,
    eta,
    tauHawkesMs: r.logUniform(0.5, 3) * HOUR,
    viewsPerShare: eta / shareRate,
    w: evergreen ? r.uniform(0.7, 1) : r.uniform(0, 0.2),
    alpha,
    onsetH,
    riseH: r.logUniform(5, 40) / 60,
    gammaK,
    gammaTheta,
    lnPlNorm: Math.log(plIntegral),
    lnGammaNorm: lnGamma(gammaK) + gammaK * Math.log(gammaTheta),
    trickle: r.logUniform(0.0003, 0.003),
    likeRate: Math.min(0.35, c.likeRate * Math.exp(0.35 * r.normal())),
    commentRate: Math.min(0.03, c.commentRate * Math.exp(0.5 * r.normal())),
    shareRate,
    likeLagMs: r.logUniform(2, 20) * MINUTE,
    commentLagMs: r.logUniform(10, 60) * MINUTE,
    shareLagMs: r.logUniform(5, 40) * MINUTE,
    conversion: c.conversion * Math.exp(0.6 * r.normal()),
    followDelayMs: r.uniform(0, 3) * HOUR,
    followSpreadMs: r.logUniform(15, 90) * MINUTE,
    bursts: [],
    throttles: [],
  };
  const p = c.eventPropensity;
  const at = (loH: number, hiH: number) => createdAt + Math.round(r.logUniform(loH, hiH) * HOUR);
  const relative = (start: number, m: number) => m * baseRate(v, start - createdAt);
  const decay = () => (r.chance(0.5) ? 0 : r.uniform(1.8, 3));
  // Algorithmic push of a young video: m × its pace at the onset.
  if (r.chance(0.07 * p)) {
    const start = at(2, 144);
    const beta = decay();
    const tau = (beta ? r.logUniform(1, 8) : r.logUniform(2, 24)) * HOUR;
    v.bursts.push(
      burst(
        start,
        relative(start, r.logUniform(1.5, 40)),
        r.logUniform(10, 90) * MINUTE,
        tau,
        beta,
        r.logUniform(0.7, 3),
      ),
    );
  }
  // Wobbles: small pushes that matter to no one.
  if (r.chance(0.25)) {
    const start = at(1, 480);
    v.bursts.push(
      burst(
        start,
        relative(start, r.logUniform(0.2, 1.5)),
        r.logUniform(10, 60) * MINUTE,
        r.logUniform(1, 8) * HOUR,
        0,
        1,
      ),
    );
  }
  // Off-platform share: sharp and short (often too short to count).
  if (r.chance(0.04 * p)) {
    const start = at(1, 720);
    v.bursts.push(
      burst(
        start,
        relative(start, r.logUniform(3, 60)),
        r.logUniform(5, 15) * MINUTE,
        r.logUniform(0.3, 1.2) * HOUR,
        0,
        r.logUniform(1, 4),
      ),
    );
  }
  // Resurfacing weeks later: a total of f × the 7-day views, whatever the pace was.
  if (r.chance(0.05 * p)) {
    const start = createdAt + Math.round(r.uniform(8, 55) * DAY);
    const beta = decay();
    const tau = (beta ? r.logUniform(2, 12) : r.logUniform(6, 72)) * HOUR;
    const integral = beta ? tau / (beta - 1) : tau;
    const amp = (r.logUniform(0.02, 3) * v.scale * (1 - eta)) / integral;
    v.bursts.push(burst(start, amp, r.logUniform(0.5, 4) * HOUR, tau, beta, r.logUniform(0.5, 2.5)));
  }
  // Throttles: deep and long, deep and short, mild and long.
  const throttle = (chance: number, durH: [number, number], factor: [number, number], log: boolean) => {
    if (!r.chance(chance)) return;
    const start = at(1, 240);
    const end = start + Math.round(r.uniform(durH[0], durH[1]) * HOUR);
    const f = log ? r.logUniform(factor[0], factor[1]) : r.uniform(factor[0], factor[1]);
    v.throttles.push({ start, end, factor: f, gain: 0 });
  };
  throttle(0.06 * p, [6, 24], [0.05, 0.3], true);
  throttle(0.04, [1, 5], [0.05, 0.3], true);
  throttle(0.08, [3, 24], [0.4, 0.8], false);
  if (r.chance(0.06))
    v.dip = { t: at(6, 720), viewFrac: r.logUniform(0.002, 0.03), likeFrac: r.logUniform(0.002, 0.03) };
  if (r.chance(0.04)) v.unavailableFrom = at(2, 960);
  return v;
}

export interface SimContext {
  fromMs: number;
  toMs: number;
  /** Nothing is simulated past this (the end of the follower truth). */
  simEndMs: number;
  /** Expected follows per bin as a difference array (filled here; prefix sums give the inflow), bins of `binMs` from `binStartMs`. */
  followsDiff: Float64Array;
  binStartMs: number;
  binMs: number;
}

export type Snapshot = { t: number; views: number; likes: number; comments: number; shares: number };

export interface SimResult {
  snapshots: Snapshot[];
  views24h: number | null;
  views7d: number | null;
  bursts: Burst[];
  throttles: Throttle[];
  /** Expected organic views in the first 48 h (Hawkes gain and throttles included). */
  views48h: number;
}

const FINE = 30 * MINUTE;

/**
 * The step a stretch of life allows: `coarse` while nothing happens; 30 minutes from just before
 * a burst until 3 time constants into it and during throttles; then the decaying tail at τ/2.
 */
function stepNearEvents(v: VideoPlan, t: number, coarse: number): number {
  let dt = coarse;
  for (const b of v.bursts) {
    if (b.done || b.start >= t + dt) continue;
    const u = t - b.start;
    dt = Math.min(dt, u < 3 * b.tauMs + b.riseMs ? FINE : Math.max(FINE, b.tauMs / 2));
  }
  for (const th of v.throttles) if (th.start < t + dt && th.end > t) dt = Math.min(dt, FINE);
  return dt;
}

/** Stall scale by age: 1–3 polls at the video's cadence (30 min, 2 h, 6 h) stay frozen. */
function stallScale(ageMs: number): number {
  return ageMs < 72 * HOUR ? 1 : ageMs < 168 * HOUR ? 2 : 5;
}

/** A counter stall: frozen for U(35, 100) min × scale, then a catch-up. */
export function stallLength(scale: number, r: Rng): number {
  return r.uniform(35, 100) * scale * MINUTE;
}

/** Exponential time to the next stall, so that a share `frozen` of the time is spent frozen. */
export function stallGap(scale: number, frozen: number, r: Rng): number {
  return -Math.log(1 - r.next()) * 67.5 * scale * MINUTE * ((1 - frozen) / frozen);
}

/**
 * Simulates the video on a step grid (10 min under 24 h, 20 min under 72 h, 1 h under 168 h,
 * 6 h after with 30-minute steps around events; coarser before the window and after it), and
 * records what a poll would return: the live count (interpolated within the step), or during a
 * stall the count frozen at its start.
 */
export function simulateVideo(c: Creator, v: VideoPlan, polls: number[], ctx: SimContext, r: Rng): SimResult {
  const created = v.createdAt;
  const t24 = created + DAY;
  const t7d = created + 7 * DAY;
  // Fine steps while anyone looks (the window, and the 7-day truth); posts after the window only feed followers.
  const fineEnd = created > ctx.toMs ? created : Math.max(ctx.toMs, t7d + HOUR);
  const end = Math.min(v.unavailableFrom ?? Infinity, Math.max(ctx.simEndMs, fineEnd));
  const gain = 1 / (1 - v.eta);
  // Probe times: the polls, plus the two truth instants (kind 1 and 2).
  const probes = [...polls];
  const kinds = polls.map(() => 0);
  for (const [time, kind] of [
    [t24, 1],
    [t7d, 2],
  ] as const) {
    let i = probes.length;
    while (i > 0 && (probes[i - 1] as number) > time) i--;
    probes.splice(i, 0, time);
    kinds.splice(i, 0, kind);
  }
  const snapshots: Snapshot[] = [];
  let views24h: number | null = null;
  let views7d: number | null = null;
  let views48h = 0;
  let n = 0;
  let likes = 0;
  let comments = 0;
  let shares = 0;
  let pendLikes = 0;
  let pendComments = 0;
  let pendShares = 0;
  let pendFollows = 0;
  let hawkes = 0;
  let hawkesCf = 0;
  let pendSharesCf = 0;
  let noise = c.noiseSigma * r.normal();
  let noiseFactor = Math.exp(noise - (c.noiseSigma * c.noiseSigma) / 2);
  let sinceNoise = 0;
  let noiseSpan = -1;
  let noiseRho = 0;
  let noiseInnovation = 0;
  let removedViews = 0;
  let removedLikes = 0;
  let viewsPrev = 0;
  let sharesPrev = 0;
  let stallStart = Infinity;
  let stallEnd = -Infinity;
  let nextStall = created + stallGap(1, c.frozenShare, r);
  let frozenViews = 0;
  let frozenLikes = 0;
  let frozenComments = 0;
  let frozenShares = 0;
  let pi = 0;
  let lastDt = -1;
  let dLike = 0;
  let dComment = 0;
  let dShare = 0;
  let dFollow = 0;
  let dHawkes = 0;
  let hawkesSpan = 0;
  let likeMean = 0;
  let commentMean = 0;
  let t = created;
  while (t < end) {
    const age = t - created;
    let dt: number;
    if (t >= fineEnd) dt = age < 72 * HOUR ? 2 * HOUR : stepNearEvents(v, t, age < 30 * DAY ? DAY : 7 * DAY);
    else if (t < ctx.fromMs) dt = age < 168 * HOUR ? 2 * HOUR : stepNearEvents(v, t, DAY);
    else if (age < 24 * HOUR) dt = 10 * MINUTE;
    else if (age < 72 * HOUR) dt = 20 * MINUTE;
    else if (age < 168 * HOUR) dt = HOUR;
    else dt = stepNearEvents(v, t, 6 * HOUR);
    dt = Math.min(dt, end - t);
    if (dt !== lastDt) {
      lastDt = dt;
      dLike = 1 - Math.exp(-dt / v.likeLagMs);
      dComment = 1 - Math.exp(-dt / v.commentLagMs);
      dShare = 1 - Math.exp(-dt / v.shareLagMs);
      dFollow = 1 - Math.exp(-dt / v.followSpreadMs);
      dHawkes = Math.exp(-dt / v.tauHawkesMs);
      hawkesSpan = v.tauHawkesMs * (1 - dHawkes);
    }
    const tm = t + dt / 2;
    const rh = rhythmMean(c, t, dt);
    const organic = baseRate(v, tm - created) * rh;
    let x = 0;
    let xConv = 0;
    for (const b of v.bursts) {
      b.x = 0;
      if (b.done || tm < b.start) continue;
      const u = tm - b.start;
      const shape = b.beta ? Math.pow(1 + u / b.tauMs, -b.beta) : Math.exp(-u / b.tauMs);
      b.x = b.amp * (1 - Math.exp(-u / b.riseMs)) * shape * rh;
      x += b.x;
      xConv += b.x * b.convMult;
      if (b.trace.length === 0) b.viewsAtStart = n - removedViews;
    }
    let throttle = 1;
    for (const th of v.throttles)
      if (tm >= th.start && tm < th.end) {
        throttle *= th.factor;
        th.gain += gain * (organic + x) * dt;
      }
    // The self-excited part decays within the step: its integral, not its start value × dt.
    const mu = throttle * (noiseFactor * (organic + x) * dt + hawkes * hawkesSpan);
    // Mean-field paces (views/ms) with and without bursts, self-excitation included: for the truth.
    const paceCf = throttle * (organic + (hawkesCf * hawkesSpan) / dt);
    pendSharesCf += v.shareRate * paceCf * dt;
    hawkesCf = hawkesCf * dHawkes + (v.viewsPerShare * pendSharesCf * dShare) / v.tauHawkesMs;
    pendSharesCf *= 1 - dShare;
    const dn = r.poisson(mu);
    n += dn;
    pendLikes += v.likeRate * dn;
    pendComments += v.commentRate * dn;
    pendShares += v.shareRate * dn;
    // Likes and comments released by the lags: a sum of Poissons is Poisson, drawn when read.
    let rel = pendLikes * dLike;
    pendLikes -= rel;
    likeMean += rel;
    rel = pendComments * dComment;
    pendComments -= rel;
    commentMean += rel;
    rel = pendShares * dShare;
    pendShares -= rel;
    const ds = r.poisson(rel);
    shares += ds;
    hawkes = hawkes * dHawkes + (v.viewsPerShare * ds) / v.tauHawkesMs;
    pendFollows += (v.conversion * dn * (organic + xConv)) / (organic + x || 1);
    rel = pendFollows * dFollow;
    pendFollows -= rel;
    // Released evenly over the step (shifted by the delay): a difference array of per-bin inflow.
    const first = Math.max(0, Math.floor((t + v.followDelayMs - ctx.binStartMs) / ctx.binMs));
    const last = Math.min(
      ctx.followsDiff.length - 1,
      Math.max(first + 1, Math.floor((t + dt + v.followDelayMs - ctx.binStartMs) / ctx.binMs)),
    );
    if (first < last) {
      ctx.followsDiff[first] = (ctx.followsDiff[first] as number) + rel / (last - first);
      ctx.followsDiff[last] = (ctx.followsDiff[last] as number) - rel / (last - first);
    }
    // The OU noise moves every 30 minutes at most (it is correlated over hours anyway).
    sinceNoise += dt;
    if (sinceNoise >= 30 * MINUTE) {
      if (sinceNoise !== noiseSpan) {
        noiseSpan = sinceNoise;
        noiseRho = Math.exp(-sinceNoise / c.noiseTauMs);
        noiseInnovation = c.noiseSigma * Math.sqrt(1 - noiseRho * noiseRho);
      }
      noise = noise * noiseRho + noiseInnovation * r.normal();
      noiseFactor = Math.exp(noise - (c.noiseSigma * c.noiseSigma) / 2);
      sinceNoise = 0;
    }
    if (v.dip && v.dip.t >= t && v.dip.t < t + dt) {
      likes += r.poisson(likeMean);
      likeMean = 0;
      removedViews += Math.round(v.dip.viewFrac * (n - removedViews));
      removedLikes += Math.round(v.dip.likeFrac * (likes - removedLikes));
    }
    if (age < 48 * HOUR) views48h += gain * throttle * organic * dt;
    const tPrev = t;
    t += dt;
    for (const b of v.bursts) {
      if (b.done || tm < b.start) continue;
      // A burst's truth is measured over its first 7 days only (however long the simulation runs).
      if (t - b.start > 7 * DAY) {
        b.done = true;
        continue;
      }
      if (b.pace0 < 0) b.pace0 = paceCf / rh;
      const pace = throttle * (b.x + (b.hawkes * hawkesSpan) / dt);
      b.pendShares += v.shareRate * pace * dt;
      b.hawkes = b.hawkes * dHawkes + (v.viewsPerShare * b.pendShares * dShare) / v.tauHawkesMs;
      b.pendShares *= 1 - dShare;
      b.extra += pace * dt;
      if (t <= b.start + DAY) b.direct24h += throttle * b.x * dt;
      if (paceCf + throttle * b.x >= 3 * Math.max(paceCf, b.pace0 * rh)) {
        b.above3Ms += dt;
        b.lastAbove3 = t;
      }
      b.trace.push(t, b.extra);
      const u = t - b.start;
      if (u > (b.beta ? 60 : 12) * b.tauMs + b.riseMs || (u > b.tauMs + b.riseMs && b.x < 0.003 * organic))
        b.done = true;
    }
    const viewsNow = Math.max(0, n - removedViews);
    while (pi < probes.length && (probes[pi] as number) < t) {
      const p = probes[pi] as number;
      const kind = kinds[pi++];
      let sv = frozenViews;
      let sl = frozenLikes;
      let sc = frozenComments;
      let ss = frozenShares;
      if (!(p >= stallStart && p < stallEnd)) {
        const frac = (p - tPrev) / dt;
        likes += r.poisson(likeMean);
        comments += r.poisson(commentMean);
        likeMean = 0;
        commentMean = 0;
        sv = Math.floor(viewsPrev + frac * (viewsNow - viewsPrev));
        sl = Math.max(0, likes - removedLikes);
        sc = comments;
        ss = Math.floor(sharesPrev + frac * (shares - sharesPrev));
      }
      if (kind === 0) snapshots.push({ t: p, views: sv, likes: sl, comments: sc, shares: ss });
      else if (kind === 1) views24h = sv;
      else views7d = sv;
    }
    if (t >= nextStall && !(t < stallEnd)) {
      likes += r.poisson(likeMean);
      comments += r.poisson(commentMean);
      likeMean = 0;
      commentMean = 0;
      frozenViews = viewsNow;
      frozenLikes = Math.max(0, likes - removedLikes);
      frozenComments = comments;
      frozenShares = shares;
      const scale = stallScale(t - created);
      stallStart = t;
      stallEnd = t + stallLength(scale, r);
      nextStall = stallEnd + stallGap(scale, c.frozenShare, r);
    }
    viewsPrev = viewsNow;
    sharesPrev = shares;
  }
  return { snapshots, views24h, views7d, bursts: v.bursts, throttles: v.throttles, views48h };
}

/**
 * Where a labelled spike ends: once 80% of its extra views are delivered or, if later, the last
 * moment its pace was still ≥ 3× the organic one; at most 7 days after its start.
 */
export function spikeEnd(b: Burst): number {
  const target = 0.8 * b.extra;
  let t80 = b.start;
  for (let i = 0; i < b.trace.length; i += 2) {
    t80 = b.trace[i] as number;
    if ((b.trace[i + 1] as number) >= target) break;
  }
  return Math.min(b.start + 7 * DAY, Math.max(t80, b.lastAbove3, b.start + b.above3Ms));
}
