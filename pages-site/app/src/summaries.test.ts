import { describe, expect, it } from "vitest";
import type { FollowerProjection, TypicalCurve } from "./api";
import { chartMaxAge, curveSummary, followerSummary } from "./summaries";
import { metrics, video } from "./test/fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("followerSummary", () => {
  const t0 = Date.UTC(2026, 10, 1, 12);
  it("says where followers went over the days shown and where the projection ends", () => {
    const projection = {
      points: [{ day: 90, p10: 1500, p50: 2000, p90: 2600 }],
    } as Pick<FollowerProjection, "points"> as FollowerProjection;
    expect(
      followerSummary(
        metrics({ summary: { followerProjection: projection } }),
        [t0, t0 + DAY, t0 + 2 * DAY],
        [1000, null, 1200],
      ),
    ).toBe(
      "Followers went from 1,000 on Nov 1, 2026 to 1,200 on Nov 3, 2026. In 90 days: about 2,000 followers, likely between 1,500 and 2,600.",
    );
  });

  it("says the projection is still to come, and nothing of one point", () => {
    expect(followerSummary(metrics(), [t0], [1000])).toBe("The 90-day projection appears after a few days of history.");
  });
});

describe("the velocity chart", () => {
  const created = Date.UTC(2026, 11, 1);
  const v = video("9", { create_time: new Date(created).toISOString() });
  const series = (hours: number[], views: number[]) => ({
    t: hours.map((x) => created + x * HOUR),
    fetched: hours.map((x) => created + x * HOUR),
    views,
    likes: views.map(() => 0),
    comments: views.map(() => 0),
    shares: views.map(() => 0),
  });

  it("shows the first week of a video followed from its start, else all its ages", () => {
    expect(chartMaxAge(v.create_time, [created + HOUR, created + 10 * HOUR])).toBe(10);
    expect(chartMaxAge(v.create_time, [created + HOUR, created + 400 * HOUR])).toBe(168);
    expect(chartMaxAge(v.create_time, [created + 200 * HOUR, created + 400 * HOUR])).toBe(400);
    expect(chartMaxAge(v.create_time, [])).toBe(1);
  });

  it("compares with the typical video at the latest age both reach, with three videos or more behind it", () => {
    const typicalCurve = {
      videos: 4,
      velocity: [],
      points: [
        { ageHours: 1, p10: 10, p25: 20, p50: 30, p75: 40, p90: 50, n: 4 },
        { ageHours: 2, p10: 20, p25: 30, p50: 60, p75: 70, p90: 90, n: 3 },
        { ageHours: 3, p10: 30, p25: 40, p50: 90, p75: 99, p90: 120, n: 2 },
      ],
    } satisfies TypicalCurve;
    expect(curveSummary(v, series([1, 2, 3], [25, 70, 100]), metrics({ summary: { typicalCurve } }), 3)).toBe(
      "3 snapshots: 100 views at 3 h. At 2 h it had 70 views; your typical video had 60 (80% between 20 and 90).",
    );
  });

  it("says when there is no band yet, or no snapshot", () => {
    expect(curveSummary(v, series([0.25, 0.5], [2, 4]), null, 1)).toBe(
      "2 snapshots: 4 views at 30 min. The typical band appears once Adam has followed at least three of your videos through the same ages.",
    );
    expect(curveSummary(v, series([], []), null, 1)).toBe("No snapshots of this video yet.");
  });
});
