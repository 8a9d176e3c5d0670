/**
 * World B, "cohort-waves": an independent synthetic TikTok world for judging Adam's analytics.
 * It is deliberately built from assumptions unlike the project's own simulator (closed-form
 * log-logistic curves on an activity clock, hashed per-slot jitter): here every video is
 * simulated forward in time as the platform's distribution waves reaching cohorts of viewers
 * out of a finite or open audience, with overdispersed noise drawn step by step, and Adam's
 * snapshot schedule is replayed on top, including the counters' batched refreshes.
 *
 * ASSUMPTIONS (all draws from world B's own seeded sfc32 streams, see cohort-waves/random.ts)
 *
 * Creators (cohort-waves/creator.ts)
 * - Followers at connection: log-normal, median 8,000, σ(ln) 2.2, clamped to [150, 3e7].
 * - Reach (median size of a video's first wave): 25 + 0.06·followers^0.92 · LN(0, 0.5).
 * - Hit bias (log-odds shift of a wave "performing"): N(−0.3, 0.8). Evergreen share of videos: U(0.15, 0.6).
 * - Posting: Poisson per UTC day, rate log-U(0.2, 3)/day; each post at one of 1–2 habitual local
 *   hours U(7, 22) (in the main audience zone) ± N(0, U(0.5, 2.5) h), or (share U(0.05, 0.3)) at a
 *   uniformly random time. History: posts from 60 days before connection.
 * - Daily rhythm: the audience is a mixture of 1 (50%), 2 (35%) or 3 (15%) time zones (UTC −8 … +10),
 *   weights Gamma(1.5)-normalised; each zone has a local evening peak U(18.5, 22.5) h with von-Mises
 *   concentration U(0.8, 3), a lunchtime bump of weight U(0, 0.5) at 12:30, on a night floor
 *   U(0.05, 0.4); mixture normalised to mean 1. Weekend (Sat/Sun UTC) lift U(0.9, 1.2).
 * - Noise: negative binomial per simulation step, size k log-U(15, 150) (relative noise floor 1/√k
 *   ≈ 8–26% per step on big counts, Poisson on small ones).
 * - Likes log-U(3, 12)%, comments log-U(0.2, 1.2)%, shares log-U(0.1, 1)% of views (per video ×LN).
 *   Likes saturate faster than views: rate × (0.6 + 1.2·e^(−age/τ), τ log-U(3, 24) h); comments
 *   × (0.4 + 2·e^(−age/6 h)); shares × (0.7 + 0.8·e^(−age/24 h)). Likes never exceed views.
 *
 * Videos (cohort-waves/video.ts), simulated forward on the UTC grid. While observed (from fromMs,
 * until toMs, the video's 7th day, or the end of an event begun by toMs): steps of 10 min (age
 * < 6 h), 30 min (< 72 h), 2 h (< 7 d), 6 h (older; 2 h around a push or throttle), increments
 * drawn negative-binomially. Unobserved stretches (history before fromMs, follower truth after):
 * 3 h / 1 d / 7 d steps, Poisson draws.
 * - Organic ladder: a test wave of reach·LN(0, 0.6) views at posting, Erlang(k ∈ {1,2,3}) time
 *   profile with mean U(1, 4) h, follow-through ×0.35 (mostly existing followers). While it
 *   performs — chance sigmoid(hitBias + 1.2·quality − 0.5·i), quality ~ N(0, 1) per video — the
 *   platform pushes a next wave ×LN(ln 3.5, 0.5) as big (Erlang k ∈ {2,3}: it ramps up), starting
 *   when the previous one is about half delivered (+0.2–1.5 h), mean duration ×U(1.2, 2); at most
 *   5 pushes, none after 24 h of age.
 * - Saturating videos (1 − evergreen share): a finite audience pool N = U(1.1, 1.8) × the ladder's
 *   views; the waves are scaled by (1 − C/N) and a Bass imitation term q·C·(1 − C/N),
 *   q log-U(0.008, 0.05)/h, adds word of mouth; outside the pool only a trickle (a power-law tail
 *   of total log-U(1, 6)% of the ladder, α U(1.2, 1.6), τ0 6 h). Evergreen videos: no pool; a
 *   search-driven power-law tail of total log-U(0.15, 1.2) × the ladder, velocity ∝
 *   (1 + age/τ0)^−α, α U(1.15, 1.7), τ0 log-U(2, 24) h.
 * - Everything is multiplied by the audience's activity (so views come in the creator's own daily
 *   rhythm) and by throttle windows.
 * - Injected pushes (a new cohort, a trend catching on): 7% of videos at age log-U(1, 7) d, size
 *   log-U(0.03, 3) × the views the video has then; resurfacing: 6% of videos at age log-U(7, 60) d,
 *   size log-U(0.05, 4) ×. Log-normal time profile, median log-U(3, 18) h (resurfacing 4–24 h),
 *   σ U(0.4, 0.9); a new cohort enlarges a saturating video's pool by its size; follow-through
 *   ×U(0.8, 2.5).
 * - Throttles: 6% of videos at age log-U(3 h, 10 d), lasting U(6, 24) h at log-U(0.05, 0.3) of the
 *   pace, then full pace again (the views missed are lost). Wobbles (never labelled): 10% of
 *   videos, U(1, 5) h at U(0.45, 0.8) of the pace.
 * - 3% of videos go private/deleted at age log-U(0.5 h, 45 d); 4% lose log-U(0.5, 3)% of their
 *   views and 1–5% of their likes once (spam removal) at age log-U(2 h, 20 d).
 *
 * Counters and snapshots
 * - The API shows the true counter as of the latest step boundary, except during stalls (per video
 *   U(0.03, 0.15)/h, per account U(0.01, 0.05)/h affecting all its videos and followers at once),
 *   which freeze the shown value for 40–80 min, at most 85 min in all when stalls overlap (1–3
 *   unchanged snapshots), then catch up.
 * - Jobs every 30 min at a fixed offset U(3, 27) min into the slot, ± U(1, 2) min jitter. Outages:
 *   Poisson log-U(1, 5) per 30 days, U(2, 10) h with no job at all; single missed cycles U(0.5, 2)%.
 * - A video appears in Adam's list U(10, 55) min after posting (its first snapshot is the next job,
 *   10–90 min after posting); it is polled every job under 72 h of age, every 4th slot under 168 h,
 *   every 12th after, as due (slot − last polled slot ≥ that), and never once unavailable.
 *
 * Followers: the account starts at its follower count at connection; each video's expected views
 * bring follows (rate log-U(0.1, 1)% per view of a new cohort: ×0.35 test wave, ×1 pushes, ×0.3
 * tail, ×0.5 word of mouth, pushes ×U(0.8, 2.5)), lagged by an exponential delay of mean
 * log-U(0.5, 4) h, plus background follows log-U(0.03, 0.3)% of followers/day, drawn negative-binomially
 * (k 20); unfollows a hazard log-U(0.03, 0.15)%/day; purges of 0.2–1.5% (U(0, 1) per 30 days).
 *
 * TRUTH
 * - spikes: an injected push or resurfacing (starting in [fromMs, toMs], video still public) is
 *   labelled "spike" when, over one run of ≥ 2 h, its expected views are ≥ 1.5× everything else's
 *   (the pace ≥ 2.5×, "roughly triples") and it brings ≥ max(100, min(10% of the views at its
 *   start, 1,000)) expected views; start = when the push begins, end = when 90% of its expected
 *   views are in (≥ start + 2 h); resurfacing: true when it starts more than 7 days after posting.
 *   A throttle (starting in the window, video public throughout) is labelled "drop" [start, end of
 *   the throttle] when the video would have gained ≥ 100 expected views in it. NOT labelled (normal
 *   life): the organic ladder's waves in the first 24 h, wobbles, small pushes, daily peaks and
 *   troughs, stalls and catch-ups, outages, spam-removal dips, purges.
 * - views24h / views7d: the shown view count at exactly created + 24 h / + 168 h (stalls included),
 *   also when that is after toMs; null when the video is unavailable by then or that age falls
 *   before fromMs (history is simulated coarsely, and no snapshot could have been taken then).
 * - followerJumps: a push brings a jump of its expected follows; a video's launch brings a jump of
 *   its expected follows beyond the creator's median launch (t = start of the first wave at which
 *   the launch's follows pass that median). Only jumps with t in [fromMs, toMs] and at least
 *   max(30, 1% of the account's followers then) are listed.
 * - followers: the shown count at every job, then one per day for followerTruthDays after the last job.
 */
import type { BacktestCreator, BacktestVideo } from "../../tiktok-sim/model/sample.ts";
import {
  creatorOf,
  DAY_MS,
  FOLLOW_BIN_MS,
  followerSeries,
  HOUR_MS,
  MINUTE_MS,
  postsOf,
  Stream,
} from "./cohort-waves/creator.ts";
import { keyOf, Rng } from "./cohort-waves/random.ts";
import { refreshedAt, simulateVideo, stepAt } from "./cohort-waves/video.ts";
import type { SimVideo } from "./cohort-waves/video.ts";

export const WORLD = {
  name: "cohort-waves",
  description:
    "Distribution waves to audience cohorts (finite Bass pools or evergreen power-law tails), time-zone-mixture rhythms, batched counters",
};

const SLOT_MS = 30 * MINUTE_MS;
const HISTORY_MS = 60 * DAY_MS;

export function generateCreator(
  seed: number,
  index: number,
  window: { fromMs: number; toMs: number; followerTruthDays?: number },
): BacktestCreator {
  const c = creatorOf(seed, index);
  const { fromMs, toMs } = window;
  const truthDays = window.followerTruthDays ?? 0;
  const horizonMs = toMs + (Math.max(truthDays, 8) + 1) * DAY_MS;
  const fromBin = Math.floor(fromMs / FOLLOW_BIN_MS);
  const nBins = Math.ceil(horizonMs / FOLLOW_BIN_MS) - fromBin;
  const followsDiff = new Float64Array(nBins + 1);
  const ctx = { horizonMs, fromMs, toMs, fromBin, followsDiff };
  const sims = postsOf(c, fromMs - HISTORY_MS, horizonMs).map((p) => simulateVideo(c, p, ctx));

  const inflow = new Float64Array(nBins);
  let acc = 0;
  for (let b = 0; b < nBins; b++) {
    acc += followsDiff[b] as number;
    inflow[b] = Math.max(0, acc);
  }
  const follower = followerSeries(c, inflow);
  const trueFollowersAt = (t: number) =>
    follower[Math.min(nBins, Math.max(0, Math.floor(t / FOLLOW_BIN_MS) - fromBin))] as number;
  const accountKey = keyOf(c.key, Stream.stall);
  const followerKey = keyOf(c.key, Stream.stall, 1);
  const shownFollowersAt = (t: number) =>
    trueFollowersAt(
      shownAsOf(
        t,
        refreshedAt(accountKey, c.accountStallsPerHour, t),
        refreshedAt(followerKey, c.videoStallsPerHour, t),
      ),
    );

  // Adam's schedule: a job per slot at the account's offset, minus outages and missed cycles.
  const sr = new Rng(keyOf(c.key, Stream.sampling));
  const outages: [number, number][] = [];
  const nOutages = sr.poisson((c.outagesPer30d * (toMs - fromMs)) / (30 * DAY_MS));
  for (let i = 0; i < nOutages; i++) {
    const start = sr.uniform(fromMs, toMs);
    outages.push([start, start + sr.uniform(2, 10) * HOUR_MS]);
  }
  const jobSlots: number[] = [];
  const jobTimes: number[] = [];
  /** When the account's counters were last refreshed as of each job (an account-wide stall freezes them all). */
  const jobRefresh: number[] = [];
  const followers: { t: number; count: number }[] = [];
  const jitterMax = 2 * MINUTE_MS;
  const firstSlot = Math.ceil((fromMs + jitterMax - c.slotOffsetMs) / SLOT_MS);
  for (let slot = firstSlot; ; slot++) {
    const nominal = slot * SLOT_MS + c.slotOffsetMs;
    if (nominal + jitterMax > toMs) break;
    const t = Math.round(nominal + sr.uniform(-c.jitterMs, c.jitterMs));
    if (sr.chance(c.missedCycle) || outages.some(([a, b]) => nominal >= a && nominal < b)) continue;
    jobSlots.push(slot);
    jobTimes.push(t);
    jobRefresh.push(refreshedAt(accountKey, c.accountStallsPerHour, t));
    followers.push({ t, count: shownFollowersAt(t) });
  }
  // firstJob[s − firstSlot]: index of the first job in slot s or later.
  const lastSlot = jobSlots[jobSlots.length - 1] ?? firstSlot;
  const firstJob = new Int32Array(lastSlot - firstSlot + 2);
  for (let s = lastSlot - firstSlot + 1, j = jobSlots.length; s >= 0; s--) {
    while (j > 0 && (jobSlots[j - 1] as number) >= s + firstSlot) j--;
    firstJob[s] = j;
  }
  const jobAtOrAfter = (slot: number) =>
    slot > lastSlot ? jobSlots.length : (firstJob[Math.max(0, slot - firstSlot)] as number);
  const everySlots = (ageMs: number) => (ageMs < 72 * HOUR_MS ? 1 : ageMs < 168 * HOUR_MS ? 4 : 12);

  const shown: { sim: SimVideo; video: BacktestVideo }[] = [];
  for (const sim of sims) {
    if (sim.post.createdMs > toMs) break;
    const video: BacktestVideo = { id: sim.post.id, createdAt: sim.post.createdMs, snapshots: [], truth: truthOf(sim) };
    if (sim.unavailableFrom !== undefined) video.unavailableFrom = sim.unavailableFrom;
    const key = keyOf(sim.post.key, Stream.stall);
    const gone = sim.unavailableFrom ?? Infinity;
    // Adam polls a video at a job when (job slot − last polled slot) ≥ the interval for its age then.
    let j = lowerBound(jobTimes, sim.discoverMs);
    while (j < jobTimes.length) {
      const t = jobTimes[j] as number;
      if (t >= gone) break;
      const r = shownAsOf(t, refreshedAt(key, c.videoStallsPerHour, t), jobRefresh[j] as number);
      const i = stepAt(sim.times, r);
      video.snapshots.push({
        t,
        views: sim.views[i] ?? 0,
        likes: sim.likes[i] ?? 0,
        comments: sim.comments[i] ?? 0,
        shares: sim.shares[i] ?? 0,
      });
      const last = jobSlots[j] as number;
      let next = jobAtOrAfter(last + 1);
      while (next < jobSlots.length) {
        const due = last + everySlots((jobTimes[next] as number) - sim.post.createdMs);
        if ((jobSlots[next] as number) >= due) break;
        next = jobAtOrAfter(due);
      }
      j = next;
    }
    if (video.snapshots.length > 0) shown.push({ sim, video });
  }
  const end = followers[followers.length - 1]?.t ?? toMs;
  for (let d = 1; d <= truthDays; d++)
    followers.push({ t: end + d * DAY_MS, count: trueFollowersAt(end + d * DAY_MS) });

  return {
    creator: `cohort_b_${seed}_${index}`,
    videos: shown.map((v) => v.video),
    followers,
    followerJumps: followerJumps(
      sims,
      shown.map((v) => v.sim),
      fromMs,
      toMs,
      trueFollowersAt,
    ),
  };

  function truthOf(sim: SimVideo): BacktestVideo["truth"] {
    // Null when unknown: the video was gone by then, or the age fell before the window (history is simulated coarsely).
    const shownViews = (t: number) => {
      if (t < fromMs || t > sim.endMs || (sim.unavailableFrom !== undefined && t >= sim.unavailableFrom)) return null;
      const r = shownAsOf(
        t,
        refreshedAt(keyOf(sim.post.key, Stream.stall), c.videoStallsPerHour, t),
        refreshedAt(accountKey, c.accountStallsPerHour, t),
      );
      return sim.views[stepAt(sim.times, r)] ?? 0;
    };
    return {
      // null = unknown (see shownViews); the consumer treats it so, though the format types it number.
      views24h: shownViews(sim.post.createdMs + DAY_MS) as number,
      views7d: shownViews(sim.post.createdMs + 7 * DAY_MS) as number,
      spikes: sim.events.filter((e) => e.start >= fromMs && e.start <= toMs),
    };
  }
}

/**
 * The instant a counter shown at t reflects: the earlier of two refresh times (the video's own
 * stalls and the account-wide ones), but never more than 85 minutes stale, so that overlapping
 * stalls do not freeze a young video's counter (30-minute steps) for more than three snapshots.
 */
function shownAsOf(t: number, a: number, b: number): number {
  return Math.max(t - 85 * MINUTE_MS, Math.min(a, b));
}

/** Index of the first element ≥ x in a sorted array. */
function lowerBound(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function followerJumps(
  all: SimVideo[],
  shown: SimVideo[],
  fromMs: number,
  toMs: number,
  followersAt: (t: number) => number,
): BacktestCreator["followerJumps"] {
  const launches = all.map((s) => s.launch.reduce((sum, w) => sum + w.followers, 0)).sort((a, b) => a - b);
  const median = launches.length > 0 ? (launches[Math.floor(launches.length / 2)] as number) : 0;
  const jumps: BacktestCreator["followerJumps"] = [];
  const add = (t: number, videoId: string, followers: number) => {
    if (t >= fromMs && t <= toMs && followers >= Math.max(30, 0.01 * followersAt(t)))
      jumps.push({ t, videoId, followers: Math.round(followers) });
  };
  for (const s of shown) {
    let cum = 0;
    for (const w of s.launch) {
      cum += w.followers;
      if (cum > median) {
        add(w.startMs, s.post.id, s.launch.reduce((sum, x) => sum + x.followers, 0) - median);
        break;
      }
    }
    for (const p of s.pushes) add(p.startMs, s.post.id, p.followers);
  }
  return jumps.sort((a, b) => a.t - b.t);
}
