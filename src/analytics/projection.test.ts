import { describe, expect, it } from "vitest";
import { dailyAdds, projectFollowers } from "./projection";
import { DAY_MS, HOUR_MS } from "./time";

const now = Date.UTC(2025, 2, 1);

function followers(perDay: number, days: number, jumps: { daysAgo: number; size: number }[] = [], from = 10_000) {
  const out = [];
  for (let t = now - days * DAY_MS; t <= now; t += HOUR_MS) {
    const daysIn = (t - (now - days * DAY_MS)) / DAY_MS;
    const jumped = jumps.filter((j) => t >= now - j.daysAgo * DAY_MS).reduce((s, j) => s + j.size, 0);
    out.push({ t, count: Math.round(from + perDay * daysIn + jumped) });
  }
  return out;
}

describe("follower projection", () => {
  it("reads whole days back from now", () => {
    expect(dailyAdds({ now, followers: followers(100, 3), daily: [], seed: 1 })).toEqual([100, 100, 100]);
  });

  it("is null without a day of history", () => {
    expect(projectFollowers({ now, followers: followers(100, 0.5), daily: [], seed: 1 })).toBeNull();
    expect(projectFollowers({ now, followers: [], daily: [], seed: 1 })).toBeNull();
  });

  it("projects the steady pace with a fan that widens with the horizon", () => {
    const p = projectFollowers({ now, followers: followers(100, 14), daily: [], seed: 7 })!;
    expect(p.baselinePerDay).toBe(100);
    expect(p.fromFollowers).toBe(11_400);
    const day90 = p.points[p.points.length - 1]!;
    expect(day90.day).toBe(90);
    // Median: the pace (its drift has median e^(−σ²/2) ≈ 0.88) plus the jump prior.
    expect(day90.p50).toBeGreaterThan(11_400 + 0.8 * 9000);
    expect(day90.p50).toBeLessThan(11_400 + 1.6 * 9000);
    for (let i = 1; i < p.points.length; i++) {
      const [a, b] = [p.points[i - 1]!, p.points[i]!];
      expect(b.p90 - b.p10).toBeGreaterThanOrEqual(a.p90 - a.p10);
      expect(b.p10 <= b.p50 && b.p50 <= b.p90).toBe(true);
    }
  });

  it("keeps viral days out of the steady pace but counts them as jumps", () => {
    const p = projectFollowers({
      now,
      followers: followers(100, 28, [
        { daysAgo: 5.5, size: 5000 },
        { daysAgo: 19.5, size: 3000 },
      ]),
      daily: [],
      seed: 7,
    })!;
    expect(p.baselinePerDay).toBe(100);
    expect(p.jumpMedianFollowers).toBeGreaterThan(3000);
    expect(p.jumpsPerDay).toBeCloseTo((2 + 1) / (28 + 30), 3);
  });

  it("is reproducible from its seed and finite for huge accounts", () => {
    const input = { now, followers: followers(2e9, 14, [], 1e12), daily: [], seed: 3 };
    const p = projectFollowers(input)!;
    expect(projectFollowers(input)).toEqual(p);
    for (const pt of p.points) for (const x of [pt.p10, pt.p50, pt.p90]) expect(Number.isFinite(x)).toBe(true);
  });

  it("uses stored daily closes beyond the snapshots' two weeks", () => {
    const snaps = followers(100, 14);
    const daily = Array.from({ length: 30 }, (_, i) => ({
      dayStartMs: now - (44 - i) * DAY_MS,
      atMs: now - (44 - i) * DAY_MS,
      followers: 10_000 - (30 - i) * 100,
      cumulativeViews: 0,
      cumulativeLikes: 0,
    }));
    expect(projectFollowers({ now, followers: snaps, daily, seed: 1 })!.historyDays).toBeGreaterThan(40);
  });
});
