import { describe, expect, it } from "vitest";
import {
  expm1Count,
  finite,
  log1pCount,
  mad,
  median,
  normalCdf,
  poissonLowerTail,
  poissonUpperTail,
  predictiveQuantile,
  quantile,
  round,
} from "./numbers";

describe("robust statistics", () => {
  it("computes type-7 quantiles, medians and MADs exactly", () => {
    expect(quantile([50, 10, 40, 20, 30], 0.1)).toBe(14);
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(median([3, 1, 2])).toBe(2);
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
  });

  it("returns 0, not NaN, for empty or non-finite input", () => {
    expect(median([])).toBe(0);
    expect(quantile([NaN, Infinity], 0.5)).toBe(0);
    expect(mad([7, 7, 7])).toBe(0);
    expect(finite(NaN, 3)).toBe(3);
    expect(round(-Infinity)).toBe(0);
    expect(log1pCount(-5)).toBe(0);
    expect(expm1Count(1e6)).toBeLessThan(Infinity);
  });

  it("widens the predictive quantile for small samples (conformal rank)", () => {
    const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(predictiveQuantile(nine, 0.9)).toBe(9); // rank 0.9 × 10 = 9: the maximum
    expect(quantile(nine, 0.9)).toBeCloseTo(8.2);
    expect(predictiveQuantile(nine, 0.5)).toBe(5);
  });
});

describe("Poisson tails (the count-aware test)", () => {
  it("matches closed forms", () => {
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonLowerTail(0, 2)).toBeCloseTo(Math.exp(-2), 12);
    expect(poissonUpperTail(0, 5)).toBe(1);
    expect(poissonUpperTail(3, 0)).toBe(0);
  });

  it("says 3 counts after an expectation of 1 are not rare, 30 are", () => {
    expect(poissonUpperTail(3, 1)).toBeGreaterThan(0.05);
    expect(poissonUpperTail(30, 1)).toBeLessThan(1e-20);
  });

  it("stays finite for huge counts", () => {
    const p = poissonUpperTail(1.2e12, 1e12);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.2816)).toBeCloseTo(0.9, 3);
  });
});
