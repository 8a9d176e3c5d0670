/**
 * Account counters as closed-form functions of time, cheap enough for 100,000 creators:
 *
 * followers(t) = base + drift·days + conversion·(expected views so far)   steady growth
 *              + Σ viral waves: followers·share(t)                       jumps, each tied to a video
 *              − purges (a few % of followers removed at once)            the only way it falls
 *
 * "Expected views so far" integrates posting rate × mean views × momentum instead of summing
 * every video, so only the rare videos that may go viral need their parameters drawn.
 */
import type { CreatorParams } from "./creator.ts";
import { meanViews } from "./creator.ts";
import { activityClock, jittered } from "./curves.ts";
import { chance, hash, logUniform, uniform } from "./hash.ts";
import { momentumIntegrator } from "./momentum.ts";
import { postCount, postKey, postOnDay, videoId } from "./posts.ts";
import type { Post } from "./posts.ts";
import { DAY_MS, SLOT_MS } from "./time.ts";
import type { AccountCounters } from "./types.ts";
import { canGoViral, mayGoViral, mayVanish, unavailableFromMs, videoCore, viralWaves, waveShare } from "./video.ts";
import type { ViralWave } from "./video.ts";

const PURGE_BUCKET_MS = 30 * DAY_MS;
const PURGE_CHANCE = 0.25;
const JITTER = 0.7;

/** Public video count at tMs and the viral waves of videos posted up to `horizonMs` (with their posts). */
function scanPosts(
  c: CreatorParams,
  originMs: number,
  tMs: number,
  horizonMs: number,
): { videoCount: number; waves: (ViralWave & { post: Post })[] } {
  let videoCount = 0;
  const waves: (ViralWave & { post: Post })[] = [];
  const firstDay = Math.floor(originMs / DAY_MS);
  const lastDay = Math.floor(horizonMs / DAY_MS);
  const tDay = Math.floor(tMs / DAY_MS);
  for (let day = firstDay; day <= lastDay; day++) {
    const n = postCount(c, day);
    // Only posts on boundary days need their exact time; the rest are known to lie inside.
    const boundary = day === firstDay || day >= tDay;
    for (let k = 0; k < n; k++) {
      const key = postKey(c, day, k);
      const viral = mayGoViral(key);
      const vanish = mayVanish(key);
      if (!boundary && !viral && !vanish) {
        videoCount++;
        continue;
      }
      const post = postOnDay(c, day, k);
      if (post.createdMs < originMs || post.createdMs > horizonMs) continue;
      const gone = vanish ? unavailableFromMs(post) : undefined;
      if (post.createdMs <= tMs && (gone === undefined || tMs < gone)) videoCount++;
      if (viral && canGoViral(c, post))
        for (const w of viralWaves(c, videoCore(c, post, originMs))) waves.push({ ...w, post });
    }
  }
  return { videoCount, waves };
}

/** Follower jumps of videos posted in [originMs, untilMs], oldest first. */
export function viralJumps(
  c: CreatorParams,
  originMs: number,
  untilMs: number,
): { t: number; videoId: string; followers: number }[] {
  return scanPosts(c, originMs, untilMs, untilMs)
    .waves.filter((w) => w.startMs <= untilMs)
    .map((w) => ({ t: w.startMs, videoId: videoId(w.post), followers: Math.round(w.followers) }))
    .sort((a, b) => a.t - b.t);
}

function purges(c: CreatorParams, originMs: number, untilMs: number): { tMs: number; fraction: number }[] {
  const out: { tMs: number; fraction: number }[] = [];
  for (let b = Math.floor(originMs / PURGE_BUCKET_MS); b <= Math.floor(untilMs / PURGE_BUCKET_MS); b++) {
    if (!chance(hash(c.key, b, 0x7075), PURGE_CHANCE)) continue;
    const tMs = Math.round(b * PURGE_BUCKET_MS + uniform(hash(c.key, b, 0x7076), 0, PURGE_BUCKET_MS));
    if (tMs >= originMs && tMs <= untilMs) out.push({ tMs, fraction: logUniform(hash(c.key, b, 0x7077), 0.003, 0.02) });
  }
  return out;
}

export function accountAt(c: CreatorParams, tMs: number, originMs: number): AccountCounters {
  // Waves of posts up to two slots ahead: the jitter samples the curve up to 1.7 slots after t.
  const horizonMs = (Math.floor(tMs / SLOT_MS) + 2) * SLOT_MS;
  const { videoCount, waves } = scanPosts(c, originMs, tMs, horizonMs);
  const viewsPerMs = (c.postsPerDay * meanViews(c)) / DAY_MS;
  const integral = momentumIntegrator(c, originMs, horizonMs);
  const expectedViews = (t: number) => viewsPerMs * integral(t);
  const viral = (t: number, followers: boolean) => {
    const tau = activityClock(t, c.diurnalAmplitude, c.diurnalPhaseMs);
    let sum = 0;
    for (const w of waves) sum += (followers ? w.followers : w.extraViews) * waveShare(w, t, tau);
    return sum;
  };
  const smoothFollowers = (t: number) =>
    c.baseFollowers +
    (c.followerDriftPerDay * Math.max(0, t - originMs)) / DAY_MS +
    c.conversion * expectedViews(t) +
    viral(t, true);
  const smoothLikes = (t: number) => c.baseLikes + c.likeRate * (expectedViews(t) + viral(t, false));

  let removed = 0;
  for (const p of purges(c, originMs, tMs)) removed += p.fraction * (smoothFollowers(p.tMs) - removed);

  return {
    followerCount: Math.max(0, Math.floor(jittered(tMs, c.key ^ 0x666f6c6c, JITTER, smoothFollowers) - removed)),
    followingCount: c.baseFollowing + Math.floor((c.followingPerDay * Math.max(0, tMs - originMs)) / DAY_MS),
    likesCount: Math.floor(jittered(tMs, c.key ^ 0x6c696b65, JITTER, smoothLikes)),
    videoCount,
  };
}
