import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { businessOpenId } from "./accounts-app.ts";
import type { Simulator } from "./server.ts";
import {
  business,
  BUSINESS_KEY,
  businessOAuth,
  connect,
  connectBusiness,
  control,
  display,
  parseForm,
  REDIRECT_URI,
  START_MS,
  startTestSimulator,
  type BusinessTokens,
} from "./testing.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WATCH_FIELDS = [
  "item_id",
  "create_time",
  "video_views",
  "reach",
  "total_time_watched",
  "average_time_watched",
  "full_video_watched_rate",
  "video_view_retention",
  "impression_sources",
  "audience_types",
  "audience_countries",
];
type Share = { percentage: number };
type WatchVideo = Record<string, unknown> & {
  item_id: string;
  video_views?: number;
  video_view_retention?: { second: string; percentage: number }[];
  impression_sources?: ({ impression_source: string } & Share)[];
  audience_countries?: ({ country: string } & Share)[];
};

let sim: Simulator;
let tokens: BusinessTokens;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  tokens = await connectBusiness(sim, 3);
});

/** Every page of a creator's videos with the given fields. */
async function allVideos(token: string, openId: string, fields = WATCH_FIELDS): Promise<WatchVideo[]> {
  const videos: WatchVideo[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await business<{ videos: WatchVideo[]; cursor: number; has_more: boolean }>(
      sim,
      "business/video/list",
      {
        token,
        params: { business_id: openId, fields, max_count: 20, ...(cursor ? { cursor } : {}) },
      },
    );
    expect(page.body.code).toBe(0);
    videos.push(...page.body.data.videos);
    if (!page.body.data.has_more) return videos;
    cursor = page.body.data.cursor;
  }
}

const shareOf = (list: ({ impression_source: string } & Share)[] | undefined, source: string) =>
  list?.find((s) => s.impression_source === source)?.percentage ?? 0;

describe("the Accounts API's OAuth, its own app", () => {
  it("shows the Accounts API's scopes on the same consent page and sends the code back", async () => {
    const page = await fetch(
      `${sim.url}/v2/auth/authorize/?client_key=${BUSINESS_KEY}&response_type=code&scope=user.insights,video.insights,video.list&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=s1`,
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("(watch time, retention, traffic sources, viewers)");
    const form = parseForm(html);
    expect(form.checkboxes).toEqual(["user.insights", "video.insights", "video.list"]);
    const body = new URLSearchParams(form.fields);
    body.set("creator", "4");
    body.set("decision", "allow");
    const back = await fetch(new URL(form.action, sim.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
      redirect: "manual",
    });
    const location = new URL(back.headers.get("location") as string);
    expect(location.searchParams.get("scopes")).toBe("user.info.basic,video.list,user.insights,video.insights");
    const exchanged = await businessOAuth(sim, "token", {
      grant_type: "authorization_code",
      auth_code: location.searchParams.get("code"),
      redirect_uri: REDIRECT_URI,
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({
      code: 0,
      message: "OK",
      data: {
        open_id: businessOpenId(sim.world.creator(4).openId),
        scope: "user.info.basic,video.list,user.insights,video.insights",
        token_type: "Bearer",
        expires_in: 86_400,
        refresh_token_expires_in: 31_536_000,
      },
    });
  });

  it("gives the Accounts API app its own open_id for the creator, never Login Kit's", async () => {
    const loginKit = await connect(sim, 3);
    expect(tokens.open_id).not.toBe(loginKit.open_id);
    expect(tokens.open_id).toBe(businessOpenId(loginKit.open_id));
  });

  it("answers every failure with HTTP 200 and a non-zero code", async () => {
    const wrongClient = await businessOAuth(sim, "token", {
      client_secret: "not-the-secret",
      grant_type: "authorization_code",
      auth_code: "x",
      redirect_uri: REDIRECT_URI,
    });
    expect(wrongClient.status).toBe(200);
    expect(wrongClient.body).toMatchObject({ code: 40101, data: {} });
    const usedCode = await businessOAuth(sim, "token", {
      grant_type: "authorization_code",
      auth_code: "never-issued",
      redirect_uri: REDIRECT_URI,
    });
    expect(usedCode.body.code).toBe(40110);
    const form = await fetch(`${sim.url}/open_api/v1.3/tt_user/oauth2/token/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "client_id=x",
    });
    expect(form.status).toBe(200);
    expect(((await form.json()) as { code: number }).code).toBe(40002);
  });

  it("does not take Login Kit's codes or tokens", async () => {
    const granted = await control<{ code: string }>(sim, "POST", "authorize", {
      creator: 5,
      scopes: ["video.list"],
      redirect_uri: REDIRECT_URI,
    });
    const exchanged = await businessOAuth(sim, "token", {
      grant_type: "authorization_code",
      auth_code: granted.body.code,
      redirect_uri: REDIRECT_URI,
    });
    expect(exchanged.body.code).toBe(40110);
    const loginKit = await connect(sim, 5);
    const read = await business(sim, "business/get", {
      token: loginKit.access_token,
      params: { business_id: loginKit.open_id },
    });
    expect(read.body.code).toBe(40105);
  });

  it("rotates the refresh token and ends the whole grant on revoke", async () => {
    const renewed = await businessOAuth(sim, "refresh_token", {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(renewed.body.code).toBe(0);
    const again = await businessOAuth(sim, "refresh_token", {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token,
    });
    expect(again.body.code).toBe(40107);
    const revoked = await businessOAuth(sim, "revoke", { access_token: renewed.body.data.access_token });
    expect(revoked.body).toMatchObject({ code: 0, data: {} });
    expect(await control(sim, "GET", `grants?open_id=${encodeURIComponent(tokens.open_id)}`)).toMatchObject({
      body: { access: 0, refresh: 0 },
    });
  });
});

describe("business/get", () => {
  const fields = ["username", "followers_count", "is_business_account", "video_views", "daily_new_followers"];

  it("serves the profile and finished days only: 24 to 48 hours late, at most 60 days back", async () => {
    const today = Math.floor(START_MS / DAY_MS) * DAY_MS;
    const read = (start: number, end: number) =>
      business<{ username: string; metrics: { date: string; video_views: number }[] }>(sim, "business/get", {
        token: tokens.access_token,
        params: { business_id: tokens.open_id, fields, start_date: isoDay(start), end_date: isoDay(end) },
      });
    const res = await read(today - 59 * DAY_MS, today - DAY_MS);
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(0);
    expect(res.body.data.username).toBe(sim.world.creator(3).username);
    const dates = res.body.data.metrics.map((m) => m.date);
    // yesterday is never finished yet; the day before depends on the day's lag
    expect(dates.at(-1)! < isoDay(today - DAY_MS)).toBe(true);
    expect(dates[0]).toBe(isoDay(today - 59 * DAY_MS));
    for (const m of res.body.data.metrics) expect(Number.isInteger(m.video_views)).toBe(true);
    // a day later (the day's token has expired: a new one), one more day is there
    sim.clock.advance(DAY_MS);
    tokens = await connectBusiness(sim, 3);
    const later = await read(today - 58 * DAY_MS, today);
    expect(later.body.data.metrics.map((m) => m.date)).toContain(dates.at(-1));
    expect(later.body.data.metrics.length).toBeGreaterThan(dates.length - 1);
    expect((await read(today - 61 * DAY_MS, today - DAY_MS)).body).toMatchObject({ code: 40002 });
  });

  it("needs user.insights for metrics (40001), and leaves out what the account does not have", async () => {
    const narrow = await connectBusiness(sim, 6, ["video.list", "video.insights"]);
    const denied = await business(sim, "business/get", {
      token: narrow.access_token,
      params: { business_id: narrow.open_id, fields: ["video_views"] },
    });
    expect(denied.body.code).toBe(40001);
    // business-only metrics are absent for a personal account, demographics under 100 followers
    let personal = -1;
    for (let i = 0; i < 50 && personal < 0; i++) if (!sim.world.creatorWatch(i).isBusinessAccount) personal = i;
    const t = await connectBusiness(sim, personal);
    const res = await business<{ metrics: Record<string, unknown>[]; is_business_account: boolean }>(
      sim,
      "business/get",
      {
        token: t.access_token,
        params: { business_id: t.open_id, fields: ["is_business_account", "video_views", "profile_views"] },
      },
    );
    expect(res.body.data.is_business_account).toBe(false);
    expect(res.body.data.metrics.length).toBeGreaterThan(0);
    for (const m of res.body.data.metrics) expect(m).not.toHaveProperty("profile_views");
  });

  it("answers as for a small personal account when told to (the sparse fault)", async () => {
    await control(sim, "POST", "faults", { kind: "sparse", endpoint: "business_get", count: 1 });
    const res = await business<{ metrics: Record<string, unknown>[] }>(sim, "business/get", {
      token: tokens.access_token,
      params: { business_id: tokens.open_id, fields: ["video_views", "audience_activity", "audience_countries"] },
    });
    expect(res.body.code).toBe(0);
    expect(res.body.data).not.toHaveProperty("audience_countries");
    for (const m of res.body.data.metrics) expect(m).not.toHaveProperty("audience_activity");
  });

  it("refuses another creator's business_id, expired and missing tokens, each with its own code", async () => {
    const other = await business(sim, "business/get", {
      token: tokens.access_token,
      params: { business_id: businessOpenId(sim.world.creator(9).openId) },
    });
    expect(other.body.code).toBe(40001);
    expect((await business(sim, "business/get", { params: { business_id: tokens.open_id } })).body.code).toBe(40104);
    sim.clock.advance(25 * HOUR_MS);
    const expired = await business(sim, "business/get", {
      token: tokens.access_token,
      params: { business_id: tokens.open_id },
    });
    expect(expired.status).toBe(200);
    expect(expired.body.code).toBe(40102);
  });
});

describe("business/video/list", () => {
  it("pages newest first with lifetime analytics, lagging a day or two behind the Display API", async () => {
    const videos = await allVideos(tokens.access_token, tokens.open_id);
    expect(videos.length).toBeGreaterThan(20);
    const listed = sim.world.publicVideos(3, START_MS);
    expect(videos.map((v) => v.item_id)).toEqual(listed.map((v) => v.id));
    // the data is as of a day or two ago: no video has more views than the Display API shows now
    const now = new Map(listed.map((v) => [v.id, v.viewCount]));
    const ahead = videos.filter((v) => v.video_views !== undefined && v.video_views > now.get(v.item_id)!);
    expect(ahead).toEqual([]);
    const retention = videos.find((v) => v.video_view_retention)!.video_view_retention!;
    expect(retention[0]).toEqual({ second: "0", percentage: 1 });
    expect(retention.map((p) => p.percentage)).toEqual(retention.map((p) => p.percentage).toSorted((a, b) => b - a));
  });

  it("lists a video younger than the lag with nothing reported about it yet", async () => {
    const newest = sim.world.publicVideos(3, START_MS)[0]!;
    sim.clock.set(newest.createTimeSec * 1000 + HOUR_MS);
    tokens = await connectBusiness(sim, 3);
    const page = await business<{ videos: WatchVideo[] }>(sim, "business/video/list", {
      token: tokens.access_token,
      params: { business_id: tokens.open_id, fields: WATCH_FIELDS, max_count: 20 },
    });
    expect(page.body.data.videos[0]).toEqual({ item_id: newest.id, create_time: newest.createTimeSec });
    expect(page.body.data.videos.at(-1)).toHaveProperty("video_views");
  });

  it("plants weak hooks and videos carried by search", async () => {
    const videos = (await allVideos(tokens.access_token, tokens.open_id)).filter((v) => v.video_view_retention);
    const hook = (v: WatchVideo) => v.video_view_retention!.find((p) => p.second === "3")!.percentage;
    const truth = (v: WatchVideo) => sim.world.watchTruth(3, v.item_id)!;
    const weak = videos.filter((v) => truth(v).weakHook).map(hook);
    const strong = videos.filter((v) => !truth(v).weakHook).map(hook);
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.filter((h) => h >= 0.5)).toEqual([]);
    expect(strong.filter((h) => h < 0.5)).toEqual([]);
    // search-carried videos, across a few creators
    const searched: number[] = [];
    for (const creator of [3, 4, 5, 6]) {
      const t = creator === 3 ? tokens : await connectBusiness(sim, creator);
      for (const v of await allVideos(t.access_token, t.open_id)) {
        if (v.impression_sources && sim.world.watchTruth(creator, v.item_id)!.searchCarried)
          searched.push(shareOf(v.impression_sources, "Search"));
      }
    }
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.filter((s) => s <= 0.3)).toEqual([]);
  });

  it("shows a planted For You drop in the mix of the views after it, and an audience drop in where they came from", async () => {
    const seen: { cause: string; forYou: number; newForYou: number; main: number; newMain: number }[] = [];
    for (let creator = 0; creator < 30; creator++) {
      const country = sim.world.creatorWatch(creator).country;
      for (const video of sim.world.publicVideos(creator, START_MS)) {
        const truth = sim.world.watchTruth(creator, video.id)!;
        if (!truth.dropCause || truth.dropStartMs! > START_MS - 6 * DAY_MS) continue;
        const before = sim.world.videoWatch(creator, video.id, truth.dropStartMs!)!;
        const after = sim.world.videoWatch(creator, video.id, truth.dropStartMs! + 4 * DAY_MS)!;
        const gained = after.videoViews - before.videoViews;
        if (gained < 100) continue;
        const forYou = (w: typeof before) =>
          w.impressionSources.find((s) => s.impression_source === "For You")!.percentage;
        const main = (w: typeof before) => w.audienceCountries.find((c) => c.country === country)!.percentage;
        seen.push({
          cause: truth.dropCause,
          forYou: forYou(before),
          newForYou: (forYou(after) * after.videoViews - forYou(before) * before.videoViews) / gained,
          main: main(before),
          newMain: (main(after) * after.videoViews - main(before) * before.videoViews) / gained,
        });
      }
    }
    const distribution = seen.filter((d) => d.cause === "distribution");
    const audience = seen.filter((d) => d.cause === "audience");
    expect(distribution.length).toBeGreaterThan(0);
    expect(audience.length).toBeGreaterThan(0);
    // For You's share of the new views collapses after a distribution drop ...
    expect(distribution.filter((d) => d.newForYou >= d.forYou * 0.3)).toEqual([]);
    // ... and holds after an audience drop, whose new views come from elsewhere
    expect(audience.filter((d) => d.newForYou <= d.forYou * 0.8)).toEqual([]);
    expect(audience.filter((d) => d.newMain >= d.main * 0.4)).toEqual([]);
  });

  it("needs video.insights for watch fields, and answers faults with HTTP 200 codes", async () => {
    const narrow = await connectBusiness(sim, 7, ["video.list"]);
    const denied = await business(sim, "business/video/list", {
      token: narrow.access_token,
      params: { business_id: narrow.open_id, fields: ["item_id", "video_view_retention"] },
    });
    expect(denied.body.code).toBe(40001);
    await control(sim, "POST", "faults", { kind: "rate_limit", endpoint: "business_video_list", count: 1 });
    await control(sim, "POST", "faults", { kind: "server_error", endpoint: "business_video_list", count: 1 });
    const call = () =>
      business(sim, "business/video/list", { token: tokens.access_token, params: { business_id: tokens.open_id } });
    const [limited, broken, fine] = [await call(), await call(), await call()];
    expect([limited.status, broken.status, fine.status]).toEqual([200, 200, 200]);
    expect([limited.body.code, broken.body.code, fine.body.code]).toEqual([40100, 50000, 0]);
    const calls = await control<{ total: Record<string, number> }>(sim, "GET", "calls");
    expect(calls.body.total.business_video_list).toBe(4);
  });

  it("leaves reach and watch time out for videos quiet for a week, and everything optional when sparse", async () => {
    const quiet = (await allVideos(tokens.access_token, tokens.open_id)).filter(
      (v) => v.video_views !== undefined && v.reach === undefined,
    );
    for (const v of quiet) {
      expect(v).not.toHaveProperty("total_time_watched");
      expect(v).not.toHaveProperty("average_time_watched");
    }
    await control(sim, "POST", "faults", { kind: "sparse", endpoint: "business_video_list", count: 1 });
    const sparse = await business<{ videos: WatchVideo[] }>(sim, "business/video/list", {
      token: tokens.access_token,
      params: { business_id: tokens.open_id, fields: WATCH_FIELDS, max_count: 20 },
    });
    for (const v of sparse.body.data.videos) {
      expect(v).not.toHaveProperty("reach");
      expect(v).not.toHaveProperty("average_time_watched");
    }
  });
});

describe("the Display API is untouched", () => {
  it("still answers Login Kit tokens as before", async () => {
    const t = await connect(sim, 2);
    const res = await display(sim, "user/info", { token: t.access_token, fields: "open_id" });
    expect(res.body.error.code).toBe("ok");
  });
});
