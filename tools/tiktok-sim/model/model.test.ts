import { describe, expect, it } from "vitest";
import { creatorParams } from "./creator.ts";
import { postsBetween, videoId } from "./posts.ts";
import { DAY_MS, HOUR_MS } from "./time.ts";
import { countersAt, videoParams } from "./video.ts";
import { createWorld } from "./world.ts";

const EPOCH = Date.UTC(2025, 0, 1);
const world = createWorld({ seed: 7, epochMs: EPOCH });
const origin = world.historyStartMs;

describe("determinism", () => {
  it("gives the same numbers for the same seed, whatever the call order", () => {
    const other = createWorld({ seed: 7, epochMs: EPOCH });
    const later = EPOCH + 3 * DAY_MS + 17 * 60_000;
    const a = [world.account(3, later), world.publicVideos(3, later), world.truth(3, later)];
    other.publicVideos(5, EPOCH); // unrelated calls first must not change anything
    const b = [other.account(3, later), other.publicVideos(3, later), other.truth(3, later)];
    expect(b).toEqual(a);
  });

  it("gives different creators for another seed", () => {
    const other = createWorld({ seed: 8, epochMs: EPOCH });
    expect(other.account(3, EPOCH)).not.toEqual(world.account(3, EPOCH));
  });
});

describe("identity", () => {
  it("round-trips open ids and rejects ones it did not make", () => {
    for (const index of [0, 1, 35, 99_999]) expect(world.indexOfOpenId(world.creator(index).openId)).toBe(index);
    const id = world.creator(12).openId;
    expect(world.indexOfOpenId(id.slice(0, -1) + (id.endsWith("0") ? "1" : "0"))).toBeUndefined();
    expect(createWorld({ seed: 8, epochMs: EPOCH }).indexOfOpenId(id)).toBeUndefined();
    expect(world.indexOfOpenId("not-an-id")).toBeUndefined();
  });

  it("makes 19-digit video ids that encode create_time and lead back to the video", () => {
    const videos = world.publicVideos(4, EPOCH);
    expect(videos.length).toBeGreaterThan(10);
    for (const v of videos) {
      expect(v.id).toMatch(/^[0-9]{19}$/);
      expect(Number(BigInt(v.id) >> 32n)).toBe(v.createTimeSec);
      expect(world.video(4, v.id, EPOCH)).toEqual(v);
      expect(world.video(5, v.id, EPOCH)).toBeUndefined();
    }
  });
});

describe("videos", () => {
  it("lists public videos newest first, and new ones keep appearing after the epoch", () => {
    const now = world.publicVideos(2, EPOCH);
    const later = world.publicVideos(2, EPOCH + 14 * DAY_MS);
    const times = later.map((v) => v.createTimeSec);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(later.filter((v) => v.createTimeSec * 1000 > EPOCH).length).toBeGreaterThan(0);
    expect(world.account(2, EPOCH).videoCount).toBe(now.length);
  });

  it("keeps counters integral, likes below views, and non-decreasing except at a deliberate dip", () => {
    let checked = 0;
    const bad: unknown[] = [];
    for (let index = 0; index < 12; index++) {
      const c = creatorParams(7, index);
      for (const post of postsBetween(c, EPOCH - 10 * DAY_MS, EPOCH)) {
        const v = videoParams(c, post, origin);
        const step = 10 * 60_000 + 7; // not a divisor of the slot, so every phase within a slot is visited
        let prev = countersAt(v, post.createdMs);
        for (let t = post.createdMs + step; t < post.createdMs + 6 * DAY_MS; t += step) {
          const cur = countersAt(v, t);
          const crossedDip = v.dip !== undefined && v.dip.tMs > t - step && v.dip.tMs <= t;
          const fell =
            cur.viewCount < prev.viewCount ||
            cur.likeCount < prev.likeCount ||
            cur.commentCount < prev.commentCount ||
            cur.shareCount < prev.shareCount;
          if (!Number.isInteger(cur.viewCount) || cur.likeCount > cur.viewCount || (fell && !crossedDip))
            bad.push({ id: videoId(post), t, prev, cur });
          prev = cur;
          checked++;
        }
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });

  it("keeps followers non-decreasing except at a purge", () => {
    const f = (t: number) => world.account(1, t).followerCount;
    const fallRatios: number[] = [];
    let prev = f(origin);
    for (let t = origin + 3 * HOUR_MS; t < EPOCH; t += 3 * HOUR_MS + 11) {
      const cur = f(t);
      if (cur < prev) fallRatios.push(cur / prev);
      prev = cur;
    }
    const falls = fallRatios.length;
    expect(fallRatios.every((ratio) => ratio > 0.97)).toBe(true);

    expect(falls).toBeLessThanOrEqual(4); // at most one purge per 30 days
  });

  it("dips: some video's counter falls once, by a few percent", () => {
    let dips = 0;
    for (let index = 0; index < 40 && dips === 0; index++) {
      const c = creatorParams(7, index);
      for (const post of postsBetween(c, origin, EPOCH)) {
        const v = videoParams(c, post, origin);
        if (!v.dip || v.dip.tMs > EPOCH || (v.unavailableFromMs ?? Infinity) < v.dip.tMs + HOUR_MS) continue;
        const before = world.video(index, videoId(post), v.dip.tMs - 1)!.viewCount;
        const after = world.video(index, videoId(post), v.dip.tMs)!.viewCount;
        if (before < 1000) continue;
        expect(after).toBeLessThan(before);
        expect(after).toBeGreaterThan(before * 0.95);
        dips++;
      }
    }
    expect(dips).toBeGreaterThan(0);
  });

  it("makes views heavy-tailed: a few posts get 10× or even 50× their creator's median", () => {
    let total = 0;
    let over10 = 0;
    let over50 = 0;
    for (let index = 0; index < 150; index++) {
      const views = world
        .truth(index, EPOCH)
        .videos.map((v) => v.views7d)
        .sort((a, b) => a - b);
      const median = views[Math.floor(views.length / 2)] ?? 0;
      if (median < 50) continue;
      total += views.length;
      over10 += views.filter((v) => v >= 10 * median).length;
      over50 += views.filter((v) => v >= 50 * median).length;
    }
    expect(over10 / total).toBeGreaterThan(0.01);
    expect(over10 / total).toBeLessThan(0.1);
    expect(over50).toBeGreaterThan(0);
  });

  it("peaks velocity in the first hours, then decays", () => {
    const peakAges: number[] = [];
    for (let index = 0; index < 20; index++) {
      const c = creatorParams(7, index);
      for (const post of postsBetween(c, EPOCH - 20 * DAY_MS, EPOCH - 10 * DAY_MS)) {
        const v = videoParams(c, post, origin);
        if (v.bursts.length || v.drop || v.dip || v.unavailableFromMs || v.totalViews < 2000) continue;
        const id = videoId(post);
        const at = (h: number) => world.video(index, id, post.createdMs + h * HOUR_MS)!.viewCount;
        let best = 0;
        let bestAge = 0;
        for (let h = 1; h <= 72; h++) {
          const rate = at(h) - at(h - 1);
          if (rate > best) [best, bestAge] = [rate, h];
        }
        peakAges.push(bestAge);
        expect(at(72) - at(71)).toBeLessThan(best / 3);
      }
    }
    peakAges.sort((a, b) => a - b);
    expect(peakAges.length).toBeGreaterThan(20);
    expect(peakAges[Math.floor(peakAges.length / 2)]).toBeLessThanOrEqual(8);
  });

  it("vanishes videos that go private: absent from lists, counts and lookups from then on", () => {
    const gone = world
      .truth(9, EPOCH + 30 * DAY_MS)
      .videos.find((v) => v.unavailableFromMs && v.unavailableFromMs > origin + DAY_MS);
    expect(gone).toBeDefined();
    const at = gone!.unavailableFromMs!;
    expect(world.video(9, gone!.id, at - 1)).toBeDefined();
    expect(world.video(9, gone!.id, at)).toBeUndefined();
    expect(world.publicVideos(9, at).some((v) => v.id === gone!.id)).toBe(false);
    expect(world.publicVideos(9, at - 1).some((v) => v.id === gone!.id)).toBe(true);
  });
});

describe("injected events", () => {
  it("spikes raise the velocity they claim to", () => {
    let checked = 0;
    for (let index = 0; index < 60; index++) {
      for (const v of world.truth(index, EPOCH).videos) {
        for (const s of v.spikes) {
          if (s.kind !== "spike" || (v.unavailableFromMs ?? Infinity) < s.end || s.end > EPOCH) continue;
          const views = (t: number) => world.video(index, v.id, t)!.viewCount;
          const before = views(s.start) - views(s.start - 2 * HOUR_MS);
          const during = (views(s.end) - views(s.start)) / ((s.end - s.start) / (2 * HOUR_MS));
          expect(during).toBeGreaterThan(before * 1.3);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("ties follower jumps to viral videos: followers grow faster after them by about the jump", () => {
    const shares: number[] = [];
    for (let index = 0; index < 60; index++) {
      const f = (t: number) => world.account(index, t).followerCount;
      for (const jump of world.truth(index, EPOCH).followerJumps) {
        if (jump.t < origin + 3 * DAY_MS || jump.t > EPOCH - 3 * DAY_MS) continue;
        const before = f(jump.t) - f(jump.t - 3 * DAY_MS);
        if (jump.followers < before) continue; // too small against steady growth to measure this way
        shares.push((f(jump.t + 3 * DAY_MS) - f(jump.t) - before) / jump.followers);
      }
    }
    shares.sort((a, b) => a - b);
    expect(shares.length).toBeGreaterThan(5);
    expect(shares[Math.floor(shares.length / 2)]).toBeGreaterThan(0.4);
  });
});
