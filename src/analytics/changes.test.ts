import { describe, expect, it } from "vitest";
import {
  dailyRecord,
  engagementChanges,
  followerChanges,
  gained24h,
  gained7d,
  gainsSinceLastRun,
  updateDaily,
} from "./changes";
import { DAY_MS, HOUR_MS } from "./time";

const now = Date.UTC(2025, 2, 10, 12);
const snap = (t: number, views: number, likes = 0) => ({ t, views, likes, comments: 0, shares: 0 });

describe("changes", () => {
  it("gives follower changes over 24 h and 7 d, null before the history reaches back", () => {
    const followers = Array.from({ length: 15 }, (_, i) => ({ t: now - (14 - i) * DAY_MS, count: 1000 + 10 * i }));
    expect(followerChanges(followers, now)).toEqual({ h24: 10, d7: 70 });
    expect(followerChanges(followers.slice(-3), now)).toEqual({ h24: 10, d7: null });
    expect(followerChanges([], now)).toEqual({ h24: null, d7: null });
  });

  it("sums views gained over 24 h across videos, counting new videos from zero", () => {
    const videos = [
      {
        id: "old",
        createdAtMs: now - 10 * DAY_MS,
        snapshots: [snap(now - 30 * HOUR_MS, 1000), snap(now - 18 * HOUR_MS, 1100), snap(now, 1300)],
      },
      { id: "new", createdAtMs: now - 5 * HOUR_MS, snapshots: [snap(now - 4 * HOUR_MS, 40), snap(now, 500)] },
    ];
    // old: 1300 − 1050 (interpolated at 24 h ago); new: 500 − 0.
    expect(gained24h(videos, now, now - 3 * DAY_MS, "views")).toBe(750);
    expect(gained24h(videos, now, now - 3 * HOUR_MS, "views")).toBeNull();
  });

  it("counts gains since the last run only once, and a newly posted video from zero", () => {
    const stored = (views: number, lastSnapshotMs: number) =>
      ({ latest: { views, likes: 0 }, lastSnapshotMs }) as never;
    const videos = [
      { id: "a", createdAtMs: now - DAY_MS, snapshots: [snap(now, 300)], stored: stored(250, now - HOUR_MS) },
      { id: "b", createdAtMs: now - DAY_MS, snapshots: [snap(now - HOUR_MS, 250)], stored: stored(250, now - HOUR_MS) }, // nothing new
      { id: "c", createdAtMs: now - HOUR_MS, snapshots: [snap(now, 40, 4)] }, // posted after tracking began
      { id: "d", createdAtMs: now - 90 * DAY_MS, snapshots: [snap(now, 9999)] }, // first seen at connection: not a gain
      { id: "e", createdAtMs: now - DAY_MS, snapshots: [snap(now, 240)], stored: stored(250, now - HOUR_MS) }, // a dip
    ];
    expect(gainsSinceLastRun(videos, now - 2 * DAY_MS)).toEqual({ views: 50 + 40 - 10, likes: 4 });
  });

  it("keeps one record per UTC day and reads 7-day gains from the running totals", () => {
    let daily = updateDaily([], dailyRecord(now - 8 * DAY_MS, 100, { views: 0, likes: 0 }));
    for (let d = 7; d >= 1; d--)
      daily = updateDaily(daily, dailyRecord(now - d * DAY_MS, 100 + d, { views: 1000 * (8 - d), likes: 0 }));
    daily = updateDaily(daily, dailyRecord(now - 1, 1, { views: 7500, likes: 0 }));
    daily = updateDaily(daily, dailyRecord(now, 1, { views: 8000, likes: 0 }));
    expect(daily).toHaveLength(9);
    expect(gained7d(daily, now, now - 8 * DAY_MS, "cumulativeViews")).toBe(7000);
    expect(gained7d(daily, now, now - 3 * DAY_MS, "cumulativeViews")).toBeNull();
  });

  it("gives the engagement rate's change: 24 h from the videos' snapshots, 7 d from the daily records", () => {
    const video = (id: string, createdAtMs: number, snaps: [number, number, number][]) => ({
      id,
      createdAtMs,
      snapshots: snaps.map(([t, views, likes]) => ({ t, views, likes, comments: 0, shares: 0 })),
    });
    // A day ago only "a" was posted (10% then); now "b" joins it and "a" is at 8%.
    const videos = [
      video("a", now - 3 * DAY_MS, [
        [now - 2 * DAY_MS, 500, 50],
        [now - DAY_MS, 1000, 100],
        [now, 2000, 160],
      ]),
      video("b", now - 2 * HOUR_MS, [[now, 1000, 80]]),
    ];
    let daily: ReturnType<typeof updateDaily> = [];
    for (let d = 8; d >= 1; d--) {
      daily = updateDaily(daily, dailyRecord(now - d * DAY_MS, 100, { views: 0, likes: 0 }, 0.05 + (8 - d) * 0.001));
    }
    // 0.08 now; 0.1 a day ago; a week ago the records say 0.051
    expect(engagementChanges(0.08, videos, daily, now, now - 8 * DAY_MS, 20)).toEqual({ h24: -0.02, d7: 0.029 });
    // records from before the rate was kept count as missing history; so does a short tracking
    const old = daily.map((d, i) => (i < 5 ? { ...d, engagementRate: undefined } : d));
    expect(engagementChanges(0.08, videos, old, now, now - 3 * DAY_MS, 20)).toEqual({ h24: -0.02, d7: null });
    expect(engagementChanges(0.08, videos, [], now, now - 2 * HOUR_MS, 20)).toEqual({ h24: null, d7: null });
    expect(engagementChanges(null, videos, daily, now, now - 8 * DAY_MS, 20)).toEqual({ h24: null, d7: null });
  });
});
