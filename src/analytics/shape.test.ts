import { describe, expect, it } from "vitest";
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import { fitGrowthShape, shapeIncrement, typicalShape } from "./shape";

const logLogistic = (a: number, h: number, k: number) => 1 / (1 + Math.pow(h / a, k));

describe("growth shape", () => {
  it("falls back to the prior curve without videos", () => {
    const g = fitGrowthShape([]);
    expect(g.videos).toBe(0);
    expect(g.halfLifeHours).toBeGreaterThan(11);
    expect(g.halfLifeHours).toBeLessThan(13);
    expect(g.shape).toBeCloseTo(1.3, 1);
  });

  it("recovers the half-life and steepness of a creator's videos", () => {
    const videos = Array.from({ length: 40 }, (_, i) => ({
      id: `v${i}`,
      createdAtMs: i,
      checkpoints: CHECKPOINT_AGES_HOURS.map((ageHours) => ({
        ageHours,
        views: Math.round(100_000 * logLogistic(ageHours, 5, 1.8)),
        likes: 0,
        comments: 0,
        shares: 0,
      })),
    }));
    const g = fitGrowthShape(videos);
    expect(g.halfLifeHours).toBeGreaterThan(4.5);
    expect(g.halfLifeHours).toBeLessThan(5.5);
    expect(g.shape).toBeGreaterThan(1.65);
    expect(g.shape).toBeLessThan(1.95);
    expect(g.videos).toBe(40);
  });

  it("gives non-negative increments and 0 before posting", () => {
    const shape = typicalShape({ halfLifeHours: 12, shape: 1.3, videos: 0 });
    expect(shape(0)).toBe(0);
    expect(shape(12)).toBeCloseTo(0.5, 10);
    expect(shapeIncrement(shape, 5, 3)).toBe(0);
    expect(shapeIncrement(shape, 3, 5)).toBeGreaterThan(0);
  });
});
