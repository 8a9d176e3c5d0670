/**
 * When a creator posts. Each UTC day is an independent bucket: a Poisson number of posts around
 * the creator's preferred hour, hashed from (creator, day), so listing posts between any two
 * instants needs no state and a video id leads straight back to its day.
 */
import type { CreatorParams } from "./creator.ts";
import { hash, normal, poisson, Tag } from "./hash.ts";
import { DAY_MS, HOUR_MS } from "./time.ts";

/** The seed of one video: where it sits in the schedule, what it is called, what hashes it. */
export interface Post {
  day: number;
  /** Position among the day's posts (draw order, not time order). */
  k: number;
  createTimeSec: number;
  createdMs: number;
  /** Low 32 bits of the id. */
  rand32: number;
  /** Root hash of every draw about this video. */
  key: number;
}

/** The k-th post of a day (k < postCount(day)). */
export function postOnDay(c: CreatorParams, day: number, k: number): Post {
  const offset = c.postHourMs + 2.5 * HOUR_MS * normal(hash(c.key, day, k, Tag.postTime));
  const wrapped = ((offset % DAY_MS) + DAY_MS) % DAY_MS;
  const createTimeSec = Math.floor((day * DAY_MS + wrapped) / 1000);
  return {
    day,
    k,
    createTimeSec,
    createdMs: createTimeSec * 1000,
    rand32: hash(c.key, day, k, Tag.postId),
    key: postKey(c, day, k),
  };
}

/** A post's root hash, without computing its time (the cheap path for account counters). */
export function postKey(c: CreatorParams, day: number, k: number): number {
  return hash(c.key, day, k, Tag.videoKey);
}

/** How many posts a UTC day holds. */
export function postCount(c: CreatorParams, day: number): number {
  return poisson(hash(c.key, day, Tag.postCount), c.postsPerDay, c.expMinusPostsPerDay);
}

/** Posts created in [fromMs, toMs], in no particular order. */
export function postsBetween(c: CreatorParams, fromMs: number, toMs: number): Post[] {
  const posts: Post[] = [];
  for (let day = Math.floor(fromMs / DAY_MS); day <= Math.floor(toMs / DAY_MS); day++) {
    const n = postCount(c, day);
    for (let k = 0; k < n; k++) {
      const post = postOnDay(c, day, k);
      if (post.createdMs >= fromMs && post.createdMs <= toMs) posts.push(post);
    }
  }
  return posts;
}

/** TikTok-like id: (create_time << 32) | rand32, as a decimal string (19 digits for any date after 1977). */
export function videoId(post: Post): string {
  return ((BigInt(post.createTimeSec) << 32n) | BigInt(post.rand32)).toString();
}

/** The post behind a video id, if this creator made it. */
export function postOfId(c: CreatorParams, id: string): Post | undefined {
  if (!/^[0-9]{1,20}$/.test(id)) return undefined;
  const n = BigInt(id);
  const createTimeSec = Number(n >> 32n);
  const rand32 = Number(n & 0xffffffffn);
  const day = Math.floor((createTimeSec * 1000) / DAY_MS);
  const count = postCount(c, day);
  for (let k = 0; k < count; k++) {
    const post = postOnDay(c, day, k);
    if (post.rand32 === rand32 && post.createTimeSec === createTimeSec) return post;
  }
  return undefined;
}
