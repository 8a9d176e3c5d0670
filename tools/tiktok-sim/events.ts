/**
 * Events on demand (`POST /__sim/events`): a video's views change pace from now on, so a person
 * can watch a spike travel from TikTok to their phone. A spike makes the video gain views at
 * `factor` × its pace for `hours`, its pace being the faster of its views per hour over the last
 * hour and its lifetime average (views / age): a video that had gone quiet takes off the way a
 * resurfacing post does, by an amount that matters for that video. A drop divides its pace by
 * `factor`. Likes, comments and shares follow views. The model stays pure: the events are an
 * overlay on its answers, kept until reset.
 */
import type { VideoAt, World } from "./model/types.ts";

export interface SimEvent {
  id: number;
  openId: string;
  index: number;
  videoId: string;
  kind: "spike" | "drop";
  factor: number;
  start: number;
  end: number;
}

export class EventInputError extends Error {}

const HOUR_MS = 3_600_000;
/** A spike must hold for hours before a detector can tell it from a lump (README "TikTok simulator"). */
export const VISIBLE_AFTER_MS = 4 * HOUR_MS;

export class EventStore {
  private events: SimEvent[] = [];
  private next = 1;

  add(event: Omit<SimEvent, "id">): SimEvent {
    const full = { id: this.next++, ...event };
    this.events.push(full);
    return full;
  }

  list(): SimEvent[] {
    return [...this.events];
  }

  clear(): number {
    const n = this.events.length;
    this.events = [];
    return n;
  }

  forVideo(videoId: string): SimEvent[] {
    return this.events.filter((e) => e.videoId === videoId);
  }
}

/** Views per hour of a video at `atMs` without events: the last hour's, or its lifetime average if faster. */
function paceAt(video: VideoAt, atMs: number, base: (t: number) => VideoAt | undefined): number {
  const now = base(atMs)?.viewCount ?? 0;
  const hourAgo = base(atMs - HOUR_MS)?.viewCount ?? now;
  const ageHours = Math.max(1, (atMs - video.createTimeSec * 1000) / HOUR_MS);
  return Math.max(now - hourAgo, now / ageHours);
}

/** A video's counters with the events on it applied, each on the pace the video had without it. */
function applyEvents(
  video: VideoAt,
  tMs: number,
  events: readonly SimEvent[],
  base: (t: number) => VideoAt | undefined,
): VideoAt {
  let views = video.viewCount;
  for (const e of events) {
    if (tMs <= e.start) continue;
    const until = Math.min(tMs, e.end);
    if (e.kind === "spike") {
      views += (e.factor - 1) * paceAt(video, e.start, base) * ((until - e.start) / HOUR_MS);
    } else {
      const from = base(e.start)?.viewCount ?? 0;
      const gained = Math.max(0, (base(until)?.viewCount ?? from) - from);
      views -= gained * (1 - 1 / e.factor);
    }
  }
  if (views === video.viewCount) return video;
  const ratio = video.viewCount > 0 ? views / video.viewCount : 1;
  return {
    ...video,
    viewCount: Math.round(views),
    likeCount: Math.round(video.likeCount * ratio),
    commentCount: Math.round(video.commentCount * ratio),
    shareCount: Math.round(video.shareCount * ratio),
  };
}

export function withEvents(world: World, store: EventStore): World {
  const overlay = (index: number, v: VideoAt, tMs: number): VideoAt => {
    const events = store.forVideo(v.id);
    return events.length ? applyEvents(v, tMs, events, (t) => world.video(index, v.id, t)) : v;
  };
  return {
    ...world,
    creator: (index) => world.creator(index),
    indexOfOpenId: (openId) => world.indexOfOpenId(openId),
    account: (index, tMs) => world.account(index, tMs),
    truth: (index, untilMs) => world.truth(index, untilMs),
    publicVideos: (index, tMs) => world.publicVideos(index, tMs).map((v) => overlay(index, v, tMs)),
    video: (index, id, tMs) => {
      const v = world.video(index, id, tMs);
      return v && overlay(index, v, tMs);
    },
  };
}

/**
 * The video an event goes on when none is named: the creator's most viewed public video between
 * one and six days old (spikes are judged from a day old, drops while a video is under a week).
 */
export function pickVideo(world: World, index: number, nowMs: number): VideoAt | undefined {
  const candidates = world
    .publicVideos(index, nowMs)
    .filter(
      (v) => nowMs - v.createTimeSec * 1000 >= 24 * HOUR_MS && nowMs - v.createTimeSec * 1000 <= 6 * 24 * HOUR_MS,
    );
  return candidates.sort((a, b) => b.viewCount - a.viewCount)[0];
}

export function parseEventInput(body: Record<string, unknown>) {
  const { open_id: openId, video_id: videoId, kind, factor, hours } = body;
  if (kind !== "spike" && kind !== "drop") throw new EventInputError('kind must be "spike" or "drop"');
  if (typeof factor !== "number" || !Number.isFinite(factor) || factor < 1.5 || factor > 1000) {
    throw new EventInputError("factor must be a number from 1.5 to 1000");
  }
  if (openId !== undefined && typeof openId !== "string") throw new EventInputError("open_id must be a string");
  if (videoId !== undefined && (typeof videoId !== "string" || !/^\d{1,20}$/.test(videoId))) {
    throw new EventInputError("video_id must be a TikTok video id (a string of digits)");
  }
  if (hours !== undefined && (typeof hours !== "number" || !(hours > 0) || hours > 72)) {
    throw new EventInputError("hours must be a number from 0 to 72");
  }
  return { openId, videoId, kind, factor, hours: (hours as number | undefined) ?? 12 } as {
    openId?: string;
    videoId?: string;
    kind: "spike" | "drop";
    factor: number;
    hours: number;
  };
}
