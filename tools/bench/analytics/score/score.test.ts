import { describe, expect, it } from "vitest";
import type { ForecastSample } from "../collect.ts";
import { shareOf } from "../stats.ts";
import { scoreViewAlerts } from "./alerts.ts";
import { creatorResult, DAY, detection, HOUR, MIDDLE, START, video } from "./fixtures.ts";
import { scoreFollowers } from "./followers.ts";
import { scoreForecasts } from "./forecasts.ts";
import { scoreWorld } from "./index.ts";

const forecast = (actual: number | null, p50 = 1000): ForecastSample => ({
  target: 24,
  age: 1,
  actual,
  adam: { p10: p50 / 2, p50, p90: p50 * 2, fittedOn: 10 },
  median: 2000,
  ratio: 1500,
  pace: 3000,
});

describe("forecasts", () => {
  it("leave a null truth out of the score and count it as unknown, instead of reading it as 0 views", () => {
    const [row] = scoreForecasts([forecast(1000), forecast(1000), forecast(null), forecast(null), forecast(null)]);
    expect(row).toMatchObject({ target: "24h", from: "1h", n: 2, unknown: 3, adam: 0, coverage: 1 });
    // the best of the three baselines: the creator-median ratio's 1,500 views
    expect(row?.bestBaseline).toBeCloseTo(Math.log(1501 / 1001), 6);
  });

  it("with no known truth at all, give nulls, not zeros", () => {
    const rows = scoreForecasts([forecast(null)]);
    expect(rows.find((r) => r.from === "1h")).toMatchObject({
      n: 0,
      unknown: 1,
      adam: null,
      bestBaseline: null,
      ratio: null,
      coverage: null,
    });
  });

  it("report every target and age, and all ages per target", () => {
    expect(scoreForecasts([]).map((r) => `${r.target}:${r.from}`)).toEqual([
      "24h:1h",
      "24h:3h",
      "24h:6h",
      "24h:12h",
      "24h:all",
      "7d:6h",
      "7d:24h",
      "7d:72h",
      "7d:all",
    ]);
  });
});

describe("spike and drop alerts", () => {
  it("on a video without spike truth are counted but judged nowhere: precision and recall null", () => {
    const r = creatorResult({
      videos: [video("v1")],
      detections: [detection("v1"), detection("v1", { kind: "drop" })],
    });
    const s = scoreViewAlerts([r], 1);
    expect(shareOf(s.spikes.precision)).toBeNull();
    expect(shareOf(s.spikes.recall)).toBeNull();
    expect(s.spikes.alerts).toBe(1);
    expect(s.spikes.unknownAlerts).toBe(1);
    expect(s.drops.alerts).toBe(1);
    expect(s.unknownVideos).toBe(1);
    // the rate still counts them: that is what a creator would receive
    expect(s.spikes.alertsPerCreatorWeek).toBe(1);
  });

  it("on a video whose truth is [] are false alarms", () => {
    const r = creatorResult({ videos: [video("v1", { spikes: [] })], detections: [detection("v1")] });
    const s = scoreViewAlerts([r], 1);
    expect(s.spikes.precision).toEqual({ hit: 0, of: 1 });
    expect(s.spikes.unknownAlerts).toBe(0);
  });

  it("match an event of the same video and kind from its start to 12 h after its end", () => {
    const event = { start: MIDDLE, end: MIDDLE + 2 * HOUR, kind: "spike" as const };
    const at = (t: number) =>
      scoreViewAlerts(
        [
          creatorResult({
            videos: [video("v1", { spikes: [event] })],
            detections: [detection("v1", { firstSeenMs: t })],
          }),
        ],
        1,
      );
    expect(at(MIDDLE + 14 * HOUR).spikes.recall).toEqual({ hit: 1, of: 1 });
    expect(at(MIDDLE + 15 * HOUR).spikes.recall).toEqual({ hit: 0, of: 1 });
    expect(at(MIDDLE - HOUR).spikes.precision).toEqual({ hit: 0, of: 1 });
  });

  it("mix known and unknown videos: only the known ones are judged", () => {
    const event = { start: MIDDLE, end: MIDDLE + HOUR, kind: "spike" as const };
    const r = creatorResult({
      videos: [video("known", { spikes: [event] }), video("unknown")],
      detections: [detection("known"), detection("unknown")],
    });
    const s = scoreViewAlerts([r], 1);
    expect(s.spikes.precision).toEqual({ hit: 1, of: 1 });
    expect(s.spikes.recall).toEqual({ hit: 1, of: 1 });
    expect(s.spikes.alerts).toBe(2);
    expect(s.spikes.unknownAlerts).toBe(1);
  });

  it("by confidence band are judged from the run their confidence first reached the band", () => {
    const event = { start: MIDDLE, end: MIDDLE + HOUR, kind: "spike" as const };
    // first seen at 0.4 inside the event's window; 0.95 only two days later, too late to match it
    const d = detection("v1", {
      firstSeenMs: MIDDLE + HOUR,
      rises: [
        { t: MIDDLE + HOUR, confidence: 0.4 },
        { t: MIDDLE + 2 * DAY, confidence: 0.95 },
      ],
    });
    const s = scoreViewAlerts([creatorResult({ videos: [video("v1", { spikes: [event] })], detections: [d] })], 1);
    const band = (min: number) => s.byConfidence.find((b) => b.minConfidence === min);
    expect(band(0)?.precision).toEqual({ hit: 1, of: 1 });
    expect(band(0.5)?.precision).toEqual({ hit: 0, of: 1 });
    expect(band(0.9)?.alerts).toBe(1);
  });

  it("in the replay's first day count as alerts but are not judged", () => {
    const r = creatorResult({
      videos: [video("v1", { spikes: [] })],
      detections: [detection("v1", { firstSeenMs: START + HOUR })],
    });
    const s = scoreViewAlerts([r], 1);
    expect(s.spikes.alerts).toBe(1);
    expect(s.spikes.precision.of).toBe(0);
  });
});

describe("follower jumps", () => {
  const follower = (t: number, topVideoId: string | null) =>
    detection(null, { metric: "followers", firstSeenMs: t, topVideoId });

  it("absent on a creator are unknown: recall, attribution and precision null, the creator counted", () => {
    const r = creatorResult({ followerJumps: undefined, detections: [follower(MIDDLE, "v1")] });
    const s = scoreFollowers([r], 1);
    expect([s.recall, s.attribution, s.precision].map(shareOf)).toEqual([null, null, null]);
    expect(s.unknownCreators).toBe(1);
    expect(s.alerts).toBe(1);
  });

  it("are found by an alert within 48 h and credited when its first video is the cause", () => {
    const r = creatorResult({
      followerJumps: [
        { t: MIDDLE, videoId: "v1", followers: 500 },
        { t: MIDDLE - 2 * DAY, videoId: "v2", followers: 50 },
      ],
      detections: [follower(MIDDLE + 3 * HOUR, "v1"), follower(MIDDLE - 2 * DAY + HOUR, "v9")],
    });
    const s = scoreFollowers([r], 1);
    expect(s.recall).toEqual({ hit: 2, of: 2 });
    expect(s.recallLarge).toEqual({ hit: 1, of: 1 });
    expect(s.attribution).toEqual({ hit: 1, of: 2 });
    expect(s.precision).toEqual({ hit: 2, of: 2 });
  });
});

describe("a world", () => {
  it("counts creator-days from the runs replayed, and alerts per creator-week from them", () => {
    const r = creatorResult({ videos: [video("v1")], detections: [detection("v1")] });
    const s = scoreWorld([r]);
    expect(s.creatorDays).toBe(10);
    expect(s.alerts.spikes.alertsPerCreatorWeek).toBeCloseTo(0.7, 9);
    expect(s.breakouts).toBeNull();
    expect(s.projection).toBeNull();
    expect(s.cpu).toEqual({ runs: 480, p50: 1, p95: 1, max: 1 });
  });
});
