/**
 * World A, "point-process": synthetic creators for judging Adam's analytics, built on assumptions
 * deliberately unlike the project's own simulator (tools/tiktok-sim/model: closed-form
 * log-logistic curves on an activity clock, per-slot jitter, momentum). Here every view is an
 * event of a stochastic point process simulated step by step, so noise, batching and events come
 * from mechanisms, not from curves. Deterministic in (seed, index, window); own PRNG (sfc32).
 *
 * CREATOR (point-process/creator.ts). logU(a, b) = log-uniform, U = uniform, N = normal.
 * - reach = expected 7-day views of a median video: 70% "regular" with log10 reach ~ N(3.0, 0.8),
 *   30% "established" with log10 reach ~ N(4.8, 0.8), clipped to [10, 10^6.5]; ln reach drifts by
 *   N(0, 0.12) per 30 days (growing or fading creators).
 * - video quality Q = exp(σ·N(0,1)), σ ~ U(0.6, 1.2); with chance U(1%, 5%) also × min(100,
 *   3·Pareto(1.1)) (breakout launches). Views thus span tens to tens of millions, heavy-tailed.
 * - posting: rate ~ logU(0.2, 3)/day; per UTC day Poisson(rate·lognormal(σ 0.5)) posts, each at
 *   one of 1–3 habit hours (0–5 h before the audience peak) + N(0, U(0.3, 2) h). Posts start 60
 *   days before `fromMs` (those videos are polled from the first job on) and go on after `toMs`
 *   (those only feed the follower truth).
 * - daily rhythm (UTC): floor + (1 − floor)·exp(κ(cos(2π(h − peak)/24) − 1)), peak ~ U(0, 24),
 *   κ ~ U(max(0.5, ln ρ/2 + 0.2), 4), floor solved so that peak/trough = ρ ~ logU(1.3, 4); 40% of
 *   creators add a second bump (weight U(0.15, 0.4), 4–9 h before the peak); normalised to mean 1.
 * - followers: F0 = reach·exp(ln 3 + 1.1·N(0,1)) 60 days before `fromMs`; every 15 min
 *   Poisson(follows from views + F·logU(1e-4, 2e-3)/day) join and Poisson(F·logU(3e-4, 2e-3)/day)
 *   leave; purges (spam removal) with chance U(0, 0.5) per 30 days remove logU(0.2%, 1.5%).
 *   Views convert at c·exp(0.6·N(0,1)) per video, c ~ logU(0.0015, 0.02) per creator, burst views
 *   at that × logU(0.7, 3) (push), logU(1, 4) (off-platform), logU(0.5, 2.5) (resurfacing), 1
 *   (wobble); follows arrive after a fixed per-video delay U(0, 3) h, spread exponentially over
 *   logU(15, 90) min.
 *
 * VIDEO (point-process/video.ts): views intensity (views/ms)
 *   λ(t) = throttle(t) · [ O(t) · (organic(t) + Σ bursts(t)) + H(t) ]
 * - organic = scale·(1 − η)·rhythm(t)·[rise(a)·(w·PL(a) + (1 − w)·Γ(a)) + trickle/24 h], a = age,
 *   scale = reach(at posting)·Q. PL(a) ∝ (a + c)^−α, α ~ U(0.5, 1.8), c ~ logU(0.3, 3) h; Γ(a) a
 *   gamma density, shape U(1, 3), scale logU(2, 24) h; both normalised to 1 over 0–168 h; rise =
 *   1 − e^(−a/r), r ~ logU(5, 40) min. A share U(25%, 80%) (per creator) of videos is "evergreen"
 *   (w ~ U(0.7, 1): power-law decay), the rest "flash" (w ~ U(0, 0.2): a saturating gamma bump).
 *   trickle ~ logU(0.0003, 0.003) of the 7-day views per day, forever (profile visits).
 * - O(t) = exp(o − σ²/2), o an Ornstein–Uhlenbeck process per video (σ ~ U(0.05, 0.25) per
 *   creator, correlation time U(1, 4) h, moved every 30 min): overdispersion on top of Poisson.
 * - H(t): Hawkes self-excitation through shares: each share brings η/shareRate views, spread as
 *   e^(−u/τ)/τ, τ ~ logU(0.5, 3) h, branching ratio η ~ U(0.05, 0.6) per video; the (1 − η) above
 *   keeps the expected 7-day views ≈ scale (stationary gain 1/(1 − η)). On small videos a single
 *   share is a lottery ticket worth tens to hundreds of views.
 * - views per step ~ Poisson(∫λ) (a rounded normal above a mean of 10). Steps: 10 min under 24 h,
 *   20 min under 72 h, 1 h under 168 h, then 6 h (30 min around bursts and throttles); before
 *   `fromMs` 2 h / 1 day; after the window and the 7-day truth 2 h / 1 day / 7 days. Likes,
 *   comments, shares: Poisson of views × per-video rates (creator logU(0.03, 0.15),
 *   logU(0.0008, 0.008), logU(0.0005, 0.012), × lognormal σ 0.35 / 0.5 / 0.5), each released
 *   through its own exponential lag (means logU 2–20, 10–60, 5–40 min).
 * - bursts add A·(1 − e^(−u/rise))·decay(u)·rhythm(t), u = time since onset, decay e^(−u/τ) or
 *   (1 + u/τ)^−β with β ~ U(1.8, 3), half and half, cut off 7 days after onset. Per video,
 *   chances × the creator's event propensity logU(0.5, 2) where marked (×):
 *   push of a young video (×0.07): onset at age logU(2, 144) h, A = logU(1.5, 40) × the organic
 *     pace at onset, rise logU(10, 90) min, τ logU(2, 24) h (exp) or logU(1, 8) h (power);
 *   wobble (0.25): onset logU(1, 480) h, A = logU(0.2, 1.5) × pace, rise 10–60 min, τ logU(1, 8) h;
 *   off-platform share (×0.04): onset logU(1, 720) h, A = logU(3, 60) × pace, rise 5–15 min,
 *     τ logU(0.3, 1.2) h (usually too short to count);
 *   resurfacing (×0.05): onset at age U(8, 55) days, brings logU(0.02, 3) × the 7-day views (before
 *     self-excitation), rise logU(0.5, 4) h, τ logU(6, 72) h (exp) or logU(2, 12) h (power).
 * - throttles multiply everything (distribution cut), onset at age logU(1, 240) h: deep (×0.06)
 *   6–24 h at logU(0.05, 0.3); short (0.04) 1–5 h at logU(0.05, 0.3); mild (0.08) 3–24 h at
 *   U(0.4, 0.8).
 * - dips (spam removal), chance 0.06: at age logU(6, 720) h views and likes lose logU(0.2%, 3%).
 * - unavailable (private/deleted), chance 0.04: at age logU(2, 960) h; no snapshots from then on.
 *
 * OBSERVATION
 * - a read returns the live count (interpolated within the simulation step) except during a
 *   stall: the counters freeze for U(35, 100) min (×2 from 72 h of age, ×5 from 168 h) and then
 *   catch up at once. Stalls come at exponential intervals such that a share U(3%, 15%) (per
 *   creator) of the time is frozen: one to three 30-minute polls in a row see the same numbers.
 *   The follower count does the same with half that share.
 * - jobs: one per 30-minute slot from `fromMs` to `toMs`, at a per-account offset U(2, 27) min
 *   into the slot ± U(1, 2) min jitter; outages Poisson(logU(1, 5) per 30 days) of U(2, 10) h with
 *   no job at all; single missed jobs with chance logU(0.3%, 2%). A video shows in the account's
 *   list U(10, 55) min after posting and is polled at a job when the slots since its last poll
 *   are ≥ 1 (age < 72 h), 4 (< 168 h) or 12 (older): after an outage everything is polled at once.
 *
 * TRUTH (measured during the simulation on the noise-free mean intensity)
 * - spike: a burst whose direct pace (no self-excitation), added to the pace the video would have
 *   without bursts (self-excitation included), is ≥ 3× both that pace and the pace at onset (daily
 *   rhythm divided out) for ≥ 2 h in total, and that brings directly in its first 24 h ≥ max(50,
 *   min(10% of the views at onset, 1,000)) views. start = onset; end = when 80% of its extra
 *   views (self-excitation included) are delivered or, if later, the last moment at ≥ 3× (at
 *   least start + the time spent at ≥ 3×), at most 7 days on. `resurfacing` when the video was
 *   more than 7 days old at onset. (The ratio is what a creator would mean: a push that only
 *   slows a steep organic decline is no spike.)
 * - drop: a throttle with factor ≤ 0.3 lasting ≥ 6 h, in which the video would otherwise have
 *   gained ≥ 100 views (expected, stationary self-excitation gain); start/end = the throttle.
 * - Unlabelled on purpose: wobbles, short flashes, mild or short throttles, events on videos too
 *   small for them to matter, stalls and catch-ups, the daily rhythm, noise, outages, dips.
 * - Listed: events whose [start, end] overlaps [fromMs, toMs] and that began while the video was
 *   public (they may end after `toMs`).
 * - views24h / views7d: what a poll at exactly 24 h / 168 h would have returned; null if the video
 *   was unavailable by then. Everything is simulated to at least 8 days past `toMs`, so the value
 *   exists even when that moment is after `toMs`, and the window's data do not depend on
 *   `followerTruthDays` (a longer follower truth only appends).
 * - followerJumps: per burst, expected extra followers = conversion × burst multiplier × its extra
 *   views, at t = onset + the video's follow delay; and per breakout launch (Q ≥ 3) the expected
 *   follows of its first 48 h beyond those of a Q = 1 video, at posting + delay. Listed when
 *   ≥ max(30, 1% of the followers at t) and t ∈ [fromMs − 1 day, toMs].
 * - followers: the count read at each job, then one per day for `followerTruthDays` days after the
 *   last job (posting goes on).
 */
import type { BacktestCreator, BacktestVideo } from "../../tiktok-sim/model/sample.ts";
import { DAY, HOUR, MINUTE, makeCreator, postTimes } from "./point-process/creator.ts";
import type { Creator } from "./point-process/creator.ts";
import { Rng } from "./point-process/random.ts";
import { planVideo, simulateVideo, spikeEnd, stallGap, stallLength } from "./point-process/video.ts";
import type { SimContext, VideoPlan } from "./point-process/video.ts";

export const WORLD = {
  name: "point-process",
  description:
    "Views as a Hawkes-excited Poisson point process (power-law or gamma age kernels, von Mises daily rhythm, bursts, throttles) seen through batched counters and Adam's polling",
};

const SLOT = 30 * MINUTE;
const HISTORY_DAYS = 60;
const BIN = 15 * MINUTE;

interface Jobs {
  t: number[];
  slot: number[];
}

function jobTimes(c: Creator, seed: number, index: number, fromMs: number, toMs: number): Jobs {
  const r = new Rng(seed, index, 0x10b5);
  const outages: [number, number][] = [];
  const count = r.poisson((c.outagesPerDay * (toMs - fromMs)) / DAY);
  for (let i = 0; i < count; i++) {
    const start = r.uniform(fromMs, toMs);
    outages.push([start, start + r.uniform(2, 10) * HOUR]);
  }
  const jobs: Jobs = { t: [], slot: [] };
  for (let slot = Math.floor(fromMs / SLOT); ; slot++) {
    const t = slot * SLOT + c.slotOffsetMs + Math.round(r.uniform(-c.jitterMs, c.jitterMs));
    const missed = r.chance(c.missChance);
    if (t > toMs) break;
    if (t < fromMs || missed || outages.some(([a, b]) => t >= a && t < b)) continue;
    jobs.t.push(t);
    jobs.slot.push(slot);
  }
  return jobs;
}

function pollTimes(v: VideoPlan, jobs: Jobs): number[] {
  const out: number[] = [];
  let lo = 0;
  let hi = jobs.t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((jobs.t[mid] as number) < v.visibleFrom) lo = mid + 1;
    else hi = mid;
  }
  let last = -Infinity;
  for (let j = lo; j < jobs.t.length; j++) {
    const t = jobs.t[j] as number;
    const slot = jobs.slot[j] as number;
    if (v.unavailableFrom !== undefined && t >= v.unavailableFrom) break;
    const ageH = (t - v.createdAt) / HOUR;
    if (slot - last >= (ageH < 72 ? 1 : ageH < 168 ? 4 : 12)) {
      out.push(t);
      last = slot;
    }
  }
  return out;
}

/**
 * The account's follower count: the true count at the end of every 15-minute bin, and what a read
 * at any instant returns (interpolated within the bin, or frozen during a stall).
 */
function followerSeries(c: Creator, seed: number, index: number, ctx: SimContext): (t: number) => number {
  const r = new Rng(seed, index, 0xf011);
  const bins = ctx.followsDiff.length - 1;
  // Own stream, month by month: a longer follower truth leaves the window's draws untouched.
  const rp = new Rng(seed, index, 0x9a11);
  const purges: [number, number][] = [];
  for (let m = 0; m * 30 * DAY < bins * BIN; m++)
    if (rp.chance(c.purgeChancePerMonth))
      purges.push([ctx.binStartMs + (m + rp.next()) * 30 * DAY, rp.logUniform(0.002, 0.015)]);
  const count = new Float64Array(bins);
  const stalls: { start: number; end: number; value: number }[] = [];
  let nextStall = ctx.binStartMs + stallGap(1, c.frozenShare / 2, r);
  let f = c.followers0;
  let inflow = 0;
  for (let i = 0; i < bins; i++) {
    const t = ctx.binStartMs + (i + 1) * BIN;
    inflow += ctx.followsDiff[i] as number;
    const join = r.poisson(Math.max(0, inflow) + (f * c.followInPerDay * BIN) / DAY);
    const leave = r.poisson((f * c.followOutPerDay * BIN) / DAY);
    f = Math.max(0, f + join - leave);
    for (const [at, frac] of purges) if (at >= t - BIN && at < t) f -= Math.round(frac * f);
    count[i] = f;
    if (t >= nextStall) {
      const end = t + stallLength(1, r);
      stalls.push({ start: t, end, value: f });
      nextStall = end + stallGap(1, c.frozenShare / 2, r);
    }
  }
  return (t: number) => {
    let lo = 0;
    let hi = stalls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((stalls[mid] as { start: number }).start <= t) lo = mid + 1;
      else hi = mid;
    }
    const stall = stalls[lo - 1];
    if (stall && t < stall.end) return stall.value;
    const x = (t - ctx.binStartMs) / BIN;
    const i = Math.min(bins - 1, Math.floor(x));
    if (i < 0) return c.followers0;
    const before = i === 0 ? c.followers0 : (count[i - 1] as number);
    return Math.floor(before + Math.min(1, x - i) * ((count[i] as number) - before));
  };
}

export function generateCreator(
  seed: number,
  index: number,
  window: { fromMs: number; toMs: number; followerTruthDays?: number },
): BacktestCreator {
  const { fromMs, toMs } = window;
  const c = makeCreator(seed, index);
  const jobs = jobTimes(c, seed, index, fromMs, toMs);
  const lastJob = jobs.t[jobs.t.length - 1] ?? toMs;
  const truthDays = window.followerTruthDays ?? 0;
  const binStartMs = fromMs - HISTORY_DAYS * DAY;
  // Everything runs at least 8 days past the window (spike ends and 7-day truths need it), so a
  // longer follower truth only appends: the window's data do not depend on followerTruthDays.
  const simEndMs = Math.max(toMs + 8 * DAY, lastJob + truthDays * DAY + HOUR);
  const ctx: SimContext = {
    fromMs,
    toMs,
    simEndMs,
    // Room for the last steps' follows (a step is at most 7 days, the delay at most 3 h).
    followsDiff: new Float64Array(Math.ceil((simEndMs + 8 * DAY - binStartMs) / BIN) + 1),
    binStartMs,
    binMs: BIN,
  };

  const videos: BacktestVideo[] = [];
  const jumpCandidates: { t: number; videoId: string; followers: number }[] = [];
  const posts = postTimes(c, seed, index, binStartMs, simEndMs);
  for (const { t: createdAt, day, k } of posts) {
    const rng = new Rng(seed, index, 0x71de0, day, k);
    const reachAt = c.reach * Math.exp((c.trendPerDay * (createdAt - fromMs)) / DAY);
    const plan = planVideo(c, rng, createdAt, reachAt);
    const polls = createdAt <= toMs ? pollTimes(plan, jobs) : [];
    const sim = simulateVideo(c, plan, polls, ctx, rng);
    const inWindow = (start: number, end: number) => start <= toMs && end >= fromMs;
    const spikes: BacktestVideo["truth"]["spikes"] = [];
    for (const b of sim.bursts) {
      if (b.trace.length === 0) continue;
      const followers = plan.conversion * b.convMult * b.extra;
      jumpCandidates.push({ t: Math.round(b.start + plan.followDelayMs), videoId: plan.id, followers });
      if (b.above3Ms < 2 * HOUR || b.direct24h < Math.max(50, Math.min(0.1 * b.viewsAtStart, 1000))) continue;
      const end = spikeEnd(b);
      if (!inWindow(b.start, end)) continue;
      const resurfacing = b.start - createdAt > 7 * DAY;
      spikes.push({ start: b.start, end, kind: "spike", ...(resurfacing ? { resurfacing: true } : {}) });
    }
    for (const th of sim.throttles) {
      if (th.factor > 0.3 || th.end - th.start < 6 * HOUR || th.gain < 100) continue;
      if (plan.unavailableFrom !== undefined && th.start >= plan.unavailableFrom) continue;
      if (inWindow(th.start, th.end)) spikes.push({ start: th.start, end: th.end, kind: "drop" });
    }
    if (plan.quality >= 3) {
      const followers = plan.conversion * sim.views48h * (1 - 1 / plan.quality);
      jumpCandidates.push({ t: Math.round(createdAt + plan.followDelayMs), videoId: plan.id, followers });
    }
    if (sim.snapshots.length === 0) continue;
    const video: BacktestVideo = {
      id: plan.id,
      createdAt,
      snapshots: sim.snapshots,
      truth: {
        // null = unknown (deleted by then); the consumer treats it so.
        views24h: sim.views24h as number,
        views7d: sim.views7d as number,
        spikes: spikes.sort((a, b) => a.start - b.start),
      },
    };
    if (plan.unavailableFrom !== undefined) video.unavailableFrom = plan.unavailableFrom;
    videos.push(video);
  }

  const followersAt = followerSeries(c, seed, index, ctx);
  const followers = jobs.t.map((t) => ({ t, count: followersAt(t) }));
  for (let d = 1; d <= truthDays; d++) followers.push({ t: lastJob + d * DAY, count: followersAt(lastJob + d * DAY) });
  const followerJumps = jumpCandidates
    .filter((j) => j.t >= fromMs - DAY && j.t <= toMs && j.followers >= Math.max(30, 0.01 * followersAt(j.t)))
    .map((j) => ({ t: j.t, videoId: j.videoId, followers: Math.round(j.followers) }))
    .sort((a, b) => a.t - b.t);

  return { creator: c.name, videos, followers, followerJumps };
}
