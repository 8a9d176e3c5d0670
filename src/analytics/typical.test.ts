import { describe, expect, it } from "vitest";
import { agePercentiles, percentileAtAge, typicalCurve } from "./typical";

const cp = (ageHours: number, views: number) => ({ ageHours, views, likes: 0, comments: 0, shares: 0 });
const video = (i: number, views1h: number, views2h?: number) => ({
  id: `v${i}`,
  createdAtMs: i * 1000,
  checkpoints: views2h === undefined ? [cp(1, views1h)] : [cp(1, views1h), cp(2, views2h)],
});

describe("typical curve", () => {
  it("gives age-matched quantiles of the newest videos, with the count behind each point", () => {
    const curve = typicalCurve([video(1, 50, 80), video(2, 10, 30), video(3, 40), video(4, 20, 60), video(5, 30)]);
    expect(curve.points[0]).toEqual({ ageHours: 1, p10: 14, p25: 20, p50: 30, p75: 40, p90: 46, n: 5 });
    expect(curve.points[1]).toMatchObject({ ageHours: 2, p50: 60, n: 3 });
    expect(curve.videos).toBe(5);
    // Velocity between 1 h and 2 h, for the videos that have both: 30, 20, 40 views per hour.
    expect(curve.velocity.find((v) => v.fromAgeHours === 1)).toMatchObject({ toAgeHours: 2, p50PerHour: 30, n: 3 });
  });

  it("uses only the newest videos", () => {
    const many = Array.from({ length: 40 }, (_, i) => video(i, i < 10 ? 1000 : 10));
    expect(typicalCurve(many, 30).points[0]?.p50).toBe(10);
    expect(typicalCurve(many.slice(0, 10), 30).points[0]?.p50).toBe(1000);
  });

  it("is empty without checkpoints", () => {
    expect(typicalCurve([])).toEqual({ videos: 0, points: [], velocity: [] });
  });
});

describe("percentile at age", () => {
  it("ranks with ties counted half", () => {
    expect(percentileAtAge(30, [10, 20, 30, 40, 50])).toBe(50);
    expect(percentileAtAge(60, [10, 20, 30, 40, 50])).toBe(100);
    expect(percentileAtAge(5, [10, 20])).toBe(0);
    expect(percentileAtAge(7, [7, 7, 7])).toBe(50);
    expect(percentileAtAge(7, [])).toBeUndefined();
  });

  it("compares a video only with videos posted before it", () => {
    const all = [video(1, 10), video(2, 20), video(3, 30), video(4, 400), video(5, 5)];
    const p = agePercentiles(all[3] as (typeof all)[number], all);
    expect(p).toEqual(
      [{ ageHours: 1, views: 400, percentile: 100, ratioToTypical: 401 / 21, comparedWith: 3 }].map((x) => ({
        ...x,
        ratioToTypical: Math.round(x.ratioToTypical * 1000) / 1000,
      })),
    );
    // A creator's only video has nothing to be compared with.
    expect(agePercentiles(video(1, 10), [video(1, 10)])).toEqual([]);
  });
});
