import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { resetDatabase } from "./helpers/db";
import { seedDataWorld, VIDEO_A, VIDEO_A2, VIDEO_B } from "./helpers/data-world";
import { nextUserId, slotOf } from "./helpers/fixtures";
import { describeForeignIds, describeRouteSecurity } from "./helpers/route-security";
import { bearer, tokenFor } from "./helpers/tokens";

let mine: string;
let theirs: string;

const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://adam.test${path}`, { headers });

async function json(res: Response) {
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  await resetDatabase();
  ({ mine, theirs } = await seedDataWorld());
});

/** Every data route, with an id of the token's account, one of someone else's, and one that does not exist. */
const own = () => tokenFor({ sub: nextUserId(), tiktokAccountIds: [mine] });
const missingAccount = (path: string) => path.replace(theirs, "987654");
const missingVideo = (path: string) => path.replace(VIDEO_B, "7399999999999999999");
const ROUTES = [
  {
    name: "metrics",
    own: () => `/api/v1/accounts/${mine}/metrics`,
    foreign: () => `/api/v1/accounts/${theirs}/metrics`,
  },
  {
    name: "snapshots",
    own: () => `/api/v1/accounts/${mine}/snapshots?days=30`,
    foreign: () => `/api/v1/accounts/${theirs}/snapshots`,
  },
  {
    name: "video list",
    own: () => `/api/v1/videos/${mine}?limit=10&sort=views`,
    foreign: () => `/api/v1/videos/${theirs}`,
  },
  {
    name: "video snapshots",
    own: () => `/api/v1/videos/${VIDEO_A}/snapshots?hours=72`,
    foreign: () => `/api/v1/videos/${VIDEO_B}/snapshots`,
  },
  {
    name: "video anomalies",
    own: () => `/api/v1/videos/${VIDEO_A}/anomalies`,
    foreign: () => `/api/v1/videos/${VIDEO_B}/anomalies`,
  },
  { name: "insights", own: () => `/api/v1/insights/${mine}`, foreign: () => `/api/v1/insights/${theirs}` },
].map((route) => ({
  ...route,
  missing: () => missingVideo(missingAccount(route.foreign())),
  token: own,
}));

describeRouteSecurity([...ROUTES, { name: "account list", own: () => `/api/v1/accounts` }]);
describeForeignIds(ROUTES);

describe("data routes, happy paths", () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor({ sub: nextUserId(), tier: "pro", tiktokAccountIds: [mine] });
  });

  it("lists the token's accounts", async () => {
    const res = await get("/api/v1/accounts", bearer(token));
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      accounts: [
        {
          id: mine,
          display_name: "Mina",
          username: "open-mine",
          avatar_url: null,
          status: "active",
          granted_scopes: ["user.info.basic", "user.info.stats", "video.list"],
          last_synced_at: "2026-11-20T12:00:00.000Z",
        },
      ],
    });
  });

  it("serves current metrics", async () => {
    const res = await get(`/api/v1/accounts/${mine}/metrics`, bearer(token));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, max-age=60");
    expect(await json(res)).toEqual({
      id: mine,
      display_name: "Mina",
      username: "open-mine",
      avatar_url: null,
      status: "active",
      granted_scopes: ["user.info.basic", "user.info.stats", "video.list"],
      last_synced_at: "2026-11-20T12:00:00.000Z",
      followers: 1200,
      following: 80,
      likes: 54000,
      videos: 2,
      views: 91000,
      engagement_rate: 0.0625,
      summary: { changes: { followers_24h: 35 } },
    });
  });

  it("serves account history as columns", async () => {
    const res = await get(`/api/v1/accounts/${mine}/snapshots?days=1`, bearer(token));
    const base = slotOf(Date.parse("2026-11-19T10:00:00Z"));
    expect(await json(res)).toEqual({
      account_id: mine,
      days: 1,
      series: {
        t: [0, 1, 2, 3].map((i) => base + i * 1_800_000),
        followers: [1000, 1001, 1002, 1003],
        following: [80, 80, 80, 80],
        likes: [50000, 50010, 50020, 50030],
        videos: [2, 2, 2, 2],
        views: [90000, 90100, 90200, 90300],
      },
    });
  });

  it("lists videos in the requested order with their metrics", async () => {
    const byViews = (await json(await get(`/api/v1/videos/${mine}?sort=views&limit=5`, bearer(token)))) as {
      videos: Record<string, unknown>[];
    };
    expect(byViews.videos.map((v) => v.id)).toEqual([VIDEO_A2, VIDEO_A]);
    expect(byViews.videos[1]).toEqual({
      id: VIDEO_A,
      title: "Video 001",
      description: null,
      create_time: "2026-11-19T10:00:00.000Z",
      status: "public",
      duration_seconds: null,
      share_url: null,
      cover_image_url: null,
      views: 5000,
      likes: 500,
      comments: 50,
      shares: 25,
      engagement_rate: 0.115,
      metrics_updated_at: "2026-11-20T12:00:00.000Z",
      analytics: { latest: { views: 5000 } },
    });
    const newest = (await json(await get(`/api/v1/videos/${mine}?sort=newest&limit=1`, bearer(token)))) as {
      videos: { id: string }[];
      limit: number;
      sort: string;
    };
    expect([newest.sort, newest.limit, newest.videos.map((v) => v.id)]).toEqual(["newest", 1, [VIDEO_A]]);
  });

  it("serves a video's history from posting, keeping its 19-digit id a string", async () => {
    const res = await get(`/api/v1/videos/${VIDEO_A}/snapshots?hours=1&anchor=posted`, bearer(token));
    const body = (await json(res)) as { video: { id: string }; account_id: string; series: Record<string, number[]> };
    const base = slotOf(Date.parse("2026-11-19T10:00:00Z"));
    expect(body.video.id).toBe(VIDEO_A);
    // the video page gets the whole analytics, the table only a summary
    expect((body.video as unknown as { analytics: unknown }).analytics).toEqual({
      latest: { views: 5000 },
      checkpoints: [{ ageHours: 1, views: 10 }],
    });

    expect(body.account_id).toBe(mine);
    expect(body.series).toEqual({
      t: [base, base + 1_800_000, base + 3_600_000],
      fetched: [base, base + 1_800_000, base + 3_600_000],
      views: [100, 200, 300],
      likes: [10, 20, 30],
      comments: [0, 1, 2],
      shares: [0, 1, 2],
    });
  });

  it("serves a video's anomalies", async () => {
    const body = (await json(await get(`/api/v1/videos/${VIDEO_A}/anomalies`, bearer(token)))) as {
      video_id: string;
      anomalies: Record<string, unknown>[];
    };
    expect(body.video_id).toBe(VIDEO_A);
    expect(body.anomalies).toHaveLength(1);
    expect(body.anomalies[0]).toMatchObject({
      metric: "views",
      kind: "spike",
      severity: "high",
      score: 7.5,
      confidence: 0.91,
      window_start: "2026-11-19T11:00:00.000Z",
      window_end: "2026-11-19T12:00:00.000Z",
      observed: 900,
      expected: 120,
      details: { ratio: 7.5 },
    });
  });

  it("serves unexpired insight cards only", async () => {
    const body = (await json(await get(`/api/v1/insights/${mine}`, bearer(token)))) as {
      insights: Record<string, unknown>[];
    };
    expect(body.insights).toHaveLength(1);
    expect(body.insights[0]).toMatchObject({
      kind: "early_velocity",
      severity: "high",
      title: "3.1x your usual first-hour pace",
      body: "Reply to comments in the next hour.",
      video_id: VIDEO_A,
      evidence: { ratio: 3.1 },
      rank: 0.9,
    });
  });
});
