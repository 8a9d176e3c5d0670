import { describe, expect, it } from "vitest";
import { HOUR_MS } from "./time";
import { currentVelocity, findDips, velocity, velocityCurve } from "./velocity";

const at = (hours: number, views: number, likes = 0) => ({ t: hours * HOUR_MS, views, likes, comments: 0, shares: 0 });

describe("velocity", () => {
  it("divides by each irregular gap", () => {
    const rates = velocity([at(0, 0), at(0.5, 50), at(2, 200), at(2.25, 200)], "views");
    expect(rates.map((r) => r.perHour)).toEqual([100, 100, 0]);
  });

  it("clamps a dip to zero velocity and reports it separately", () => {
    const series = [at(0, 1000, 100), at(1, 980, 90), at(2, 1080, 95)];
    expect(velocity(series, "views").map((r) => [r.delta, r.perHour])).toEqual([
      [-20, 0],
      [100, 100],
    ]);
    expect(findDips(series)).toEqual([
      { t: HOUR_MS, metric: "views", amount: 20 },
      { t: HOUR_MS, metric: "likes", amount: 10 },
    ]);
  });

  it("reads the current rate over at least an hour, or what there is", () => {
    const v = currentVelocity([at(0, 0), at(0.5, 10), at(1, 40), at(1.5, 100)]);
    expect(v).toMatchObject({ windowStartMs: 0.5 * HOUR_MS, windowEndMs: 1.5 * HOUR_MS, viewsPerHour: 90 });
    expect(currentVelocity([at(0, 0), at(0.5, 10)])?.viewsPerHour).toBe(20);
    expect(currentVelocity([at(0, 0)])).toBeNull();
    expect(currentVelocity([])).toBeNull();
  });

  it("builds a video's curve between consecutive checkpoints, from posting", () => {
    const cp = (ageHours: number, views: number) => ({ ageHours, views, likes: 0, comments: 0, shares: 0 });
    expect(velocityCurve([cp(0.5, 50), cp(1, 150), cp(3, 350)])).toEqual([
      { fromAgeHours: 0, toAgeHours: 0.5, viewsPerHour: 100 },
      { fromAgeHours: 0.5, toAgeHours: 1, viewsPerHour: 200 },
      { fromAgeHours: 1, toAgeHours: 3, viewsPerHour: 100 },
    ]);
    // First seen late: no segment from posting.
    expect(velocityCurve([cp(24, 1000), cp(36, 1600)])).toEqual([
      { fromAgeHours: 24, toAgeHours: 36, viewsPerHour: 50 },
    ]);
  });
});
