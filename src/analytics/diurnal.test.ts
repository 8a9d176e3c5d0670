import { describe, expect, it } from "vitest";
import { estimateDiurnal, FLAT_PROFILE, seasonalFactor, updateDiurnal } from "./diurnal";
import { DAY_MS, HOUR_MS } from "./time";

/** Videos whose velocity decays with age and swings ±30% around the day, peaking at 18:00 UTC. */
function rhythmicVideos(amplitude: number) {
  const day0 = Date.UTC(2025, 0, 1);
  return Array.from({ length: 3 }, (_, i) => {
    const createdAtMs = day0 + i * 7 * HOUR_MS;
    const snapshots = [];
    let views = 0;
    for (let t = createdAtMs; t <= createdAtMs + 3 * DAY_MS; t += HOUR_MS / 2) {
      const age = (t - createdAtMs) / HOUR_MS;
      const hour = (t % DAY_MS) / HOUR_MS;
      snapshots.push({ t, views: Math.round(views), likes: 0, comments: 0, shares: 0 });
      views += (20_000 / (1 + age)) * (1 + amplitude * Math.cos((2 * Math.PI * (hour - 18)) / 24)) * 0.5;
    }
    return { createdAtMs, snapshots };
  });
}

describe("audience rhythm", () => {
  it("finds the hour of day views peak and how much", () => {
    const estimate = estimateDiurnal(rhythmicVideos(0.3));
    expect(estimate).toBeDefined();
    const f = estimate!.logFactors;
    const peak = f.indexOf(Math.max(...f));
    expect(Math.abs(peak - 18)).toBeLessThanOrEqual(1);
    expect(f[18]! - f[6]!).toBeGreaterThan(0.3);
    expect(f[18]! - f[6]!).toBeLessThan(0.7);
  });

  it("finds nothing in a flat series", () => {
    const f = estimateDiurnal(rhythmicVideos(0))!.logFactors;
    for (const x of f) expect(Math.abs(x)).toBeLessThan(0.05);
  });

  it("needs dense, busy enough data", () => {
    expect(estimateDiurnal([])).toBeUndefined();
    const quiet = rhythmicVideos(0.3).map((v) => ({
      ...v,
      snapshots: v.snapshots.map((s) => ({ ...s, views: Math.round(s.views / 10_000) })),
    }));
    expect(estimateDiurnal(quiet)).toBeUndefined();
  });

  it("takes the first estimate as is, then moves 5% a run; a flat profile is factor 1", () => {
    const first = updateDiurnal(undefined, {
      logFactors: Array.from({ length: 24 }, (_, i) => (i === 3 ? 0.4 : 0)),
      windows: 10,
    });
    expect(first.logFactors[3]).toBe(0.4);
    const second = updateDiurnal(first, { logFactors: Array.from({ length: 24 }, () => 0), windows: 10 });
    expect(second.logFactors[3]).toBeCloseTo(0.38, 10);
    expect(updateDiurnal(second, undefined)).toBe(second);
    expect(seasonalFactor(FLAT_PROFILE, 0, 5 * HOUR_MS)).toBe(1);
  });
});
