import { describe, expect, it } from "vitest";
import { estimateDiurnal, FLAT_PROFILE, seasonalFactor, updateDiurnal } from "./diurnal";
import { DAY_MS, HOUR_MS } from "./time";

/** Videos whose velocity decays with age and swings around the day, peaking at 18:00 UTC. */
function rhythmicVideos(amplitude: number, { heldEvery = 0 } = {}) {
  const day0 = Date.UTC(2025, 0, 1);
  return Array.from({ length: 3 }, (_, i) => {
    const createdAtMs = day0 + i * 7 * HOUR_MS;
    const snapshots = [];
    let views = 0;
    let shown = 0;
    let n = 0;
    for (let t = createdAtMs; t <= createdAtMs + 3 * DAY_MS; t += HOUR_MS / 2) {
      const age = (t - createdAtMs) / HOUR_MS;
      const hour = (t % DAY_MS) / HOUR_MS;
      // A batched counter: every `heldEvery`-th poll repeats the previous reading.
      if (!(heldEvery > 0 && ++n % heldEvery === 0)) shown = Math.round(views);
      snapshots.push({ t, views: shown, likes: 0, comments: 0, shares: 0 });
      views += (20_000 / (1 + age)) * (1 + amplitude * Math.cos((2 * Math.PI * (hour - 18)) / 24)) * 0.5;
    }
    return { createdAtMs, snapshots };
  });
}

/** The profile after `runs` runs that each saw the same videos. */
function learnt(videos: ReturnType<typeof rhythmicVideos>, runs = 20) {
  let profile = FLAT_PROFILE;
  for (let i = 0; i < runs; i++) profile = updateDiurnal(profile, estimateDiurnal(videos));
  return profile;
}

describe("audience rhythm", () => {
  it("finds the hour of day views peak and how much, from each window's pace against its day's", () => {
    const f = learnt(rhythmicVideos(0.5)).logFactors;
    const peak = f.indexOf(Math.max(...f));
    expect(Math.abs(peak - 18)).toBeLessThanOrEqual(1);
    // ln(1.5 / 0.5) ≈ 1.1 between peak and trough, a little shrunk while evidence is thin.
    expect(f[18]! - f[6]!).toBeGreaterThan(0.8);
    expect(f[18]! - f[6]!).toBeLessThan(1.15);
  });

  it("is not fooled by a batched counter: the held polls are skipped, not read as quiet hours", () => {
    const clean = learnt(rhythmicVideos(0.5)).logFactors;
    const batched = learnt(rhythmicVideos(0.5, { heldEvery: 4 })).logFactors;
    for (let h = 0; h < 24; h++) expect(Math.abs(batched[h]! - clean[h]!)).toBeLessThan(0.15);
  });

  it("finds nothing in a flat series", () => {
    for (const x of learnt(rhythmicVideos(0)).logFactors) expect(Math.abs(x)).toBeLessThan(0.05);
  });

  it("needs videos a day old with busy enough windows", () => {
    expect(estimateDiurnal([])).toBeUndefined();
    const quiet = rhythmicVideos(0.5).map((v) => ({
      ...v,
      snapshots: v.snapshots.map((s) => ({ ...s, views: Math.round(s.views / 10_000) })),
    }));
    expect(estimateDiurnal(quiet)).toBeUndefined();
  });

  it("accumulates evidence run after run, and leaves the profile as it was on a run without any", () => {
    const once = updateDiurnal(undefined, estimateDiurnal(rhythmicVideos(0.5)));
    const twice = updateDiurnal(once, estimateDiurnal(rhythmicVideos(0.5)));
    expect(twice.weight).toBe(2);
    expect(twice.counts![18]!).toBeGreaterThan(once.counts![18]!);
    expect(Math.abs(twice.logFactors[18]!)).toBeGreaterThan(Math.abs(once.logFactors[18]!));
    expect(updateDiurnal(twice, undefined)).toBe(twice);
    expect(seasonalFactor(FLAT_PROFILE, 0, 5 * HOUR_MS)).toBe(1);
  });
});
