/**
 * Samples a creator the way ingestion would see them: connected at `fromMs`, polled every 30
 * minutes (follower count every cycle; videos under 72 h every cycle, under a week every 2 h,
 * older ones every 6 h), each job a few seconds late. The result is the backtest's data format,
 * truth included. Pure: the CLI that writes files is export.ts.
 */
import { creatorParams } from "./creator.ts";
import { hash, unit } from "./hash.ts";
import { postOfId } from "./posts.ts";
import { DAY_MS, HOUR_MS, SLOT_MS } from "./time.ts";
import type { World } from "./types.ts";
import { countersAt, videoParams } from "./video.ts";

/** The fixed epoch backtests use, so figures are reproducible. */
export const BACKTEST_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * One creator in the backtest's `--data` format (times in ms since the epoch). Recorded data knows
 * less than the model: a truth it lacks is null or absent (unknown), never 0 or [] (which say
 * "zero" and "none happened").
 */
export interface BacktestCreator {
  creator: string;
  videos: BacktestVideo[];
  /** Follower counts. Counts after the last video snapshot only serve as truth for the 90-day projection. */
  followers: { t: number; count: number }[];
  /** Absent: unknown. */
  followerJumps?: { t: number; videoId: string; followers?: number }[];
}

export interface BacktestVideo {
  id: string;
  createdAt: number;
  snapshots: { t: number; views: number; likes: number; comments: number; shares: number }[];
  /** Optional: when the video went private or was deleted (no snapshots from then on). */
  unavailableFrom?: number;
  truth: {
    /** Null: not observed. */
    views24h: number | null;
    views7d: number | null;
    /** Absent: unknown; [] means none happened. */
    spikes?: { start: number; end: number; kind: "spike" | "drop"; resurfacing?: boolean }[];
    /** Absent: unknown. */
    breakout?: boolean;
  };
}

/** Poll interval by video age: what a 600-requests-per-minute budget comfortably allows. */
export interface Cadence {
  /** [max age in hours, poll every n slots] from youngest to oldest; older than all → last. */
  tiers: [number, number][];
}

export const DEFAULT_CADENCE: Cadence = {
  tiers: [
    [72, 1],
    [168, 4],
    [Infinity, 12],
  ],
};

export interface SampleOptions {
  /** Connection time: the first job runs in the slot after it. */
  fromMs: number;
  /** Last job at or before this. */
  toMs: number;
  cadence?: Cadence;
  /** Extra follower counts (daily) this many days past toMs, as projection truth. */
  followerTruthDays?: number;
}

function everySlots(cadence: Cadence, ageHours: number): number {
  for (const [maxAge, n] of cadence.tiers) if (ageHours < maxAge) return n;
  return cadence.tiers[cadence.tiers.length - 1]?.[1] ?? 1;
}

export function sampleCreator(world: World, index: number, options: SampleOptions): BacktestCreator {
  const cadence = options.cadence ?? DEFAULT_CADENCE;
  const c = creatorParams(world.seed, index);
  const origin = world.historyStartMs;
  // Each account's job lands at a fixed point of the slot (the planner spreads accounts), give or take a minute.
  const offset = Math.floor(unit(hash(world.seed, index, 0x6f6666)) * 20 * 60_000);
  const jobTime = (slot: number) => slot * SLOT_MS + offset + Math.floor(unit(hash(world.seed, index, slot)) * 60_000);
  const firstSlot = Math.floor(options.fromMs / SLOT_MS) + 1;
  const lastSlot = Math.floor((options.toMs - offset - 60_000) / SLOT_MS);

  const truth = world.truth(index, options.toMs);
  const videos = truth.videos.map((tv) => {
    const post = postOfId(c, tv.id);
    if (!post) throw new Error(`model: video ${tv.id} not found`);
    const video: BacktestVideo = {
      id: tv.id,
      createdAt: tv.createdAtMs,
      snapshots: [],
      truth: {
        views24h: tv.views24h,
        views7d: tv.views7d,
        spikes: tv.spikes.map((s) => ({
          start: s.start,
          end: s.end,
          kind: s.kind,
          ...(s.resurfacing ? { resurfacing: true } : {}),
        })),
        breakout: tv.breakout,
      },
    };
    if (tv.unavailableFromMs !== undefined) video.unavailableFrom = tv.unavailableFromMs;
    return { video, params: videoParams(c, post, origin), lastPollSlot: -Infinity };
  });

  const followers: { t: number; count: number }[] = [];
  for (let slot = firstSlot; slot <= lastSlot; slot++) {
    const t = jobTime(slot);
    followers.push({ t, count: world.account(index, t).followerCount });
    for (const v of videos) {
      const gone = v.video.unavailableFrom !== undefined && t >= v.video.unavailableFrom;
      if (v.video.createdAt > t || gone) continue;
      if (slot - v.lastPollSlot < everySlots(cadence, (t - v.video.createdAt) / HOUR_MS)) continue;
      v.lastPollSlot = slot;
      const k = countersAt(v.params, t);
      v.video.snapshots.push({
        t,
        views: k.viewCount,
        likes: k.likeCount,
        comments: k.commentCount,
        shares: k.shareCount,
      });
    }
  }
  const end = followers[followers.length - 1]?.t ?? options.toMs;
  for (let d = 1; d <= (options.followerTruthDays ?? 0); d++)
    followers.push({ t: end + d * DAY_MS, count: world.account(index, end + d * DAY_MS).followerCount });

  return {
    creator: world.creator(index).username,
    videos: videos.map((v) => v.video).filter((v) => v.snapshots.length > 0),
    followers,
    followerJumps: truth.followerJumps,
  };
}
