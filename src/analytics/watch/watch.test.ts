import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "../time";
import { activityByHour } from "./activity";
import { diagnose, shareOfNewViews } from "./diagnosis";
import { videoWatchReport } from "./report";
import { hookRate, retentionBand } from "./retention";
import { buildWatchSummary } from "./summary";
import type { WatchCopy, WatchSummary } from "./types";
import { watchDay } from "./watch-days";

const NOW = Date.UTC(2026, 11, 1, 6);

/** A curve: `hook` still there at 3 s, then an exponential fall to the end. */
function curve(hook: number, duration = 20, decay = 0.8): [number, number][] {
  return Array.from({ length: duration + 1 }, (_, s): [number, number] => [
    s,
    s <= 3 ? 1 - (1 - hook) * (s / 3) : hook * Math.exp((-decay * (s - 3)) / (duration - 3)),
  ]);
}

function copy(patch: Partial<WatchCopy> = {}): WatchCopy {
  return {
    fetchedAtMs: NOW,
    views: 10_000,
    reach: 8_000,
    averageSeconds: 9,
    totalSeconds: 90_000,
    completion: 0.3,
    durationSeconds: 20,
    retention: curve(0.68),
    sources: { "For You": 0.7, Follow: 0.15, Search: 0.05, "Personal Profile": 0.1 },
    audience: { new_viewers: 0.7, returning_viewers: 0.3, followers: 0.2, non_followers: 0.8 },
    countries: { US: 0.7, GB: 0.2, CA: 0.1 },
    ...patch,
  };
}

/** Twelve settled videos with small differences: the creator's history. */
function history() {
  return Array.from({ length: 12 }, (_, i) => ({
    videoId: `old${i}`,
    createdAtMs: NOW - (20 + i) * DAY_MS,
    copies: [
      copy({
        retention: curve(0.62 + (i % 5) * 0.02),
        averageSeconds: 8 + (i % 4) * 0.5,
        sources: { "For You": 0.66 + (i % 4) * 0.02, Follow: 0.15, Search: 0.05, "Personal Profile": 0.1 },
        countries: { US: 0.66 + (i % 3) * 0.03, GB: 0.2, CA: 0.1 },
      }),
    ],
  }));
}

function summaryWith(
  videos: { videoId: string; createdAtMs: number; copies: WatchCopy[] }[],
  subjects: Parameters<typeof buildWatchSummary>[0]["subjects"] = [],
): WatchSummary {
  return buildWatchSummary({
    nowMs: NOW,
    videos: [...history(), ...videos],
    days: [],
    previous: null,
    watchDay: null,
    subjects,
  });
}

describe("retention and hook", () => {
  it("reads the hook at 3 seconds and draws the creator's band from five videos on", () => {
    expect(hookRate(curve(0.55))).toBeCloseTo(0.55, 4);
    expect(hookRate(null)).toBeNull();
    const four = Array.from({ length: 4 }, () => ({ retention: curve(0.6), durationSeconds: 20 }));
    expect(retentionBand(four)).toBeNull();
    const band = retentionBand([...four, { retention: curve(0.7), durationSeconds: 20 }])!;
    expect(band[0]).toMatchObject({ position: 0, p50: 1, n: 5 });
    expect(band.at(-1)!.position).toBe(1);
  });

  it("compares a video's curve, hook, watch time and completion with the creator's own", () => {
    const summary = summaryWith([]);
    const report = videoWatchReport([copy({ retention: curve(0.4), averageSeconds: 5 })], summary.baseline)!;
    expect(report.hook.standing).toBe("below");
    expect(report.hook.usual!.n).toBe(12);
    expect(report.averageSeconds.standing).toBe("below");
    expect(report.retention.video).toHaveLength(21);
    expect(report.retention.band!.p50).toHaveLength(21);
    expect(report.retention.steepestLoss!.toSecond).toBeLessThanOrEqual(3);
    expect(report.sources![0]).toMatchObject({ source: "For You", share: 0.7 });
  });

  it("shows the mix of the views since the copy before (a source's change), and keeps what TikTok did not send missing", () => {
    const summary = summaryWith([]);
    const before = copy({ fetchedAtMs: NOW - DAY_MS, views: 1000 });
    const after = copy({ views: 2000, sources: { "For You": 0.4, Follow: 0.3, Search: 0.2, "Personal Profile": 0.1 } });
    const report = videoWatchReport([after, before], summary.baseline)!;
    expect(report.sources!.find((s) => s.source === "For You")!.recent).toBeCloseTo(0.1, 4);
    const sparse = videoWatchReport(
      [copy({ retention: null, averageSeconds: null, sources: null, completion: null, audience: null })],
      summary.baseline,
    )!;
    expect(sparse.hook.value).toBeNull();
    expect(sparse.averageSeconds.value).toBeNull();
    expect(sparse.sources).toBeNull();
    expect(sparse.retention.video).toBeNull();
  });
});

describe("diagnosis", () => {
  const young = NOW - 3 * DAY_MS;

  it("names a weak hook behind a slow start, with the evidence", () => {
    const summary = summaryWith([
      { videoId: "weak", createdAtMs: young, copies: [copy({ retention: curve(0.38), averageSeconds: 4 })] },
    ]);
    const d = diagnose({ kind: "slow_start", videoId: "weak", ageHours: 6, ratioToTypical: 0.3 }, summary);
    expect(d.status).toBe("cause");
    expect(d.cause).toBe("hook");
    expect(d.headline).toMatch(/^Weak hook: 38% were still watching at 3 seconds, against 6\d%–\d+% for your videos/);
    expect(d.evidence.find((e) => e.signal === "hook")).toMatchObject({ value: 0.38, unusual: true });
  });

  it("names For You when a drop's new views stopped coming from it", () => {
    const dropAt = NOW - 4 * DAY_MS;
    const summary = summaryWith(
      [
        {
          videoId: "dropped",
          createdAtMs: NOW - 6 * DAY_MS,
          copies: [
            copy({ fetchedAtMs: dropAt, views: 50_000 }),
            // 10,000 views since, 8% of them from For You: lifetime share 0.7 → 0.597
            copy({
              fetchedAtMs: dropAt + 3 * DAY_MS,
              views: 60_000,
              sources: { "For You": 0.5967, Follow: 0.2, Search: 0.09, "Personal Profile": 0.1133 },
            }),
          ],
        },
      ],
      [{ kind: "drop", videoId: "dropped", windowStartMs: dropAt - 3 * HOUR_MS, windowEndMs: dropAt - HOUR_MS }],
    );
    const d = summary.diagnoses[0]!;
    expect(d).toMatchObject({ status: "cause", cause: "distribution", subject: "drop" });
    expect(d.headline).toMatch(
      /^For You stopped pushing it: For You brought 8% of its views since .*, against 70% before/,
    );
    expect(d.evidence.find((e) => e.signal === "main_country")!.unusual).toBe(false);
  });

  it("names the audience when the new views came from elsewhere", () => {
    const dropAt = NOW - 4 * DAY_MS;
    const summary = summaryWith([
      {
        videoId: "moved",
        createdAtMs: NOW - 6 * DAY_MS,
        copies: [
          copy({ fetchedAtMs: dropAt, views: 50_000 }),
          copy({
            fetchedAtMs: NOW,
            views: 60_000,
            countries: { US: 0.6, GB: 0.3, CA: 0.1 },
            audience: { new_viewers: 0.75, returning_viewers: 0.25, followers: 0.17, non_followers: 0.83 },
          }),
        ],
      },
    ]);
    const d = diagnose(
      { kind: "drop", videoId: "moved", windowStartMs: dropAt - 3 * HOUR_MS, windowEndMs: dropAt - HOUR_MS },
      summary,
    );
    expect(d.cause).toBe("audience");
    expect([d.headline, ...d.also].join(" ")).toContain("10% of its views since 2026-11-26 came from US");
    expect(d.evidence.find((e) => e.signal === "for_you")!.unusual).toBe(false);
  });

  it("claims no cause when nothing stands out, when TikTok sent nothing to compare, or before its data is in", () => {
    const dropAt = NOW - 4 * DAY_MS;
    const ordinary = summaryWith([
      {
        videoId: "v",
        createdAtMs: NOW - 6 * DAY_MS,
        copies: [copy({ fetchedAtMs: dropAt, views: 50_000 }), copy({ views: 60_000 })],
      },
    ]);
    const drop = { kind: "drop" as const, videoId: "v", windowStartMs: dropAt - 3 * HOUR_MS, windowEndMs: dropAt };
    const calm = diagnose(drop, ordinary);
    expect(calm).toMatchObject({ status: "no_cause", cause: null });
    expect(calm.headline).toMatch(/^No cause stands out/);
    expect(calm.evidence.length).toBeGreaterThan(2);

    const empty = { retention: null, averageSeconds: null, sources: null, audience: null, countries: null };
    const sparse = summaryWith([
      {
        videoId: "v",
        createdAtMs: NOW - 6 * DAY_MS,
        copies: [copy({ fetchedAtMs: dropAt, views: 50_000, ...empty }), copy({ views: 60_000, ...empty })],
      },
    ]);
    const blind = diagnose(drop, sparse);
    expect(blind).toMatchObject({ status: "no_cause", cause: null, evidence: [] });
    expect(blind.headline).toMatch(/^Not enough watch data/);

    // the drop was yesterday: TikTok has not reported the hours after it yet
    const early = diagnose({ ...drop, windowStartMs: NOW - 30 * HOUR_MS, windowEndMs: NOW - 28 * HOUR_MS }, ordinary);
    expect(early).toMatchObject({ status: "waiting", cause: null });
    expect(
      diagnose({ kind: "slow_start", videoId: "unknown", ageHours: 5, ratioToTypical: 0.2 }, ordinary).status,
    ).toBe("waiting");
    expect(diagnose(drop, null).status).toBe("not_connected");
  });

  it("compares with nothing under five settled videos: no cause without a history", () => {
    const summary = buildWatchSummary({
      nowMs: NOW,
      videos: [{ videoId: "weak", createdAtMs: NOW - DAY_MS, copies: [copy({ retention: curve(0.3) })] }],
      days: [],
      previous: null,
      watchDay: null,
      subjects: [{ kind: "slow_start", videoId: "weak", ageHours: 5, ratioToTypical: 0.2 }],
    });
    expect(summary.diagnoses[0]).toMatchObject({ status: "no_cause", cause: null });
    expect(summary.diagnoses[0]!.headline).toMatch(/^Not enough watch data/);
  });

  it("reads the mix of new views only with enough of them", () => {
    const a = {
      fetchedAtMs: 0,
      views: 1000,
      forYou: 0.7,
      search: null,
      newViewers: null,
      followers: null,
      mainCountry: null,
      hook: null,
      averageShare: null,
      completion: null,
    };
    expect(shareOfNewViews(a, { ...a, views: 1010, forYou: 0.6 }, "forYou")).toBeNull();
    expect(shareOfNewViews(a, { ...a, views: 2000, forYou: 0.4 }, "forYou")).toBeCloseTo(0.1, 4);
    expect(shareOfNewViews(a, { ...a, views: 2000, forYou: null }, "forYou")).toBeNull();
  });
});

describe("account figures", () => {
  it("averages activity by hour over the reported days, missing hours kept missing", () => {
    const hours = (x: number) => Array.from({ length: 24 }, (_, h) => (h === 5 ? null : x + (h === 19 ? 50 : 0)));
    const a = activityByHour([
      { date: "2026-11-29", activity: hours(10) },
      { date: "2026-11-30", activity: hours(20) },
      { date: "2026-11-28", activity: null },
    ])!;
    expect(a.days).toBe(2);
    expect(a.hours[0]).toBe(15);
    expect(a.hours[5]).toBeNull();
    expect(a.bestHours[0]).toBe(19);
    expect(activityByHour([{ date: "2026-11-29", activity: null }])).toBeNull();
  });

  it("counts watch time gained between fetches over the videos reported both times", () => {
    const prev = new Map([
      ["a", copy({ fetchedAtMs: NOW - DAY_MS, totalSeconds: 3600, views: 100 })],
      ["b", copy({ fetchedAtMs: NOW - DAY_MS, totalSeconds: null })],
    ]);
    const cur = new Map([
      ["a", copy({ totalSeconds: 3 * 3600, views: 300 })],
      ["b", copy({ totalSeconds: 7200 })],
    ]);
    expect(watchDay("2026-12-01", prev, cur)).toEqual({ day: "2026-12-01", hoursWatched: 2, views: 200, spanDays: 1 });
    expect(watchDay("2026-12-01", new Map(), cur)).toBeNull();
  });
});
