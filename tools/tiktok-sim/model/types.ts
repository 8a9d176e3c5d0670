import type { AccountWatchDay, accountAudience, CreatorWatch, VideoWatchAt, VideoWatchParams } from "./watch.ts";

/**
 * Public interface of the deterministic synthetic-creator model the TikTok simulator serves and
 * the analytics backtest replays. Everything is a pure function of (world seed, creator index,
 * time): nothing is stored per slot, so 100,000 creators cost nothing until asked for.
 *
 * Times are milliseconds since the Unix epoch unless a name says otherwise (`…Sec`).
 */

export interface WorldOptions {
  /** Any 32-bit integer; the same seed always gives the same world. */
  seed: number;
  /** History starts this long before `epochMs` (default 90). Creators post their first video then. */
  historyDays?: number;
  /** The reference "now" of the world: history lies before it, the future keeps unfolding after it. */
  epochMs: number;
  /** Base of avatar and cover URLs (default `https://p16-sim.tiktokcdn.invalid`), so a simulator can serve them. */
  mediaBaseUrl?: string;
}

/** The `user/info` profile fields (Display API v2 names, camel-cased). */
export interface CreatorProfile {
  index: number;
  openId: string;
  unionId: string;
  displayName: string;
  username: string;
  avatarUrl: string;
  avatarUrl100: string;
  avatarLargeUrl: string;
  bioDescription: string;
  profileDeepLink: string;
  isVerified: boolean;
}

/** The `user/info` stats fields at one instant. */
export interface AccountCounters {
  followerCount: number;
  followingCount: number;
  likesCount: number;
  /** Public videos at that instant (private and deleted ones are not counted, as on TikTok). */
  videoCount: number;
}

/** A video's fixed fields (Display API v2 names, camel-cased). */
export interface VideoMeta {
  /** 19-digit decimal string, TikTok-like: `(createTimeSec << 32) | rand32`. Keep it a string. */
  id: string;
  createTimeSec: number;
  title: string;
  videoDescription: string;
  durationSec: number;
  width: number;
  height: number;
  shareUrl: string;
  embedLink: string;
  embedHtml: string;
  coverImageUrl: string;
}

/** A video's cumulative counters at one instant. */
export interface VideoCounters {
  viewCount: number;
  likeCount: number;
  commentCount: number;
  shareCount: number;
}

export type VideoAt = VideoMeta & VideoCounters;

export interface World {
  readonly seed: number;
  /** History start of every creator (epochMs − historyDays). */
  readonly historyStartMs: number;
  creator(index: number): CreatorProfile;
  /** open_id → index (open ids encode the index so this is O(1)); undefined if not one of ours. */
  indexOfOpenId(openId: string): number | undefined;
  /** Account stats at tMs; `videoCount` = public videos at tMs. */
  account(index: number, tMs: number): AccountCounters;
  /** Public videos posted at or before tMs, newest first (create_time desc). Private/deleted ones are absent. */
  publicVideos(index: number, tMs: number): VideoAt[];
  /** One video at tMs; undefined when not (yet/anymore) public or not this creator's. */
  video(index: number, videoId: string, tMs: number): VideoAt | undefined;
  /** Ground truth for backtests: what the model injected. */
  truth(index: number, untilMs: number): CreatorTruth;
  /**
   * One video as the Accounts API reports it, as of `dataMs` (the API lags behind real time):
   * undefined for a video that is not this creator's or was not posted yet by then. See `watch.ts`.
   */
  videoWatch(index: number, videoId: string, dataMs: number): VideoWatchAt | undefined;
  /** The account's Accounts API metrics of the UTC day starting at `dayStartMs`. */
  accountWatchDay(index: number, dayStartMs: number): AccountWatchDay;
  /** Followers by age, gender, country and city at `tMs`; undefined under 100 followers. */
  accountAudience(index: number, tMs: number): ReturnType<typeof accountAudience>;
  /** How late the Accounts API's data is for the creator on the UTC day of `tMs`. */
  watchLagMs(index: number, tMs: number): number;
  /** What the watch model planted in one video (for tests and the diagnosis benchmark). */
  watchTruth(index: number, videoId: string): (VideoWatchParams & { dropStartMs?: number }) | undefined;
  /** The creator's watch habits (for tests and the diagnosis benchmark). */
  creatorWatch(index: number): CreatorWatch;
}

/** One injected change in a video's view velocity. */
export interface InjectedEvent {
  /** When the change begins. */
  start: number;
  /** When it has clearly played out (a spike's burst is ~80% delivered; a drop has been visible for 12 h). */
  end: number;
  kind: "spike" | "drop";
  /** A spike on a video at least 7 days old: an old post resurfacing. */
  resurfacing?: boolean;
  /** Extra views the spike delivers in total (spikes only). */
  extraViews?: number;
}

export interface CreatorTruth {
  /** Every video posted from history start until `untilMs`, oldest first, including ones that later vanish. */
  videos: {
    id: string;
    createdAtMs: number;
    /** The view counter at exactly 24 h and 7 days of age (what the API would have shown then; computed even if the video is private by then: check unavailableFromMs). */
    views24h: number;
    views7d: number;
    spikes: InjectedEvent[];
    durationSec: number;
    /** ln(views factor) the creator's planted effects gave it (posting window, length); 0 for none. */
    plantedLog: number;
    /** Posted as a breakout: total views scaled up from the first minute (not a spike: nothing changes mid-life). */
    breakout: boolean;
    /** When the video went private or was deleted, if it does (at any time, also after `untilMs`). */
    unavailableFromMs?: number;
  }[];
  /** The content effects planted in this creator (for the growth coach's backtest). */
  planted: {
    window: { fromHour: number; log: number } | null;
    long: { minSeconds: number; log: number } | null;
  };
  /** Follower jumps the model added on top of steady growth, each caused by one video's viral views. */
  followerJumps: { t: number; videoId: string; followers: number }[];
}

/** Builds a world; cheap (no precomputation). Implemented in `world.ts`. */
export type CreateWorld = (options: WorldOptions) => World;
