import { describe, expect, it } from "vitest";
import { analyzeAccount } from "./analyze";
import { DAY_MS, HOUR_MS } from "./time";
import type { AnalyzeInput, VideoSnapshot } from "./types";

const now = Date.UTC(2025, 2, 10, 12);

function series(createdAt: number, from: number, to: number, viewsAt: (ageHours: number) => number): VideoSnapshot[] {
  const out: VideoSnapshot[] = [];
  for (let t = from; t <= to; t += HOUR_MS / 2) {
    const views = Math.round(viewsAt((t - createdAt) / HOUR_MS));
    out.push({
      t,
      views,
      likes: Math.round(views / 10),
      comments: Math.round(views / 100),
      shares: Math.round(views / 200),
    });
  }
  return out;
}

/** Every number anywhere in a JSON-like value. */
function numbers(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbers);
  if (value && typeof value === "object") return Object.values(value).flatMap(numbers);
  return [];
}

const oneVideo = (created: number, viewsAt: (a: number) => number): AnalyzeInput => ({
  now,
  account: {
    id: 1,
    followers: Array.from({ length: 48 }, (_, i) => ({ t: now - (47 - i) * HOUR_MS, count: 1000 + i })),
  },
  videos: [
    {
      id: "7400000000000000001",
      createdAt: created,
      status: "public",
      recent: series(created, Math.max(created + HOUR_MS / 2, now - 72 * HOUR_MS), now, viewsAt),
    },
  ],
  recentAnomalies: [],
});

/** The job's next run `laterMs` on: the same input (each video changed by `video`) and what `first` stored. */
const nextRun = (
  input: AnalyzeInput,
  first: ReturnType<typeof analyzeAccount>,
  laterMs: number,
  video: Partial<AnalyzeInput["videos"][number]> = {},
) =>
  analyzeAccount({
    ...input,
    now: now + laterMs,
    videos: input.videos.map((v) => ({ ...v, ...video, stored: first.videos[v.id] })),
    storedAccount: first.account,
  });

describe("analyzeAccount", () => {
  it("handles an account with nothing yet", () => {
    const out = analyzeAccount({ now, account: { id: 1, followers: [] }, videos: [], recentAnomalies: [] });
    expect(out.videos).toEqual({});
    expect(out.anomalies).toEqual([]);
    expect(out.insights).toEqual([]);
    expect(out.account.totals).toEqual({
      followers: null,
      views: 0,
      likes: 0,
      comments: 0,
      shares: 0,
      publicVideos: 0,
    });
    expect(out.account.followerProjection).toBeNull();
    expect(numbers(out).every(Number.isFinite)).toBe(true);
  });

  it("analyses a creator's single video: checkpoints, velocity, forecasts from the prior, totals", () => {
    const created = now - 10 * HOUR_MS;
    const out = analyzeAccount(oneVideo(created, (a) => 1000 * a));
    const v = out.videos["7400000000000000001"]!;
    expect(v.checkpoints.map((c) => c.ageHours)).toEqual([0.5, 1, 2, 3, 4, 6, 9]);
    expect(v.checkpoints.find((c) => c.ageHours === 6)?.views).toBe(6000);
    expect(v.velocity?.viewsPerHour).toBe(1000);
    expect(v.percentiles).toEqual([]); // nothing earlier to compare with
    expect(v.forecast.views24h).toMatchObject({ observed: false, fromViews: 10_000, fittedOn: 0 });
    expect(v.forecast.views24h!.p50).toBeGreaterThan(10_000);
    expect(out.account.totals).toMatchObject({ followers: 1047, views: 10_000, publicVideos: 1 });
    expect(out.account.changes.followers).toEqual({ h24: 24, d7: null });
  });

  it("is deterministic and JSON-clean, even at 10¹² views", () => {
    const input = oneVideo(now - 30 * HOUR_MS, (a) => 1e12 * (1 - Math.exp(-a / 10)));
    const a = analyzeAccount(input);
    expect(analyzeAccount(input)).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(numbers(a).every(Number.isFinite)).toBe(true);
  });

  it("returns stored analytics untouched when nothing new arrived, so ingestion can skip the write", () => {
    const input = oneVideo(now - 10 * HOUR_MS, (a) => 100 * a);
    const first = analyzeAccount(input);
    const id = "7400000000000000001";
    const second = nextRun(input, first, 30 * 60_000);
    expect(second.videos[id]).toBe(first.videos[id]);
    expect(second.account.typicalCurve).toBe(first.account.typicalCurve);
  });

  it("treats the columns' default {} as nothing stored", () => {
    const input = oneVideo(now - 10 * HOUR_MS, (a) => 100 * a);
    const fresh = analyzeAccount(input);
    const withDefaults = analyzeAccount({
      ...input,
      storedAccount: {} as never,
      videos: input.videos.map((v) => ({ ...v, stored: {} as never })),
    });
    expect(withDefaults).toEqual(fresh);
  });

  it("marks a video gone private, keeps its history and says so once", () => {
    const input = oneVideo(now - 10 * HOUR_MS, (a) => 100 * a);
    const first = analyzeAccount(input);
    const id = "7400000000000000001";
    const gone = nextRun(input, first, HOUR_MS, { status: "unavailable" });
    expect(gone.videos[id]).toMatchObject({
      status: "unavailable",
      computedAtMs: now + HOUR_MS,
      checkpoints: first.videos[id]!.checkpoints,
    });
    expect(gone.account.totals.publicVideos).toBe(0);
    expect(gone.insights.map((i) => i.kind)).toContain("video_unavailable");
  });

  it("copes with a dip, a gap in snapshots, duplicates and disorder", () => {
    const created = now - 20 * HOUR_MS;
    const base = series(created, created + HOUR_MS / 2, now, (a) => 500 * a);
    const messy = [...base.slice(0, 10), ...base.slice(20)].reverse();
    messy.push({ ...messy[0]!, views: messy[0]!.views - 300 }); // a later duplicate of the newest instant, after a dip
    const out = analyzeAccount({
      ...oneVideo(created, () => 0),
      videos: [{ id: "v", createdAt: created, status: "public", recent: messy }],
    });
    expect(out.videos.v!.latest?.views).toBe(500 * 20 - 300);
    expect(out.videos.v!.checkpoints.map((c) => c.ageHours)).not.toContain(6); // inside the gap
    expect(numbers(out).every(Number.isFinite)).toBe(true);
  });

  it("a follower spike produces an anomaly and a card naming the video", () => {
    const followers = [];
    for (let t = now - 8 * DAY_MS; t <= now; t += HOUR_MS / 2)
      followers.push({
        t,
        count: Math.round(
          10_000 +
            ((t - (now - 8 * DAY_MS)) / HOUR_MS) * 5 +
            (t > now - 2 * HOUR_MS ? ((t - (now - 2 * HOUR_MS)) / HOUR_MS) * 300 : 0),
        ),
      });
    const created = now - 3 * HOUR_MS;
    const out = analyzeAccount({
      now,
      account: { id: 1, followers },
      videos: [
        {
          id: "viral",
          createdAt: created,
          status: "public",
          recent: series(created, created + HOUR_MS / 4, now, (a) => 50_000 * a),
        },
      ],
      recentAnomalies: [],
    });
    expect(out.anomalies).toHaveLength(1);
    expect(out.anomalies[0]).toMatchObject({ metric: "followers", kind: "spike", videoId: null });
    expect(out.insights.find((i) => i.kind === "follower_spike")?.videoId).toBe("viral");
  });
});
