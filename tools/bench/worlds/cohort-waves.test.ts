import { describe, expect, it } from "vitest";
import type { BacktestCreator, BacktestVideo } from "../../tiktok-sim/model/sample.ts";
import { generateCreator, WORLD } from "./cohort-waves.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SLOT = 30 * MINUTE;
const fromMs = Date.UTC(2025, 0, 1);
const window = { fromMs, toMs: fromMs + 28 * DAY, followerTruthDays: 30 };
const SEED = 3;
const creators = Array.from({ length: 40 }, (_, i) => generateCreator(SEED, i, window));
const allVideos = creators.flatMap((c) => c.videos);

/** The job times of a creator (its follower counts inside the window). */
function jobsOf(c: BacktestCreator): number[] {
  return c.followers.filter((f) => f.t <= window.toMs).map((f) => f.t);
}

/** Slot of a job time relative to the creator's first job (jobs sit at a fixed offset ± 2 min). */
function slotOf(jobs: number[], t: number): number {
  return Math.round((t - (jobs[0] as number)) / SLOT);
}

function everySlots(ageMs: number): number {
  return ageMs < 72 * HOUR ? 1 : ageMs < 168 * HOUR ? 4 : 12;
}

describe("world", () => {
  it("names itself", () => {
    expect(WORLD.name).toBe("cohort-waves");
    expect(WORLD.description.length).toBeGreaterThan(10);
  });
});

describe("determinism", () => {
  it("gives identical output for the same (seed, index, window), whatever was generated before", () => {
    const again = generateCreator(SEED, 5, window);
    generateCreator(99, 1, window);
    expect(generateCreator(SEED, 5, window)).toEqual(again);
    expect(again).toEqual(creators[5]);
  });

  it("gives other creators for another seed or index", () => {
    expect(generateCreator(SEED + 1, 5, window).followers[0]).not.toEqual(creators[5]?.followers[0]);
    expect(creators[6]?.followers[0]).not.toEqual(creators[5]?.followers[0]);
  });
});

describe("format", () => {
  it("has sorted snapshots with integer non-negative counters, none before posting or once unavailable", () => {
    const bad: unknown[] = [];
    for (const v of allVideos) {
      expect(v.id).toMatch(/^[0-9]{19}$/);
      expect(Number(BigInt(v.id) >> 32n) * 1000).toBe(v.createdAt);
      expect(v.snapshots.length).toBeGreaterThan(0);
      let prev = -Infinity;
      for (const s of v.snapshots) {
        const counters = [s.views, s.likes, s.comments, s.shares];
        if (
          !(s.t > prev) ||
          s.t < v.createdAt + 10 * MINUTE ||
          s.t < window.fromMs ||
          s.t > window.toMs ||
          (v.unavailableFrom !== undefined && s.t >= v.unavailableFrom) ||
          counters.some((x) => !Number.isInteger(x) || x < 0) ||
          s.likes > s.views
        )
          bad.push({ id: v.id, s });
        prev = s.t;
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps views non-decreasing except rare small dips (spam removal)", () => {
    let pairs = 0;
    const dips: number[] = [];
    for (const v of allVideos)
      for (let i = 1; i < v.snapshots.length; i++) {
        const a = v.snapshots[i - 1] as BacktestVideo["snapshots"][number];
        const b = v.snapshots[i] as BacktestVideo["snapshots"][number];
        pairs++;
        if (b.views < a.views) dips.push(b.views / a.views);
      }
    expect(dips.length).toBeGreaterThan(0);
    expect(dips.length).toBeLessThan(pairs * 0.001);
    for (const ratio of dips) expect(ratio).toBeGreaterThan(0.95);
  });

  it("lists follower counts at every job, then one a day for followerTruthDays", () => {
    let firstSlot = 0;
    for (const c of creators) {
      const jobs = jobsOf(c);
      expect(jobs[0]).toBeGreaterThanOrEqual(window.fromMs);
      if ((jobs[0] as number) < window.fromMs + SLOT + 3 * MINUTE) firstSlot++;
      const after = c.followers.slice(jobs.length);
      expect(after.length).toBe(window.followerTruthDays);
      after.forEach((f, d) => expect(f.t).toBe((jobs[jobs.length - 1] as number) + (d + 1) * DAY));
      for (const f of c.followers) expect(Number.isInteger(f.count) && f.count >= 0).toBe(true);
    }
    expect(firstSlot).toBeGreaterThan(creators.length * 0.9); // the others missed their first cycle
  });

  it("truth: views24h / views7d are what the snapshots around that age bracket, null before the window or once gone", () => {
    let checked = 0;
    const bad: unknown[] = [];
    for (const v of allVideos) {
      const monotone = v.snapshots.every(
        (s, i) => i === 0 || s.views >= (v.snapshots[i - 1] as { views: number }).views,
      );
      for (const [age, value] of [
        [DAY, v.truth.views24h],
        [7 * DAY, v.truth.views7d],
      ] as [number, number | null][]) {
        const t = v.createdAt + age;
        const unknown = t < window.fromMs || (v.unavailableFrom !== undefined && v.unavailableFrom <= t);
        if (unknown !== (value === null) || (value !== null && !Number.isInteger(value)))
          bad.push({ id: v.id, age, value });
        const before = v.snapshots.filter((s) => s.t <= t).pop();
        const after = v.snapshots.find((s) => s.t >= t);
        if (value === null || !monotone || !before || !after) continue;
        if (value < before.views || value > after.views) bad.push({ id: v.id, age, value, before, after });
        checked++;
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });
});

describe("cadence", () => {
  it("runs a job every 30 minutes at a fixed point of the slot, ± 2 min", () => {
    for (const c of creators) {
      const jobs = jobsOf(c);
      for (let i = 1; i < jobs.length; i++) {
        const gap = (jobs[i] as number) - (jobs[i - 1] as number);
        const slots = Math.round(gap / SLOT);
        expect(slots).toBeGreaterThanOrEqual(1);
        expect(Math.abs(gap - slots * SLOT)).toBeLessThanOrEqual(4 * MINUTE);
      }
    }
  });

  it("has outages of several hours (no job at all) and single missed cycles", () => {
    const gaps = creators.flatMap((c) => {
      const jobs = jobsOf(c);
      return jobs.slice(1).map((t, i) => Math.round((t - (jobs[i] as number)) / SLOT));
    });
    const outages = gaps.filter((g) => g * SLOT >= 2 * HOUR);
    expect(outages.length).toBeGreaterThan(creators.length); // a few per creator-month
    expect(Math.max(...outages) * SLOT).toBeLessThanOrEqual(24 * HOUR);
    expect(gaps.filter((g) => g === 2).length).toBeGreaterThan(creators.length);
  });

  it("first polls a new video 10–90 minutes after posting (later only across an outage)", () => {
    const bad: unknown[] = [];
    let inTime = 0;
    let total = 0;
    for (const c of creators) {
      const jobs = jobsOf(c);
      for (const v of c.videos) {
        if (v.createdAt < window.fromMs) continue;
        const first = (v.snapshots[0] as { t: number }).t;
        const delay = first - v.createdAt;
        total++;
        const jobSoon = jobs.some((t) => t >= v.createdAt + 55 * MINUTE && t <= v.createdAt + 90 * MINUTE);
        // Later than 90 min only when no job ran between 55 and 90 minutes after posting (outage).
        if (delay < 10 * MINUTE || !jobs.includes(first) || (delay > 90 * MINUTE && jobSoon))
          bad.push({ id: v.id, delay });
        if (delay <= 90 * MINUTE) inTime++;
      }
    }
    expect(bad).toEqual([]);
    expect(inTime / total).toBeGreaterThan(0.9);
  });

  it("polls each video exactly on Adam's schedule: every job under 72 h, every 4th slot under 168 h, every 12th after", () => {
    let sixHourly = 0;
    for (const c of creators) {
      const jobs = jobsOf(c);
      for (const v of c.videos) {
        // Replay the rule from the first snapshot: at each job, poll if (slot − last polled slot) ≥ interval(age).
        const first = (v.snapshots[0] as { t: number }).t;
        const end = v.unavailableFrom ?? Infinity;
        const expected: number[] = [];
        let last = -Infinity;
        for (const t of jobs) {
          if (t < first || t >= end) continue;
          const slot = slotOf(jobs, t);
          if (slot - last < everySlots(t - v.createdAt)) continue;
          expected.push(t);
          last = slot;
        }
        expect(v.snapshots.map((s) => s.t)).toEqual(expected);
        for (let i = 1; i < v.snapshots.length; i++) {
          const a = (v.snapshots[i - 1] as { t: number }).t;
          const b = (v.snapshots[i] as { t: number }).t;
          if (a - v.createdAt > 168 * HOUR && Math.abs(b - a - 6 * HOUR) <= 4 * MINUTE) sixHourly++;
        }
      }
    }
    expect(sixHourly).toBeGreaterThan(1000);
  });
});

describe("counters", () => {
  it("update in batches: busy young videos show runs of 1–3 unchanged snapshots, then a catch-up", () => {
    let pairs = 0;
    let unchanged = 0;
    const runs: number[] = [];
    for (const v of allVideos) {
      const young = v.snapshots.filter((s) => s.t - v.createdAt < 72 * HOUR);
      let run = 0;
      for (let i = 1; i + 4 < young.length; i++) {
        const a = young[i - 1] as { views: number };
        const b = young[i] as { views: number };
        // Busy: the counter gains ≥ 500 views over the next five snapshots (~100 a slot).
        if ((young[i + 4] as { views: number }).views - a.views < 500) {
          run = 0;
          continue;
        }
        pairs++;
        if (b.views === a.views) {
          unchanged++;
          run++;
        } else {
          if (run > 0) runs.push(run);
          run = 0;
        }
      }
    }
    expect(unchanged / pairs).toBeGreaterThan(0.03);
    expect(unchanged / pairs).toBeLessThan(0.4);
    expect(runs.filter((r) => r === 1).length).toBeGreaterThan(50);
    expect(runs.filter((r) => r === 3).length).toBeGreaterThan(0);
    expect(runs.filter((r) => r === 2).length).toBeGreaterThan(50);
    expect(runs.filter((r) => r > 3)).toEqual([]);
  });

  it("spans tiny to huge: videos under 100 views at 7 days and over 1,000,000, creators from hundreds to 100k+ followers", () => {
    const at7d = allVideos.map((v) => v.truth.views7d).filter((x): x is number => x !== null);
    expect(at7d.filter((x) => x < 100).length).toBeGreaterThan(10);
    expect(at7d.filter((x) => x > 1_000_000).length).toBeGreaterThan(0);
    const followers = creators.map((c) => (c.followers[0] as { count: number }).count);
    expect(Math.min(...followers)).toBeLessThan(1000);
    expect(Math.max(...followers)).toBeGreaterThan(100_000);
  });
});

describe("truth", () => {
  const events = allVideos.flatMap((v) => (v.truth.spikes ?? []).map((e) => ({ v, e })));

  it("labels spikes, resurfacings and drops, all starting inside the window", () => {
    const spikes = events.filter(({ e }) => e.kind === "spike" && !e.resurfacing);
    const resurfacing = events.filter(({ e }) => e.kind === "spike" && e.resurfacing);
    const drops = events.filter(({ e }) => e.kind === "drop");
    expect(spikes.length).toBeGreaterThan(5);
    expect(resurfacing.length).toBeGreaterThan(5);
    expect(drops.length).toBeGreaterThan(5);
    const bad = events.filter(({ v, e }) => {
      const length = e.end - e.start;
      const inside = e.start >= window.fromMs && e.start <= window.toMs && e.start >= v.createdAt && length >= 2 * HOUR;
      // A drop is a 6–24 h throttle; a spike is resurfacing exactly when it starts more than 7 days after
      // posting, and never inside the first day (the organic ladder there is not labelled).
      const shaped =
        e.kind === "drop"
          ? e.resurfacing === undefined && length >= 6 * HOUR && length <= 24 * HOUR
          : (e.resurfacing === true) === e.start - v.createdAt > 7 * DAY && e.start - v.createdAt >= DAY;
      return !inside || !shaped;
    });
    expect(bad).toEqual([]);
  });

  /** Views per hour between the snapshots nearest to a and b. */
  function pace(v: BacktestVideo, a: number, b: number): number | undefined {
    const s0 = v.snapshots.filter((s) => s.t <= a).pop();
    const s1 = v.snapshots.filter((s) => s.t <= b).pop();
    if (!s0 || !s1 || s1.t - s0.t < HOUR) return undefined;
    return ((s1.views - s0.views) / (s1.t - s0.t)) * HOUR;
  }

  function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] as number;
  }

  it("labelled spikes at least double the observed pace, and bring ≥ 100 views", () => {
    const ratios: number[] = [];
    const gains: number[] = [];
    for (const { v, e } of events) {
      if (e.kind !== "spike" || e.end > window.toMs) continue;
      const during = pace(v, e.start, e.end);
      const before = pace(v, e.start - 12 * HOUR, e.start);
      if (during === undefined || before === undefined) continue;
      ratios.push(during / Math.max(before, 1));
      // Views gained between the snapshots enclosing the event: ≥ 90% of its ≥ 100 extra views, give or take noise.
      const s0 = v.snapshots.filter((s) => s.t <= e.start).pop();
      const s1 = v.snapshots.find((s) => s.t >= e.end);
      if (s0 && s1) gains.push(s1.views - s0.views);
    }
    expect(ratios.length).toBeGreaterThan(10);
    expect(median(ratios)).toBeGreaterThan(2);
    expect(Math.min(...gains)).toBeGreaterThan(70);
  });

  it("labelled drops cut the observed pace", () => {
    const ratios: number[] = [];
    for (const { v, e } of events) {
      if (e.kind !== "drop" || e.end + 6 * HOUR > window.toMs) continue;
      const during = pace(v, e.start, e.end);
      const after = pace(v, e.end, e.end + 6 * HOUR);
      if (during === undefined || after === undefined || after <= 0) continue;
      ratios.push(during / after);
    }
    expect(ratios.length).toBeGreaterThan(5);
    expect(median(ratios)).toBeLessThan(0.6);
  });

  it("lists follower jumps inside the window, tied to the creator's videos, at least max(30, 1% of followers)", () => {
    let jumps = 0;
    for (const c of creators) {
      const ids = new Set(c.videos.map((v) => v.id));
      let prev = -Infinity;
      for (const j of c.followerJumps ?? []) {
        jumps++;
        expect(ids.has(j.videoId)).toBe(true);
        expect(j.t).toBeGreaterThanOrEqual(Math.max(prev, window.fromMs));
        expect(j.t).toBeLessThanOrEqual(window.toMs);
        const followers =
          c.followers.filter((f) => f.t <= j.t).pop()?.count ?? (c.followers[0] as { count: number }).count;
        expect(j.followers).toBeGreaterThanOrEqual(Math.max(30, 0.009 * followers));
        prev = j.t;
      }
    }
    expect(jumps).toBeGreaterThan(20);
  });
});
