import { describe, expect, it } from "vitest";
import { formatCount, formatHours, formatPace, formatRatio } from "./format";
import { buildInsights } from "./insights";
import { DAY_MS, HOUR_MS } from "./time";
import type { AccountSummary, Anomaly, VideoAnalytics } from "./types";

const now = Date.UTC(2025, 2, 10, 12);

function video(id: string, patch: Partial<VideoAnalytics> = {}): VideoAnalytics {
  return {
    version: 1,
    videoId: id,
    createdAtMs: now - 2 * HOUR_MS,
    status: "public",
    computedAtMs: now,
    lastSnapshotMs: now,
    latest: { ageHours: 2, views: 4210, likes: 300, comments: 20, shares: 5, engagementRate: 0.08 },
    checkpoints: [],
    velocityCurve: [],
    velocity: null,
    percentiles: [],
    forecast: { views24h: null, views7d: null },
    dips: [],
    ...patch,
  };
}

const summary = { followerProjection: null } as unknown as AccountSummary;

describe("insight cards", () => {
  it("says how far ahead of the usual pace a video is, with the evidence", () => {
    const v = video("fast", {
      percentiles: [{ ageHours: 2, views: 4210, percentile: 96, ratioToTypical: 3.1, comparedWith: 25 }],
    });
    const [card] = buildInsights({ now, videos: [v], previousStatus: new Map(), anomalies: [], summary });
    expect(card).toMatchObject({
      factKey: "pace:fast",
      kind: "fast_start",
      severity: "medium",
      videoId: "fast",
      title: "Fast start: 3.1× your usual pace at 2 h",
      expiresAt: v.createdAtMs + 2 * DAY_MS,
    });
    expect(card!.body).toContain("4,210 views at 2 h old");
    expect(card!.body).toContain("Reply to comments in the next hour");
    expect(card!.evidence).toMatchObject({ percentile: 96, comparedWith: 25 });
  });

  it("says nothing about an ordinary pace, or with too few videos to compare", () => {
    const ordinary = video("a", {
      percentiles: [{ ageHours: 2, views: 100, percentile: 55, ratioToTypical: 1.1, comparedWith: 25 }],
    });
    const unsure = video("b", {
      percentiles: [{ ageHours: 2, views: 900, percentile: 100, ratioToTypical: 9, comparedWith: 2 }],
    });
    expect(
      buildInsights({ now, videos: [ordinary, unsure], previousStatus: new Map(), anomalies: [], summary }),
    ).toEqual([]);
  });

  it("makes one card per anomaly event and ranks alerts above pace cards", () => {
    const anomaly: Anomaly = {
      eventKey: "x:views:spike:1",
      videoId: "x",
      metric: "views",
      kind: "spike",
      severity: "high",
      score: 9,
      confidence: 0.99,
      windowStart: now - 2 * HOUR_MS,
      windowEnd: now,
      observed: 12_400,
      expected: 1000,
      details: { ageHours: 300, ratio: 12.4, testWindowStart: now - 2 * HOUR_MS, testWindowEnd: now },
    };
    const fast = video("fast", {
      percentiles: [{ ageHours: 2, views: 4210, percentile: 96, ratioToTypical: 3.1, comparedWith: 25 }],
    });
    const cards = buildInsights({
      now,
      videos: [fast],
      previousStatus: new Map(),
      anomalies: [anomaly, anomaly],
      summary,
    });
    expect(cards.map((c) => c.kind)).toEqual(["resurfacing", "fast_start"]);
    expect(cards[0]).toMatchObject({
      factKey: "anomaly:x:views:spike:1",
      title: "An old video is taking off again (13 days old)",
      expiresAt: now + DAY_MS,
    });
    expect(cards[0]!.rank).toBeGreaterThan(cards[1]!.rank);
  });

  it("credits a follower spike to the video behind it", () => {
    const anomaly: Anomaly = {
      eventKey: "account:followers:spike:1",
      videoId: null,
      metric: "followers",
      kind: "spike",
      severity: "medium",
      confidence: 0.8,
      score: 6,
      windowStart: now - 2 * HOUR_MS,
      windowEnd: now,
      observed: 1240,
      expected: 250,
      details: {
        ratio: 5,
        attributedVideos: [{ videoId: "v9", excessViews: 48_000, share: 0.9, ageHours: 552, resurfacing: true }],
      },
    };
    const [card] = buildInsights({ now, videos: [], previousStatus: new Map(), anomalies: [anomaly], summary });
    expect(card).toMatchObject({
      kind: "follower_spike",
      videoId: "v9",
      title: "+1,240 followers in 2 h (5× your usual pace)",
    });
    expect(card!.body).toContain("an older post resurfacing");
  });

  it("notices a video going private once, and drops expired cards", () => {
    const gone = video("g", { status: "unavailable" });
    expect(
      buildInsights({ now, videos: [gone], previousStatus: new Map([["g", "public"]]), anomalies: [], summary }).map(
        (c) => c.kind,
      ),
    ).toEqual(["video_unavailable"]);
    expect(
      buildInsights({ now, videos: [gone], previousStatus: new Map([["g", "unavailable"]]), anomalies: [], summary }),
    ).toEqual([]);
    const old = video("o", {
      createdAtMs: now - 3 * DAY_MS,
      percentiles: [{ ageHours: 24, views: 1e6, percentile: 100, ratioToTypical: 50, comparedWith: 30 }],
    });
    expect(buildInsights({ now, videos: [old], previousStatus: new Map(), anomalies: [], summary })).toEqual([]);
  });
});

describe("wording", () => {
  it("formats counts, ratios and ages compactly", () => {
    expect([
      formatCount(4210),
      formatCount(48_000),
      formatCount(12_400),
      formatCount(1_234_567),
      formatCount(3.4e9),
      formatCount(NaN),
    ]).toEqual(["4,210", "48k", "12.4k", "1.2M", "3.4B", "0"]);
    expect([formatRatio(3.14), formatRatio(0.01)]).toEqual(["3.1", "0.1"]);
    // 400× an expected 1 view is noise in the ratio: the views themselves say it.
    expect([formatPace(3.14), formatPace(19.94), formatPace(395.6)]).toEqual(["3.1×", "19.9×", "over 20×"]);
    expect([formatHours(0.5), formatHours(2.2), formatHours(552)]).toEqual(["30 min", "2 h", "23 days"]);
  });
});
