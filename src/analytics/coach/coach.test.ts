import { describe, expect, it } from "vitest";
import { createRng } from "../random";
import { DAY_MS, HOUR_MS } from "../time";
import type { FollowerProjection } from "../types";
import {
  assignArm,
  bestTime,
  evaluateExperiment,
  goalStatus,
  hashtags,
  labelStats,
  labelVideos,
  localParts,
  missions,
  residuals,
  sequentialEffect,
  seriesOf,
  weekStart,
} from "./index";
import { hodgesLehmann } from "./stats";
import type { CoachVideo } from "./types";

const START = Date.UTC(2026, 0, 5); // a Monday

/** n videos, one every `everyHours`, at log-normal views around a trend, with optional planted effects. */
function world(
  n: number,
  options: {
    seed?: number;
    everyHours?: number;
    hourEffect?: { from: number; to: number; log: number };
    longEffect?: number;
    tagEffect?: { tag: string; log: number };
    sigma?: number;
  } = {},
): CoachVideo[] {
  const rng = createRng(options.seed ?? 1);
  const out: CoachVideo[] = [];
  for (let i = 0; i < n; i++) {
    const hour = Math.floor(rng.next() * 24);
    const createdAtMs = START + Math.floor((i * (options.everyHours ?? 24)) / 24) * DAY_MS + hour * HOUR_MS;
    const duration = 7 + Math.floor(rng.next() * 170);
    const tagged = rng.next() < 0.3;
    let log = Math.log(1000) + 0.01 * i + (options.sigma ?? 0.6) * rng.normal();
    const h = new Date(createdAtMs).getUTCHours();
    if (options.hourEffect && h >= options.hourEffect.from && h < options.hourEffect.to) log += options.hourEffect.log;
    if (options.longEffect && duration >= 60) log += options.longEffect;
    if (options.tagEffect && tagged) log += options.tagEffect.log;
    const views24h = Math.round(Math.exp(log));
    out.push({
      id: String(1000 + i),
      createdAtMs,
      title: `Video ${i}`,
      description: `Video ${i} ${tagged ? `#${options.tagEffect?.tag ?? "tagged"}` : ""} #fyp`,
      durationSeconds: duration,
      views24h,
      views7d: Math.round(views24h * 2.5),
    });
  }
  return out;
}

describe("labels", () => {
  it("parses hashtags, lower-cased and unique, in any script", () => {
    expect(hashtags("Day 3 of #BookTok #booktok #fyp #café_2")).toEqual(["booktok", "fyp", "café_2"]);
    expect(hashtags(null)).toEqual([]);
  });

  it("labels length, local posting window and weekday in the creator's time zone", () => {
    // 2026-01-05 23:30 UTC is Tuesday 00:30 in Berlin and Monday 18:30 in New York
    const v: CoachVideo = {
      id: "1",
      createdAtMs: Date.UTC(2026, 0, 5, 23, 30),
      title: null,
      description: "#a",
      durationSeconds: 45,
      views24h: null,
      views7d: null,
      manualLabels: ["collab"],
    };
    expect(labelVideos([v], "Europe/Berlin")[0]!.labels).toEqual([
      "hashtag:a",
      "length:30-60",
      "window:0-3",
      "weekday:tue",
      "manual:collab",
    ]);
    expect(labelVideos([v], "America/New_York")[0]!.labels).toContain("window:18-21");
    expect(labelVideos([v], "America/New_York")[0]!.labels).toContain("weekday:mon");
  });

  it("finds series: a phrase recurring in at least three titles, the longest form of it", () => {
    const titles = [
      "Morning routine day 1",
      "my morning routine day 2",
      "Morning routine day 3 #fyp",
      "What I eat in a day",
      "Desk tour",
      "Another desk setup",
      "Random vlog",
    ];
    const videos = titles.map((title, i) => ({ ...world(1)[0]!, id: String(i), title }));
    const series = seriesOf(videos);
    expect([...series.keys()]).toEqual(["morning routine day"]);
    expect(series.get("morning routine day")).toEqual(["0", "1", "2"]);
  });

  it("says 'not enough videos yet' below five, and measures a label against the creator's other videos", () => {
    const few = world(30, { tagEffect: { tag: "booktok", log: 0.7 } }).map((v, i) =>
      i < 4 ? v : { ...v, description: "no tags" },
    );
    const stat = labelStats(few, labelVideos(few, "UTC")).find((l) => l.key === "hashtag:booktok");
    expect(stat?.h24).toBeNull();
    expect(stat?.note).toMatch(/not enough videos yet/);

    const many = world(200, { tagEffect: { tag: "booktok", log: 0.7 }, seed: 3 });
    const booktok = labelStats(many, labelVideos(many, "UTC")).find((l) => l.key === "hashtag:booktok")!;
    expect(booktok.h24!.low).toBeGreaterThan(1.3);
    expect(booktok.h24!.low).toBeLessThan(Math.exp(0.7));
    expect(booktok.h24!.high).toBeGreaterThan(Math.exp(0.7));
    expect(labelStats(many, labelVideos(many, "UTC")).find((l) => l.key === "hashtag:fyp")!.note).toMatch(
      /every video/,
    );
  });

  it("compares each video with its neighbours in time, so a growing creator does not favour recent labels", () => {
    const growing = world(60, { sigma: 0.01 }).map((v, i) => ({
      ...v,
      views24h: Math.round(100 * Math.exp(0.05 * i)),
    }));
    const r = residuals(growing, "h24");
    for (const [, x] of r) expect(Math.abs(x)).toBeLessThan(0.3);
  });
});

describe("best time to post", () => {
  it("finds a planted window with its interval and says it plainly", () => {
    const videos = world(240, { hourEffect: { from: 18, to: 21, log: 0.5 }, seed: 5 });
    const t = bestTime(videos, "UTC", { nowMs: START + 300 * DAY_MS });
    expect(t.best?.key).toMatch(/^(window|weekdays):18-21$/);
    expect(t.best!.low).toBeGreaterThan(1);
    expect(t.answer).toMatch(/18–21 h: \+\d+% \(\+\d+% to \+\d+%\) over \d+ videos/);
  });

  it("reports no reliable difference when none was planted, and shrinks every window towards none", () => {
    let found = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const t = bestTime(world(120, { seed }), "UTC", { nowMs: START });
      if (t.best) found++;
      expect(t.best !== null || /No reliable difference/.test(t.answer)).toBe(true);
      for (const w of t.windows)
        expect(Math.abs(Math.log(w.ratio))).toBeLessThanOrEqual(Math.abs(Math.log(w.rawRatio)) + 1e-3);
    }
    expect(found).toBeLessThanOrEqual(2);
  });

  it("shows when the audience watches in local hours", () => {
    const logFactors = Array.from({ length: 24 }, (_, h) => (h === 20 ? 0.5 : -0.5 / 23));
    const t = bestTime([], "Asia/Tokyo", { nowMs: START, diurnal: { logFactors, weight: 10 } });
    const peak = t.audienceByHour!.indexOf(Math.max(...t.audienceByHour!));
    expect(peak).toBe((20 + 9) % 24);
    expect(t.answer).toMatch(/Not enough videos yet/);
  });
});

describe("goals", () => {
  const projection: FollowerProjection = {
    computedAtMs: START,
    fromFollowers: 1000,
    baselinePerDay: 10,
    jumpsPerDay: 0,
    jumpMedianFollowers: 0,
    historyDays: 30,
    points: [
      { day: 0, p10: 1000, p50: 1000, p90: 1000 },
      { day: 30, p10: 1200, p50: 1300, p90: 1500 },
      { day: 90, p10: 1500, p50: 1900, p90: 2600 },
    ],
  };
  const ctx = { nowMs: START, followers: 1000, cumulativeViews: 0, daily: [], projection };
  const goal = { id: "g", kind: "followers" as const, startMs: START, baseline: 1000 };

  it("reads the chance from the projection: 50% at its median, 90% at its P10", () => {
    expect(goalStatus({ ...goal, target: 1300, deadlineMs: START + 30 * DAY_MS }, ctx).probability).toBeCloseTo(0.5, 2);
    expect(goalStatus({ ...goal, target: 1200, deadlineMs: START + 30 * DAY_MS }, ctx).probability).toBeCloseTo(0.9, 2);
    expect(goalStatus({ ...goal, target: 1500, deadlineMs: START + 30 * DAY_MS }, ctx).probability).toBeCloseTo(0.1, 2);
  });

  it("gives the likely date where the median path reaches the target, and progress from the baseline", () => {
    const s = goalStatus({ ...goal, target: 1300, deadlineMs: START + 60 * DAY_MS }, { ...ctx, followers: 1100 });
    expect(s.likelyDateMs).toBe(START + 30 * DAY_MS);
    expect(s.progress).toBeCloseTo(1 / 3, 3);
    expect(goalStatus({ ...goal, target: 5000, deadlineMs: START + 60 * DAY_MS }, ctx).likelyDateMs).toBeNull();
  });

  it("counts views from the goal's start and projects the daily pace", () => {
    const daily = Array.from({ length: 20 }, (_, d) => ({
      dayStartMs: START + d * DAY_MS,
      atMs: START + d * DAY_MS + 23 * HOUR_MS,
      followers: 1000,
      cumulativeViews: 1000 * d,
      cumulativeLikes: 0,
    }));
    const now = START + 19 * DAY_MS + 23 * HOUR_MS;
    const s = goalStatus(
      {
        id: "v",
        kind: "views",
        target: 20_000,
        startMs: START + 9 * DAY_MS + 23 * HOUR_MS,
        deadlineMs: now + 10 * DAY_MS,
        baseline: 0,
      },
      { nowMs: now, followers: 1000, cumulativeViews: 19_000, daily, projection: null },
    );
    expect(s.current).toBe(10_000);
    expect(s.probability).toBeCloseTo(0.5, 1);
    expect(s.likelyDateMs).toBe(now + 10 * DAY_MS);
  });
});

describe("missions", () => {
  it("suggests spreading posts when no window is known yet, and recognises it when done", () => {
    const videos = world(30, { seed: 2 });
    const now = videos[videos.length - 1]!.createdAtMs + HOUR_MS;
    const m = missions(videos, undefined, "UTC", now);
    const spread = m.current.missions.find((x) => x.kind === "spread-times")!;
    const thisWeek = videos.filter((v) => v.createdAtMs >= weekStart(now, "UTC"));
    const windows = new Set(thisWeek.map((v) => Math.floor(localParts(v.createdAtMs, "UTC").hour / 3)));
    expect(spread.done).toBe(Math.min(3, windows.size));
    expect(spread.completed).toBe(windows.size >= 3);
  });

  it("asks for a follow-up after a spike and checks it from the next post", () => {
    const videos = world(40, { seed: 4, sigma: 0.2 });
    const spike = videos[30]!;
    spike.views24h = spike.views24h! * 5;
    const m = missions(videos, undefined, "UTC", videos[39]!.createdAtMs + DAY_MS);
    const all = [m.current, ...m.history].flatMap((w) => w.missions);
    const followUp = all.find((x) => x.key === `follow-up:${spike.id}`)!;
    expect(followUp.completed).toBe(true);
    const seen = spike.createdAtMs + DAY_MS;
    const next = videos.find((v) => v.createdAtMs > seen)!;
    expect(followUp.videoIds).toEqual([next.id]);
  });

  it("counts a streak of completed weeks", () => {
    // two posts a day in every window for months: cadence and spread missions are met every week
    const videos = world(400, { everyHours: 6, seed: 9 });
    const m = missions(videos, undefined, "UTC", videos[videos.length - 1]!.createdAtMs);
    expect(m.streak).toBeGreaterThanOrEqual(4);
  });
});

describe("experiments", () => {
  it("assigns each new video matching exactly one condition to its arm", () => {
    const e = { armA: { label: "length:under-30" }, armB: { label: "length:over-60" }, startMs: 100 };
    expect(assignArm({ createdAtMs: 50 }, new Set(["length:under-30"]), e)).toBeNull();
    expect(assignArm({ createdAtMs: 150 }, new Set(["length:under-30"]), e)).toBe("a");
    expect(assignArm({ createdAtMs: 150 }, new Set(["length:over-60"]), e)).toBe("b");
    expect(assignArm({ createdAtMs: 150 }, new Set(["length:30-60"]), e)).toBeNull();
    const negated = {
      armA: { label: "hashtag:booktok" },
      armB: { label: "hashtag:booktok", negate: true },
      startMs: 0,
    };
    expect(assignArm({ createdAtMs: 1 }, new Set(), negated)).toBe("b");
  });

  it("keeps its error rate under 10% when the creator looks after every video (no planted effect)", () => {
    const rng = createRng(11);
    let falseWinners = 0;
    const runs = 400;
    for (let run = 0; run < runs; run++) {
      const a: number[] = [];
      const b: number[] = [];
      let declared = false;
      for (let i = 0; i < 60 && !declared; i++) {
        (i % 2 === 0 ? a : b).push(0.7 * rng.normal());
        const e = sequentialEffect(a, b);
        if (e && a.length >= 3 && b.length >= 3 && (e.low > 1 || e.high < 1)) declared = true;
      }
      if (declared) falseWinners++;
    }
    expect(falseWinners / runs).toBeLessThanOrEqual(0.1);
  });

  it("finds a real effect and names the winner, with the videos behind it", () => {
    const videos = world(160, { longEffect: -0.6, seed: 8 });
    const r = evaluateExperiment(
      {
        id: "x",
        name: "Short or long",
        armA: { label: "length:under-30" },
        armB: { label: "length:over-60" },
        startMs: START,
      },
      videos,
      labelVideos(videos, "UTC"),
    );
    expect(r.verdict).toBe("a-better");
    expect(r.effect!.low).toBeGreaterThan(1);
    expect(r.arms.a.videos.length + r.arms.b.videos.length).toBeGreaterThan(80);
    expect(r.summary).toMatch(/under 30 s beats over 60 s/);
  });
});

describe("statistics", () => {
  it("takes the Hodges–Lehmann shift as the median of all pairwise differences, exactly, ties included", () => {
    expect(hodgesLehmann([1, 2, 3], [0])).toBe(2);
    expect(hodgesLehmann([1, 2], [0, 1])).toBeCloseTo(1, 12);
    const rng = createRng(5);
    for (let t = 0; t < 100; t++) {
      const a = Array.from({ length: 1 + (t % 37) }, () => Math.round(rng.normal() * 4) / 4);
      const b = Array.from({ length: 1 + ((t * 7) % 41) }, () => rng.normal());
      const d = a.flatMap((x) => b.map((y) => x - y)).sort((x, y) => x - y);
      const n = d.length;
      const exact = n % 2 ? d[(n - 1) / 2]! : (d[n / 2 - 1]! + d[n / 2]!) / 2;
      expect(hodgesLehmann(a, b)).toBeCloseTo(exact, 9);
    }
  });
});
