import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { resetDatabase, sql } from "./helpers/db";
import { seedDataWorld, VIDEO_A, VIDEO_A2, VIDEO_B } from "./helpers/data-world";
import { dbRequests, nextUserId, seedAccount, seedVideo } from "./helpers/fixtures";
import { describeForeignIds, describeRouteSecurity } from "./helpers/route-security";
import { bearer, tokenFor } from "./helpers/tokens";

/**
 * The screen routes: the dashboard's overview and video page, each one rate-limited, edge-cached
 * request whose parts are exactly the bodies of the granular routes they replace.
 */
let mine: string;
let theirs: string;

const get = (path: string, token: string) =>
  exports.default.fetch(`http://adam.test${path}`, { headers: bearer(token) });

const body = async (path: string, token: string) => {
  const res = await get(path, token);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

/** A token (pro unless said: 100 requests a minute, 1-minute freshness) of a user of its own: no cache shared with other tests. */
const own = (tier: "free" | "pro" = "pro") => tokenFor({ sub: nextUserId(), tier, tiktokAccountIds: [mine] });

beforeAll(async () => {
  await resetDatabase();
  ({ mine, theirs } = await seedDataWorld("open-screens"));
});

const SCREENS = [
  {
    name: "overview",
    own: () => `/api/v1/accounts/${mine}/overview`,
    foreign: () => `/api/v1/accounts/${theirs}/overview`,
    missing: () => `/api/v1/accounts/987654/overview`,
    token: () => own(),
  },
  {
    name: "video detail",
    own: () => `/api/v1/videos/${VIDEO_A}/detail`,
    foreign: () => `/api/v1/videos/${VIDEO_B}/detail`,
    missing: () => `/api/v1/videos/7399999999999999999/detail`,
    token: () => own(),
  },
];

describeRouteSecurity(SCREENS);
describeForeignIds(SCREENS);

describe("the overview screen", () => {
  it("is the bodies of the five granular routes it replaces", async () => {
    const token = await own();
    const overview = await body(`/api/v1/accounts/${mine}/overview`, token);
    expect(Object.keys(overview)).toEqual(["account", "series", "videos", "insights", "watch"]);
    expect(overview).toEqual({
      account: await body(`/api/v1/accounts/${mine}/metrics`, token),
      series: (await body(`/api/v1/accounts/${mine}/snapshots?days=30`, token)).series,
      videos: (await body(`/api/v1/videos/${mine}?sort=views&limit=100`, token)).videos,
      insights: (await body(`/api/v1/insights/${mine}`, token)).insights,
      watch: await body(`/api/v1/accounts/${mine}/watch`, token),
    });
    // and those bodies are the fixture's, not empty
    const { account, series, videos, insights } = overview as Record<string, Record<string, unknown>>;
    expect([account!.followers, (series!.t as unknown[]).length]).toEqual([1200, 4]);
    expect((videos as unknown as { id: string }[]).map((v) => v.id)).toEqual([VIDEO_A2, VIDEO_A]);
    expect((insights as unknown as { title: string }[]).map((i) => i.title)).toEqual([
      "3.1x your usual first-hour pace",
    ]);
  });

  it("is not kept while the account has no snapshot yet, as /metrics", async () => {
    const fresh = await seedAccount("open-screens-unsynced", { followers: 0 });
    await sql`UPDATE tiktok_accounts SET last_synced_at = NULL, follower_count = NULL WHERE id = ${fresh}`;
    const token = await tokenFor({ sub: nextUserId(), tiktokAccountIds: [fresh] });
    for (let i = 0; i < 2; i++) {
      const res = await get(`/api/v1/accounts/${fresh}/overview`, token);
      expect([res.status, res.headers.get("cache-control"), res.headers.get("x-cache")]).toEqual([
        200,
        "no-store",
        null,
      ]);
    }
  });

  it("is not kept while watch-time insights just added wait for their first read", async () => {
    const added = await seedAccount("open-screens-watch");
    await sql`INSERT INTO tiktok_watch_connections (account_id, business_id) VALUES (${added}, 'biz-screens')`;
    const token = await tokenFor({ sub: nextUserId(), tiktokAccountIds: [added] });
    const res = await get(`/api/v1/accounts/${added}/overview`, token);
    expect([res.status, res.headers.get("cache-control")]).toEqual([200, "no-store"]);
    const watch = ((await res.json()) as { watch: { connection: unknown } }).watch;
    expect(watch.connection).toEqual({
      available: true,
      status: "active",
      status_reason: null,
      data_through: null,
      last_fetched_at: null,
    });
  });
});

describe("the video screen", () => {
  it("is the bodies of the four granular routes it replaces", async () => {
    const token = await own();
    const detail = await body(`/api/v1/videos/${VIDEO_A}/detail`, token);
    const history = await body(`/api/v1/videos/${VIDEO_A}/snapshots?anchor=posted&hours=2160`, token);
    expect(Object.keys(detail)).toEqual(["account_id", "account", "video", "hours", "series", "anomalies", "watch"]);
    expect(detail).toEqual({
      account_id: mine,
      account: await body(`/api/v1/accounts/${mine}/metrics`, token),
      video: history.video,
      hours: 2160,
      series: history.series,
      anomalies: (await body(`/api/v1/videos/${VIDEO_A}/anomalies`, token)).anomalies,
      watch: await body(`/api/v1/videos/${VIDEO_A}/watch`, token),
    });
    const { video, series, anomalies } = detail as Record<string, Record<string, unknown>>;
    // the whole analytics, as the video page's granular route serves it
    expect(video!.analytics).toEqual({ latest: { views: 5000 }, checkpoints: [{ ageHours: 1, views: 10 }] });
    expect(series!.views).toEqual([100, 200, 300]);
    expect((anomalies as unknown as { confidence: number }[]).map((a) => a.confidence)).toEqual([0.91]);
  });

  it("is not kept while its account has no snapshot yet, as /metrics", async () => {
    const fresh = await seedAccount("open-screens-unsynced-video", { followers: 0 });
    await sql`UPDATE tiktok_accounts SET last_synced_at = NULL WHERE id = ${fresh}`;
    await seedVideo(fresh, "7300000000000000077", 10);
    const token = await tokenFor({ sub: nextUserId(), tiktokAccountIds: [fresh] });
    for (let i = 0; i < 2; i++) {
      const res = await get(`/api/v1/videos/7300000000000000077/detail`, token);
      expect([res.status, res.headers.get("cache-control"), res.headers.get("x-cache")]).toEqual([
        200,
        "no-store",
        null,
      ]);
    }
  });
});

describe("a screen costs the round trips of the granular routes it replaces, and a second read none", () => {
  it.each([
    ["the overview", () => `/api/v1/accounts/${mine}/overview`, 5],
    ["the video page", () => `/api/v1/videos/${VIDEO_A}/detail`, 4],
  ])("%s: %i, in parallel", async (_, path, trips) => {
    const token = await own();
    const before = await dbRequests();
    const first = await get(path(), token);
    const headers = (res: Response) => [res.status, res.headers.get("x-cache"), res.headers.get("cache-control")];
    expect(headers(first)).toEqual([200, "MISS", "private, max-age=60"]);
    expect((await dbRequests()) - before).toBe(trips);
    const second = await get(path(), token);
    expect(headers(second)).toEqual([200, "HIT", "private, max-age=60"]);
    expect(await second.json()).toEqual(await first.json());
    expect((await dbRequests()) - before).toBe(trips);
  });
});

describe("a screen is one request of the plan's budget", () => {
  it("lets a free user open ten screens a minute, cached or not, and refuses the eleventh", async () => {
    const token = await own("free");
    const screens = [`/api/v1/accounts/${mine}/overview`, `/api/v1/videos/${VIDEO_A}/detail`];
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(screens[i % 2]!, token)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const limited = await get(screens[0]!, token);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "60"]);
  });
});
