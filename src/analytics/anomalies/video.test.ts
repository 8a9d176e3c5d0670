import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "../time";
import type { VideoSnapshot } from "../types";
import { cellStats, updateTrackRecord } from "./calibration";
import { informativePoints } from "./informative";
import { detectVideoAnomaly, type Seasonal } from "./video";

const created = Date.UTC(2025, 0, 10, 6);
const flat: Seasonal = () => 1;

interface Series {
  /** Views per hour at an age (hours). */
  rate: (ageHours: number) => number;
  /** Poll from, to (ages in hours), every `every` hours. */
  from?: number;
  to: number;
  every?: number;
  /** Polls (by age) that see the counter as it was at the previous poll: a batch not yet caught up. */
  held?: (ageHours: number) => boolean;
  /** Ages with no poll at all (an outage). */
  gap?: [number, number];
}

/** Cumulative views polled on a schedule, integrated from a rate in 3-minute steps. */
function polls({ rate, from = 0.5, to, every = 0.5, held = () => false, gap }: Series): VideoSnapshot[] {
  const out: VideoSnapshot[] = [];
  let views = 0;
  let age = 0;
  let shown = 0;
  for (let a = from; a <= to + 1e-9; a += every) {
    for (; age < a - 1e-9; age += 0.05) views += rate(age + 0.025) * 0.05;
    if (gap && a > gap[0] && a < gap[1]) continue;
    if (!held(a)) shown = Math.round(views);
    out.push({ t: created + a * HOUR_MS, views: shown, likes: 0, comments: 0, shares: 0 });
  }
  return out;
}

/** A power-law decay: `scale` views an hour at 1 h old, falling as 1/age. */
const powerLaw = (scale: number) => (a: number) => scale / Math.max(0.25, a);

function detect(snapshots: VideoSnapshot[], seasonal: Seasonal = flat) {
  return detectVideoAnomaly("v", snapshots, created, { seasonal }).candidate;
}

/** Runs the detector as ingestion does, once per poll, and returns every candidate it raised. */
function everyRun(snapshots: VideoSnapshot[], seasonal: Seasonal = flat) {
  const out = [];
  for (let i = 2; i <= snapshots.length; i++) {
    const c = detect(snapshots.slice(0, i), seasonal);
    if (c) out.push(c);
  }
  return out;
}

describe("video spikes and drops", () => {
  it("finds nothing on a video that decays as a power law, small or huge, however long it is followed", () => {
    for (const scale of [20, 2_000, 2_000_000]) expect(everyRun(polls({ rate: powerLaw(scale), to: 72 }))).toEqual([]);
  });

  it("finds nothing on a saturating video that simply runs out of audience", () => {
    const saturating = (a: number) => 5_000 * Math.exp(-a / 10);
    expect(everyRun(polls({ rate: saturating, to: 72 }))).toEqual([]);
  });

  it("a counter held for three polls and then caught up is neither a drop nor a spike", () => {
    const held = (a: number) => a % 6 >= 4.5 && a % 6 < 6; // every 6 h, three polls see no change
    expect(everyRun(polls({ rate: powerLaw(50_000), to: 72, held }))).toEqual([]);
  });

  it("the same at 2-hourly polls of an older video: a held poll and its catch-up are ordinary", () => {
    const held = (a: number) => Math.round(a) % 12 === 0;
    const snapshots = polls({ rate: powerLaw(200_000), from: 72, to: 160, every: 2, held });
    expect(everyRun(snapshots)).toEqual([]);
  });

  it("an outage of several hours is not an event: the views of the gap arrive with the next poll", () => {
    expect(everyRun(polls({ rate: powerLaw(100_000), to: 72, gap: [30, 39] }))).toEqual([]);
  });

  it("finds a sustained burst on a day-old video, with its evidence and confidence", () => {
    const rate = (a: number) => powerLaw(100_000)(a) * (a >= 30 && a < 40 ? 6 : 1);
    const found = everyRun(polls({ rate, to: 48 }));
    expect(found.length).toBeGreaterThan(0);
    const first = found[0]!;
    expect(first).toMatchObject({ videoId: "v", metric: "views", kind: "spike" });
    // Seen within a few hours of the start, with a window over which the pace held.
    expect((first.windowEnd - created) / HOUR_MS).toBeGreaterThan(33);
    expect((first.windowEnd - created) / HOUR_MS).toBeLessThanOrEqual(36);
    expect(first.observed / first.expected).toBeGreaterThan(3);
    expect(first.confidence).toBeGreaterThanOrEqual(0.5);
    expect(first.confidence).toBeLessThanOrEqual(1);
  });

  it("a lump of views that fades within the hour is not a spike (a change of pace must hold)", () => {
    const rate = (a: number) => powerLaw(100_000)(a) * (a >= 30 && a < 31 ? 8 : 1);
    expect(everyRun(polls({ rate, to: 48 }))).toEqual([]);
  });

  it("small numbers never alarm, however large the ratio", () => {
    const rate = (a: number) => (a >= 30 && a < 36 ? 6 : 0.2);
    expect(everyRun(polls({ rate, to: 48 }))).toEqual([]);
  });

  it("leaves a video's first day to the pace cards: a second wave at 8 h is not a spike", () => {
    const rate = (a: number) => powerLaw(20_000)(a) * (a >= 8 && a < 14 ? 5 : 1);
    expect(everyRun(polls({ rate, to: 20 }))).toEqual([]);
  });

  it("finds a throttle to 15% for ten hours on a young video as a drop", () => {
    const rate = (a: number) => powerLaw(200_000)(a) * (a >= 30 && a < 40 ? 0.15 : 1);
    const drops = everyRun(polls({ rate, to: 44 })).filter((c) => c.kind === "drop");
    expect(drops.length).toBeGreaterThan(0);
    expect((drops[0]!.windowEnd - created) / HOUR_MS).toBeLessThanOrEqual(38);
  });

  it("expects the audience's evening peak once the rhythm is known, instead of alarming on it", () => {
    // Views run 8× faster from 18:00 to 24:00 UTC than the rest of the day.
    const evening = (tMs: number) => ((tMs % DAY_MS) / HOUR_MS >= 18 ? 8 : 1);
    const mean = (6 * 8 + 18) / 24;
    const rate = (a: number) => (powerLaw(100_000)(a) * evening(created + a * HOUR_MS)) / mean;
    const rhythm: Seasonal = (from, to) => {
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += evening(from + ((i + 0.5) * (to - from)) / 12) / mean;
      return sum / 12;
    };
    const snapshots = polls({ rate, to: 72 });
    expect(everyRun(snapshots, flat).some((c) => c.kind === "spike")).toBe(true);
    expect(everyRun(snapshots, rhythm)).toEqual([]);
  });

  it("tests only a newest poll that carries news (a held one may still catch up)", () => {
    const snapshots = polls({ rate: powerLaw(100_000), to: 40 });
    const last = snapshots[snapshots.length - 1]!;
    snapshots.push({ ...last, t: last.t + HOUR_MS / 2 });
    expect(detectVideoAnomaly("v", snapshots, created, { seasonal: flat })).toEqual({ samples: [] });
  });
});

describe("informative points", () => {
  const at = (hours: number, value: number) => ({ t: created + hours * HOUR_MS, value });

  it("drops polls held by a batch once a later poll catches up", () => {
    const s = [at(0, 0), at(1, 1000), at(2, 2000), at(3, 2000), at(4, 2010), at(5, 5000)];
    expect(informativePoints(s, (p) => p.value)).toEqual([at(0, 0), at(1, 1000), at(2, 2000), at(5, 5000)]);
  });

  it("believes a stall that outlasts any batch (more than three polls)", () => {
    const s = [at(0, 0), at(1, 1000), at(2, 2000), at(3, 2000), at(4, 2000), at(5, 2000), at(6, 2000)];
    expect(informativePoints(s, (p) => p.value)).toEqual(s);
  });

  it("leaves out the newest polls while they may still be a batch", () => {
    const s = [at(0, 0), at(1, 1000), at(2, 2000), at(3, 2000)];
    expect(informativePoints(s, (p) => p.value)).toEqual(s.slice(0, 3));
  });

  it("keeps every poll of a counter too small to move every time", () => {
    const s = [at(0, 0), at(1, 1), at(2, 1), at(3, 2), at(4, 2)];
    expect(informativePoints(s, (p) => p.value)).toEqual(s);
  });
});

describe("the creator's track record", () => {
  it("starts from a prior and follows the creator's own errors as they accumulate", () => {
    expect(cellStats(undefined, "3:1:l")).toEqual({ centre: 0, spread: 0.4, n: 0 });
    const record = updateTrackRecord(
      undefined,
      Array.from({ length: 30 }, (_, i) => ({ cell: "3:1:l", logRatio: -0.5 + (i % 3) * 0.01 })),
    );
    const stats = cellStats(record, "3:1:l");
    expect(stats.n).toBe(30);
    expect(stats.centre).toBeCloseTo(-0.49 * (30 / 36), 3);
    expect(stats.spread).toBeLessThan(0.2);
  });

  it("keeps a bounded number of the newest ratios per cell", () => {
    let record = updateTrackRecord(undefined, []);
    for (let i = 0; i < 100; i++) record = updateTrackRecord(record, [{ cell: "0:0:s", logRatio: i }]);
    expect(record["0:0:s"]).toHaveLength(32);
    expect(record["0:0:s"]![31]).toBe(99);
  });
});
