/**
 * `createWorld`: the model's entry point. Every answer is computed on demand from (seed, creator
 * index, time); nothing is cached, so memory stays flat however many creators a simulator serves.
 */
import { accountAt, viralJumps } from "./account.ts";
import { creatorParams } from "./creator.ts";
import type { CreatorParams } from "./creator.ts";
import { hash } from "./hash.ts";
import { postOfId, postsBetween, videoId } from "./posts.ts";
import type { Post } from "./posts.ts";
import { creatorText, videoText } from "./text.ts";
import { DAY_MS } from "./time.ts";
import type { CreatorProfile, CreatorTruth, VideoAt, World, WorldOptions } from "./types.ts";
import { countersAt, injectedEvents, isPublicAt, durationSecOf, plantedLog, videoParams } from "./video.ts";
import type { VideoParams } from "./video.ts";
import { accountAudience, accountWatchDay, creatorWatch, lagMs, videoWatchAt, videoWatchParams } from "./watch.ts";

const DEFAULT_HISTORY_DAYS = 90;
const DEFAULT_MEDIA_BASE = "https://p16-sim.tiktokcdn.invalid";
const OPEN_ID_PREFIX = "-000";

export function createWorld(options: WorldOptions): World {
  const seed = options.seed | 0;
  const historyStartMs = options.epochMs - (options.historyDays ?? DEFAULT_HISTORY_DAYS) * DAY_MS;
  const media = options.mediaBaseUrl ?? DEFAULT_MEDIA_BASE;
  const params = (index: number) => creatorParams(seed, index);
  const checksum = (index: number) => hash(seed, index, 0x6f70656e).toString(16).padStart(8, "0");

  const openIdOf = (index: number) => `${OPEN_ID_PREFIX}${index.toString(36).padStart(6, "0")}${checksum(index)}`;

  const meta = (c: CreatorParams, username: string, v: VideoParams) => {
    const id = videoId(v.post);
    const text = videoText(c.niche, v.post.key);
    const shareUrl = `https://www.tiktok.com/@${username}/video/${id}`;
    const portrait = (v.post.key & 3) !== 0;
    return {
      id,
      createTimeSec: v.post.createTimeSec,
      title: text.title,
      videoDescription: text.description,
      durationSec: durationSecOf(v),
      width: portrait ? 1080 : 1920,
      height: portrait ? 1920 : 1080,
      shareUrl,
      embedLink: `https://www.tiktok.com/player/v1/${id}`,
      embedHtml: `<blockquote class="tiktok-embed" cite="${shareUrl}" data-video-id="${id}" style="max-width: 605px;min-width: 325px;"><section></section></blockquote>`,
      coverImageUrl: `${media}/cover/${id}.jpeg`,
    };
  };

  const videoAt = (c: CreatorParams, v: VideoParams, tMs: number): VideoAt => ({
    ...meta(c, usernameOf(c), v),
    ...countersAt(v, tMs),
  });
  const usernameOf = (c: CreatorParams) => creatorText(c.key, c.niche, c.index).username;
  const publicPosts = (c: CreatorParams, tMs: number): VideoParams[] =>
    postsBetween(c, historyStartMs, tMs)
      .map((post: Post) => videoParams(c, post, historyStartMs))
      .filter((v) => isPublicAt(v, tMs));

  return {
    seed,
    historyStartMs,
    creator(index: number): CreatorProfile {
      const c = params(index);
      const text = creatorText(c.key, c.niche, index);
      const openId = openIdOf(index);
      const avatar = `${media}/avatar/${openId}`;
      return {
        index,
        openId,
        unionId: `u${hash(seed, index, 0x756e696f).toString(36)}${index.toString(36)}`,
        displayName: text.displayName,
        username: text.username,
        avatarUrl: `${avatar}~168x168.jpeg`,
        avatarUrl100: `${avatar}~100x100.jpeg`,
        avatarLargeUrl: `${avatar}~720x720.jpeg`,
        bioDescription: text.bioDescription,
        profileDeepLink: `https://vm.tiktok.com/@${text.username}`,
        isVerified: c.isVerified,
      };
    },
    indexOfOpenId(openId: string): number | undefined {
      if (!openId.startsWith(OPEN_ID_PREFIX) || openId.length !== OPEN_ID_PREFIX.length + 14) return undefined;
      const index = Number.parseInt(openId.slice(OPEN_ID_PREFIX.length, OPEN_ID_PREFIX.length + 6), 36);
      if (!Number.isSafeInteger(index) || index < 0) return undefined;
      return openIdOf(index) === openId ? index : undefined;
    },
    account(index: number, tMs: number) {
      return accountAt(params(index), tMs, historyStartMs);
    },
    publicVideos(index: number, tMs: number): VideoAt[] {
      const c = params(index);
      return publicPosts(c, tMs)
        .sort((a, b) => b.post.createdMs - a.post.createdMs || b.post.rand32 - a.post.rand32)
        .map((v) => videoAt(c, v, tMs));
    },
    video(index: number, id: string, tMs: number): VideoAt | undefined {
      const c = params(index);
      const post = postOfId(c, id);
      if (!post || post.createdMs < historyStartMs) return undefined;
      const v = videoParams(c, post, historyStartMs);
      return isPublicAt(v, tMs) ? videoAt(c, v, tMs) : undefined;
    },
    truth(index: number, untilMs: number): CreatorTruth {
      const c = params(index);
      const videos = postsBetween(c, historyStartMs, untilMs)
        .sort((a, b) => a.createdMs - b.createdMs)
        .map((post) => {
          const v = videoParams(c, post, historyStartMs);
          const entry: CreatorTruth["videos"][number] = {
            id: videoId(post),
            createdAtMs: post.createdMs,
            views24h: countersAt(v, post.createdMs + DAY_MS).viewCount,
            views7d: countersAt(v, post.createdMs + 7 * DAY_MS).viewCount,
            durationSec: durationSecOf(v),
            plantedLog: plantedLog(c, post),
            spikes: injectedEvents(v),
            breakout: v.breakout,
          };
          if (v.unavailableFromMs !== undefined) entry.unavailableFromMs = v.unavailableFromMs;
          return entry;
        });
      return { videos, planted: c.planted, followerJumps: viralJumps(c, historyStartMs, untilMs) };
    },
    videoWatch(index: number, id: string, dataMs: number) {
      const c = params(index);
      const post = postOfId(c, id);
      if (!post || post.createdMs < historyStartMs) return undefined;
      return videoWatchAt(c, videoParams(c, post, historyStartMs), dataMs);
    },
    accountWatchDay(index: number, dayStartMs: number) {
      const c = params(index);
      const videos = postsBetween(c, historyStartMs, dayStartMs + DAY_MS).map((post: Post) =>
        videoParams(c, post, historyStartMs),
      );
      return accountWatchDay(c, videos, dayStartMs, historyStartMs);
    },
    accountAudience(index: number, tMs: number) {
      const c = params(index);
      return accountAudience(c, accountAt(c, tMs, historyStartMs).followerCount);
    },
    watchLagMs(index: number, tMs: number) {
      return lagMs(params(index), Math.floor(tMs / DAY_MS));
    },
    watchTruth(index: number, id: string) {
      const c = params(index);
      const post = postOfId(c, id);
      if (!post || post.createdMs < historyStartMs) return undefined;
      const v = videoParams(c, post, historyStartMs);
      return { ...videoWatchParams(creatorWatch(c), v), ...(v.drop ? { dropStartMs: v.drop.startMs } : {}) };
    },
    creatorWatch(index: number) {
      return creatorWatch(params(index));
    },
  };
}
