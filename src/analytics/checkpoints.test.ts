import { describe, expect, it } from "vitest";
import { updateCheckpoints } from "./checkpoints";
import { HOUR_MS } from "./time";

const created = 1_700_000_000_000;
const at = (hours: number, views: number) => ({
  t: created + hours * HOUR_MS,
  views,
  likes: views / 10,
  comments: 0,
  shares: 0,
});

describe("age checkpoints", () => {
  it("interpolates linearly between the snapshots around each age", () => {
    const cps = updateCheckpoints([at(0.25, 10), at(0.75, 30), at(1.25, 70), at(2.5, 120)], created);
    expect(cps.map((c) => [c.ageHours, c.views, c.likes])).toEqual([
      [0.5, 20, 2],
      [1, 50, 5],
      [2, 100, 10],
    ]);
  });

  it("uses zero views at posting when the first snapshot comes soon enough", () => {
    expect(updateCheckpoints([at(1, 60)], created).map((c) => [c.ageHours, c.views])).toEqual([
      [0.5, 30],
      [1, 60],
    ]);
    // First seen at 20 h (connected late): no early checkpoints invented.
    expect(updateCheckpoints([at(20, 5000), at(20.5, 5100)], created)).toEqual([]);
  });

  it("skips an age when the snapshots around it are too far apart (missing snapshots)", () => {
    const cps = updateCheckpoints([at(0.5, 10), at(4.5, 400)], created);
    expect(cps.map((c) => c.ageHours)).toEqual([0.5]);
  });

  it("never revises a stored checkpoint", () => {
    const stored = [{ ageHours: 0.5, views: 7, likes: 0, comments: 0, shares: 0 }];
    const cps = updateCheckpoints([at(0.25, 10), at(0.75, 30), at(1, 40)], created, stored);
    expect(cps[0]).toEqual(stored[0]);
    expect(cps[1]?.views).toBe(40);
  });

  it("handles zero-view videos and no snapshots", () => {
    expect(updateCheckpoints([at(0.5, 0), at(1, 0)], created).map((c) => c.views)).toEqual([0, 0]);
    expect(updateCheckpoints([], created)).toEqual([]);
  });
});
