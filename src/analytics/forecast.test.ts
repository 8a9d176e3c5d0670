import { describe, expect, it } from "vitest";
import { fitAt, fitForecastModel, forecastVideo, priorFit, recentGrowth, viewsAtAge } from "./forecast";

const cp = (ageHours: number, views: number) => ({ ageHours, views, likes: 0, comments: 0, shares: 0 });

/** A creator whose videos all go 49 → 99 → 399 views between 0.5 h, 1 h and 24 h. */
function steadyCreator(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: `v${i}`,
    createdAtMs: i,
    checkpoints: [cp(0.5, 49), cp(1, 99), cp(24, 399)],
  }));
}

describe("forecast model", () => {
  it("is the prior without history", () => {
    const fit = fitAt(fitForecastModel([]), 24, 1);
    expect(fit).toEqual(priorFit(1, 24));
    const share = (a: number) => 1 / (1 + Math.pow(12 / a, 1.3));
    expect(fit.meanLogRatio).toBeCloseTo(Math.log(share(24) / share(1)), 4);
    expect(fit.q10).toBeLessThan(0);
    expect(fit.q90).toBeGreaterThan(0);
  });

  it("moves from the prior to the creator's own log ratio as videos accumulate (shrinkage n / (n + 4))", () => {
    const prior = priorFit(1, 24).meanLogRatio;
    for (const n of [1, 4, 40]) {
      const fit = fitAt(fitForecastModel(steadyCreator(n)), 24, 1);
      expect(fit.meanLogRatio).toBeCloseTo((n * Math.log(4) + 4 * prior) / (n + 4), 3);
      expect(fit.n).toBe(n);
    }
  });

  it("narrows its range as the creator's own videos replace the prior", () => {
    const width = (n: number) => {
      const f = fitAt(fitForecastModel(steadyCreator(n)), 24, 1);
      return f.q90 - f.q10;
    };
    expect(width(40)).toBeLessThan(width(4));
    expect(width(4)).toBeLessThan(width(0));
  });

  it("learns that videos still climbing fast end higher", () => {
    // Half the videos grew 4× from 0.5 h to 1 h and end 8× higher; the other half grew 1.25× and end 2× higher.
    const videos = Array.from({ length: 30 }, (_, i) => ({
      id: `v${i}`,
      createdAtMs: i,
      checkpoints: i % 2 ? [cp(0.5, 24), cp(1, 99), cp(24, 799)] : [cp(0.5, 79), cp(1, 99), cp(24, 199)],
    }));
    const model = fitForecastModel(videos);
    const fast = forecastVideo(model, 24, 1, 99, 24);
    const slow = forecastVideo(model, 24, 1, 99, 79);
    expect(fast.p50).toBeGreaterThan(1.5 * slow.p50);
  });
});

describe("forecastVideo", () => {
  const model = fitForecastModel(steadyCreator(40));
  it("scales views now by the fitted ratio, never below the views already there", () => {
    const f = forecastVideo(model, 24, 1, 99);
    expect(f.p50).toBeCloseTo(100 * Math.exp(fitAt(model, 24, 1).meanLogRatio) - 1, 0);
    expect(f.p10).toBeLessThanOrEqual(f.p50);
    expect(f.p90).toBeGreaterThanOrEqual(f.p50);
    expect(f.observed).toBe(false);
    const late = forecastVideo(fitForecastModel([]), 24, 23.9, 5000);
    expect(late.p10).toBeGreaterThanOrEqual(5000);
  });

  it("stays finite for zero views and huge ones", () => {
    for (const views of [0, 1e12]) {
      const f = forecastVideo(model, 168, 0.2, views, views / 2);
      for (const x of [f.p10, f.p50, f.p90]) expect(Number.isFinite(x)).toBe(true);
      expect(f.p50).toBeGreaterThanOrEqual(views);
    }
  });
});

describe("growth feature", () => {
  it("reads views at any age from checkpoints and measures the last doubling", () => {
    const cps = [cp(1, 100), cp(2, 300)];
    expect(viewsAtAge(cps, 0.5)).toBe(50);
    expect(viewsAtAge(cps, 1.5)).toBe(200);
    expect(viewsAtAge(cps, 3)).toBeUndefined();
    expect(recentGrowth(399, 99)).toBeCloseTo(2, 10);
    expect(recentGrowth(0, 0)).toBe(0);
  });
});
