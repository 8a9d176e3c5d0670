import { describe, expect, it } from "vitest";
import { cleanFollowerSnapshots, cleanVideoSnapshots, interpolate } from "./series";

const s = (t: number, views: number) => ({ t, views, likes: 0, comments: 0, shares: 0 });

describe("cleaning snapshots", () => {
  it("sorts, keeps the last of duplicate instants, clamps counts and drops impossible times", () => {
    const cleaned = cleanVideoSnapshots(
      [s(300, 30), s(100, 10), s(200, 20), s(200, 25), s(50, 1), s(400, -5), s(500, NaN), s(900, 9)],
      100,
      800,
    );
    expect(cleaned.map((x) => [x.t, x.views])).toEqual([
      [100, 10],
      [200, 25],
      [300, 30],
      [400, 0],
      [500, 0],
    ]);
  });

  it("returns clean input as is, without copying", () => {
    const clean = [s(1, 1), s(2, 2)];
    expect(cleanVideoSnapshots(clean, 0)).toBe(clean);
    const followers = [
      { t: 1, count: 5 },
      { t: 2, count: 4 },
    ];
    expect(cleanFollowerSnapshots(followers)).toBe(followers); // a dip is real data, not dirt
  });
});

describe("interpolate", () => {
  const series = [
    { t: 0, v: 0 },
    { t: 10, v: 100 },
    { t: 100, v: 200 },
  ];
  it("is linear between neighbours and exact on them", () => {
    expect(interpolate(series, 5, (x) => x.v)).toBe(50);
    expect(interpolate(series, 10, (x) => x.v)).toBe(100);
    expect(interpolate(series, 55, (x) => x.v)).toBe(150);
  });
  it("refuses outside the series or across a gap wider than allowed", () => {
    expect(interpolate(series, -1, (x) => x.v)).toBeUndefined();
    expect(interpolate(series, 101, (x) => x.v)).toBeUndefined();
    expect(interpolate(series, 55, (x) => x.v, 50)).toBeUndefined();
    expect(interpolate([], 0, (x: { t: number }) => x.t)).toBeUndefined();
  });
});
