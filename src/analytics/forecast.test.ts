import { describe, expect, it } from "vitest";
import { CHECKPOINT_AGES_HOURS } from "./checkpoints";
import {
  FORECAST_MODEL_VERSION,
  fitAt,
  fitForecastModel,
  forecastVideo,
  leaveOneOutResiduals,
  paceFeature,
  priorFit,
  viewsAtAge,
} from "./forecast";
import { emptyCalibration, rangeScale, updateCalibration } from "./forecast-calibration";
import { createRng } from "./random";
import type { Checkpoint } from "./types";

const cp = (ageHours: number, views: number): Checkpoint => ({ ageHours, views, likes: 0, comments: 0, shares: 0 });

/**
 * A family of creators' videos: each grows along the curve a / (a + 6) (half its 7-day views by
 * about 6 h), each checkpoint segment's log growth multiplied by its own log-normal factor
 * exp(σ·N − σ²/2), so what is ahead of a video is independent of its past and the spread of its
 * log ratio to the target grows with σ. Levels vary 10× between videos.
 */
function family(seed: number, count: number, sigma: number) {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    let views = 300 * Math.exp(rng.normal());
    const checkpoints = CHECKPOINT_AGES_HOURS.map((a, k) => {
      if (k > 0) {
        const prev = CHECKPOINT_AGES_HOURS[k - 1] as number;
        const step = Math.log((a / (a + 6)) * ((prev + 6) / prev));
        views *= Math.exp(step * Math.exp(sigma * rng.normal() - (sigma * sigma) / 2));
      }
      return cp(a, Math.round(views));
    });
    return { id: `v${seed}-${i}`, createdAtMs: i, checkpoints };
  });
}

describe("forecast model", () => {
  it("without history is the prior: the generic curve, with an honest, wide range", () => {
    const model = fitForecastModel([]);
    expect(model.version).toBe(FORECAST_MODEL_VERSION);
    const f = forecastVideo(model, 24, 1, 1000);
    expect(f.fittedOn).toBe(0);
    expect(f.p50).toBeGreaterThan(1000);
    // The generic curve knows little about this creator: the 80% range spans more than 10×.
    expect(f.p90 / f.p10).toBeGreaterThan(10);
    expect(fitAt(model, 24, 1)).toEqual(priorFit(1, 24));
  });

  it("moves from the prior to the creator's own log ratio as videos accumulate", () => {
    // Every video goes 100 → 400 views from 1 h to 24 h (and 70 at 0.5 h, 130 at 2 h, …).
    const steady = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `v${i}`,
        createdAtMs: i,
        checkpoints: CHECKPOINT_AGES_HOURS.filter((a) => a <= 24).map((a) =>
          cp(a, Math.round(a <= 1 ? 100 * a ** 0.5 : 100 * 4 ** (Math.log(a) / Math.log(24)))),
        ),
      }));
    const own = Math.log(401 / 101);
    const error = (n: number) => Math.abs((fitAt(fitForecastModel(steady(n)), 24, 1)?.meanLogRatio ?? 0) - own);
    expect(error(40)).toBeLessThan(0.02);
    expect(error(40)).toBeLessThan(error(3));
    expect(error(3)).toBeLessThan(error(0));
  });

  it("knows a creator's 7-day ratio from videos not yet a week old (the chain of segments)", () => {
    // Half the videos are under 5 days old, the other half were first seen at 4 days: no video has
    // both its 6 h and its 7 d checkpoint, but together they cover every segment in between.
    const videos = family(3, 30, 0.2).map((v, i) => ({
      ...v,
      checkpoints: v.checkpoints.filter((c) => (i % 2 ? c.ageHours <= 120 : c.ageHours >= 96)),
    }));
    const fit = fitAt(fitForecastModel(videos), 168, 6);
    const truth = family(3, 30, 0.2).map((v) =>
      Math.log(((viewsAtAge(v.checkpoints, 168) ?? 0) + 1) / ((viewsAtAge(v.checkpoints, 6) ?? 0) + 1)),
    );
    const typical = [...truth].sort((a, b) => a - b)[15] ?? 0;
    expect(fit?.n).toBe(0);
    expect(Math.abs((fit?.meanLogRatio ?? 0) - typical)).toBeLessThan(0.1);
    expect(Math.abs(priorFit(6, 168).meanLogRatio - typical)).toBeGreaterThan(0.3);
  });

  it("covers about 80% of new videos of the same creator (split-conformal on their own videos)", () => {
    for (const sigma of [0.1, 0.5]) {
      const model = fitForecastModel(family(11, 40, sigma));
      const fresh = family(12, 2000, sigma);
      for (const [target, age] of [
        [24, 1],
        [24, 12],
        [168, 6],
        [168, 72],
      ] as const) {
        const inside = fresh.filter((v) => {
          const now = viewsAtAge(v.checkpoints, age) ?? 0;
          const f = forecastVideo(model, target, age, now, (h) => viewsAtAge(v.checkpoints, h));
          const actual = viewsAtAge(v.checkpoints, target) ?? 0;
          return actual >= f.p10 && actual <= f.p90;
        }).length;
        expect(inside / fresh.length).toBeGreaterThan(0.7);
        expect(inside / fresh.length).toBeLessThan(0.92);
      }
    }
  });

  it("widens the range when the creator's history is erratic", () => {
    const width = (sigma: number) => {
      const f = forecastVideo(fitForecastModel(family(5, 40, sigma)), 168, 24, 1000);
      return Math.log(f.p90 / f.p10);
    };
    expect(width(0.6)).toBeGreaterThan(2 * width(0.15));
  });

  it("learns that videos still climbing fast end higher (the pace feature)", () => {
    // Half the videos gain 100 views from 2 h to 3 h and end 8× higher; the others gain 10 and end 2× higher.
    const videos = Array.from({ length: 30 }, (_, i) => ({
      id: `v${i}`,
      createdAtMs: i,
      checkpoints:
        i % 2 ? [cp(1, 50), cp(2, 100), cp(3, 200), cp(24, 1600)] : [cp(1, 150), cp(2, 190), cp(3, 200), cp(24, 400)],
    }));
    const model = fitForecastModel(videos);
    const fast = forecastVideo(model, 24, 3, 200, (h) => (Math.abs(h - 2) < 0.01 ? 100 : undefined));
    const slow = forecastVideo(model, 24, 3, 200, (h) => (Math.abs(h - 2) < 0.01 ? 190 : undefined));
    expect(fast.p50).toBeGreaterThan(2 * slow.p50);
    expect(paceFeature(200, 100, 2 / 3, 3, 24)).toBeGreaterThan(paceFeature(200, 190, 2 / 3, 3, 24));
  });

  it("is deterministic: the same videos, the same model, in any order", () => {
    const videos = family(7, 25, 0.3);
    const a = fitForecastModel(videos);
    const b = fitForecastModel([...videos].reverse());
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe("forecastVideo", () => {
  const model = fitForecastModel(family(9, 40, 0.3));
  it("is never below the views already there, and orders P10 ≤ P50 ≤ P90", () => {
    for (const [target, age, views] of [
      [24, 1, 99],
      [24, 23.9, 5000],
      [168, 100, 12],
    ] as const) {
      const f = forecastVideo(model, target, age, views);
      expect(f.p10).toBeGreaterThanOrEqual(views);
      expect(f.p10).toBeLessThanOrEqual(f.p50);
      expect(f.p50).toBeLessThanOrEqual(f.p90);
      expect(f.observed).toBe(false);
    }
  });

  it("stays finite for zero views and huge ones", () => {
    for (const views of [0, 1e12]) {
      const f = forecastVideo(model, 168, 0.2, views, () => views / 2);
      for (const x of [f.p10, f.p50, f.p90]) expect(Number.isFinite(x)).toBe(true);
      expect(f.p50).toBeGreaterThanOrEqual(views);
    }
  });

  it("computes leave-one-out residuals against the median of the others", () => {
    const naive = (xs: number[]) =>
      xs.map((x, i) => {
        const others = xs.filter((_, j) => j !== i).sort((a, b) => a - b);
        const m = others.length;
        const mid = m % 2 ? (others[(m - 1) / 2] ?? 0) : ((others[m / 2 - 1] ?? 0) + (others[m / 2] ?? 0)) / 2;
        return x - mid;
      });
    const rng = createRng(4);
    for (const n of [2, 3, 4, 7, 40]) {
      const xs = Array.from({ length: n }, () => Math.round(rng.normal() * 3) / 2);
      leaveOneOutResiduals(xs).forEach((r, i) => expect(r).toBeCloseTo(naive(xs)[i] ?? NaN, 12));
    }
  });

  it("reads views at any age from checkpoints", () => {
    const cps = [cp(1, 100), cp(2, 300)];
    expect(viewsAtAge(cps, 0.5)).toBe(50);
    expect(viewsAtAge(cps, 1.5)).toBe(200);
    expect(viewsAtAge(cps, 3)).toBeUndefined();
  });
});

describe("forecast calibration (adaptive conformal)", () => {
  const judged = (seed: number, count: number, sigma: number) =>
    family(seed, count, sigma).map((v) => ({ checkpoints: v.checkpoints, targetAgeHours: 168 }));

  it("starts neutral", () => {
    expect(rangeScale(emptyCalibration(), 24, 3)).toEqual({ low: 1, high: 1 });
  });

  it("widens the ranges when the creator's videos keep ending outside them, and narrows them when none does", () => {
    // A model fitted on calm videos, judged on erratic ones: too narrow, so it widens.
    const calm = fitForecastModel(family(1, 40, 0.05));
    const widened = updateCalibration(emptyCalibration(), calm, judged(2, 40, 0.8));
    const wide = rangeScale(widened, 168, 24);
    expect(wide.low).toBeGreaterThan(1.2);
    expect(wide.high).toBeGreaterThan(1.2);
    // A model fitted on erratic videos, judged on calm ones: too wide, so it narrows.
    const erratic = fitForecastModel(family(3, 40, 0.8));
    const narrowed = rangeScale(updateCalibration(emptyCalibration(), erratic, judged(4, 40, 0.05)), 168, 24);
    expect(narrowed.low).toBeLessThan(1);
    expect(narrowed.high).toBeLessThan(1);
  });

  it("is deterministic and leaves its input alone", () => {
    const model = fitForecastModel(family(1, 40, 0.3));
    const start = emptyCalibration();
    const a = updateCalibration(start, model, judged(2, 10, 0.3));
    const b = updateCalibration(start, model, judged(2, 10, 0.3));
    expect(b).toEqual(a);
    expect(start).toEqual(emptyCalibration());
  });
});
