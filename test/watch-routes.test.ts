import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "./helpers/db";
import { browse } from "./helpers/connect";
import { nextUserId, seedAccount, seedVideo } from "./helpers/fixtures";
import { describeForeignIds, describeRouteSecurity } from "./helpers/route-security";
import { SIM, sim } from "./helpers/simulator";
import { bearer, tokenFor } from "./helpers/tokens";
import { addWatchThroughBrowser, creatorWithAccount, watchJobDone } from "./helpers/watch";
import { resetWorld } from "./helpers/world";

const get = async (path: string, token: string) => {
  const res = await exports.default.fetch(`http://adam.test${path}`, { headers: bearer(token) });
  const answer = { status: res.status, body: (await res.json()) as Record<string, unknown> };
  Object.defineProperty(answer, "cacheControl", { value: res.headers.get("cache-control") ?? "", enumerable: false });
  return answer as typeof answer & { cacheControl: string };
};

const n = async (query: Promise<unknown>) => ((await query) as { n: number }[])[0]!.n;

const stored = async () =>
  (
    (await sql`SELECT (SELECT count(*)::int FROM tiktok_watch_connections) AS connections,
    (SELECT count(*)::int FROM tiktok_watch_credentials) AS credentials`) as Record<string, number>[]
  )[0];

describe("adding watch-time insights", () => {
  beforeEach(resetWorld);

  it("follows the Accounts API's own consent, stores only ciphertext, and the daily job fills the panels", async () => {
    const user = await creatorWithAccount(31);
    // before: the dashboard can say what it would add, and works without it
    const before = await get(`/api/v1/accounts/${user.id}/watch`, user.token);
    // not cached: the dashboard must see the connection as soon as the creator comes back
    expect(before.cacheControl).toContain("no-store");
    expect(before.body.connection).toEqual({
      available: true,
      status: null,
      status_reason: null,
      data_through: null,
      last_fetched_at: null,
    });

    const { authorize, dashboard } = await addWatchThroughBrowser(user, { creator: 31 });
    const url = new URL(authorize);
    expect(`${url.origin}${url.pathname}`).toBe(`${SIM}/v2/auth/authorize/`);
    expect(url.searchParams.get("client_key")).toBe("test-business-key");
    expect(url.searchParams.get("redirect_uri")).toBe("http://adam.test/tiktok/watch/callback");
    expect(dashboard.toString()).toBe(`http://dashboard.test/app/?watch_connected=${user.id}`);
    const [credentials] = (await sql`SELECT row_to_json(c)::text AS row FROM tiktok_watch_credentials c`) as {
      row: string;
    }[];
    expect(credentials!.row).toMatch(/"access_token_ciphertext":"v1\.[\w-]+\.[\w-]+"/);
    expect(credentials!.row).not.toMatch(/act\.|rft\./);

    // the first day's job comes through the queue
    await watchJobDone(user.id);
    const fresh = await tokenFor({ sub: user.userId, tiktokAccountIds: [user.id] });
    const account = await get(`/api/v1/accounts/${user.id}/watch?days=30`, fresh);
    expect(account.status).toBe(200);
    expect(account.body.connection).toMatchObject({ available: true, status: "active" });
    expect((account.body.activity as { hours: unknown[] }).hours).toHaveLength(24);
    expect((account.body.days as { date: string[] }).date.length).toBeGreaterThan(20);
    expect((account.body.typical as { hook: number }).hook).toBeGreaterThan(0.3);

    const [video] = (await sql`SELECT video_id FROM tiktok_video_watch WHERE retention IS NOT NULL
      ORDER BY video_views DESC LIMIT 1`) as { video_id: string }[];
    const watch = await get(`/api/v1/videos/${video!.video_id}/watch`, fresh);
    expect(watch.status).toBe(200);
    const report = watch.body.report as Record<string, { value: number } & Record<string, unknown>>;
    expect(report.retention!.video).toHaveLength(21);
    expect((report.retention!.band as { p50: number[] }).p50).toHaveLength(21);
    expect(report.hook!.value).toBeGreaterThan(0);
    expect((report.sources as unknown as { source: string }[]).map((s) => s.source)).toContain("For You");
  });

  it("is in the user's export (never its tokens), and ends with the account: revoked at TikTok, erased", async () => {
    const user = await creatorWithAccount(37);
    await addWatchThroughBrowser(user, { creator: 37 });
    await watchJobDone(user.id);
    const [connection] = (await sql`SELECT business_id FROM tiktok_watch_connections`) as { business_id: string }[];
    const businessId = connection!.business_id;
    const exported = await exports.default.fetch("http://adam.test/api/v1/me/export", { headers: bearer(user.token) });
    expect(exported.status).toBe(200);
    const text = await exported.text();
    expect(text).not.toMatch(/act\.|rft\.|ciphertext/);
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const end = lines.at(-1) as { type: string; counts: Record<string, number> };
    expect(end.type).toBe("end");
    expect(end.counts.watch_connection).toBe(1);
    expect(end.counts.video_watch).toBe(await n(sql`SELECT count(*)::int AS n FROM tiktok_video_watch`));
    expect(end.counts.account_watch_day).toBeGreaterThan(20);
    expect(end.counts.account_audience).toBe(1);
    expect(lines.find((l) => l.type === "video_watch")).toHaveProperty("retention");

    expect((await sim.grants(businessId)).access).toBeGreaterThan(0);
    const gone = await exports.default.fetch(`http://adam.test/api/v1/accounts/${user.id}?erase=true`, {
      method: "DELETE",
      headers: bearer(user.token),
    });
    expect(gone.status).toBe(200);
    expect(await sim.grants(businessId)).toEqual({ codes: 0, access: 0, refresh: 0 });
    expect(
      await sql`SELECT (SELECT count(*)::int FROM tiktok_watch_connections) AS c, (SELECT count(*)::int FROM tiktok_video_watch) AS v,
        (SELECT count(*)::int FROM tiktok_account_watch_daily) AS d, (SELECT count(*)::int FROM tiktok_account_audience) AS a`,
    ).toEqual([{ c: 0, v: 0, d: 0, a: 0 }]);
  });

  it("can be removed on its own: the Accounts API's grant ends at TikTok, the snapshots go on", async () => {
    const user = await creatorWithAccount(38);
    await addWatchThroughBrowser(user, { creator: 38 });
    const [connection] = (await sql`SELECT business_id FROM tiktok_watch_connections`) as { business_id: string }[];
    const businessId = connection!.business_id;
    expect((await sim.grants(businessId)).access).toBeGreaterThan(0);
    const res = await exports.default.fetch(`http://adam.test/api/v1/accounts/${user.id}/watch`, {
      method: "DELETE",
      headers: bearer(user.token),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ account_id: user.id, watch: "removed" });
    expect(await sim.grants(businessId)).toEqual({ codes: 0, access: 0, refresh: 0 });
    expect(await stored()).toEqual({ connections: 1, credentials: 0 });
    expect(
      await sql`SELECT w.status AS watch, a.status AS account,
      (SELECT count(*)::int FROM tiktok_credentials) AS credentials
      FROM tiktok_watch_connections w JOIN tiktok_accounts a ON a.id = w.account_id`,
    ).toEqual([{ watch: "revoked", account: "active", credentials: 1 }]);
    const after = await get(`/api/v1/accounts/${user.id}/watch`, user.token);
    expect(after.body.connection).toMatchObject({ status: "revoked" });
  });

  it("stores nothing when the creator says no, and answers with a message for the dashboard", async () => {
    const user = await creatorWithAccount(32);
    const { dashboard } = await addWatchThroughBrowser(user, { creator: 32, decision: "deny" });
    expect(dashboard.searchParams.get("watch_error")).toBe("access_denied");
    expect(await stored()).toEqual({ connections: 0, credentials: 0 });
  });

  it("refuses a consent given from another TikTok account", async () => {
    const user = await creatorWithAccount(33);
    const { dashboard } = await addWatchThroughBrowser(user, { creator: 34 });
    expect(dashboard.searchParams.get("watch_error")).toBe("other_account");
    expect(await stored()).toEqual({ connections: 0, credentials: 0 });
  });

  it("keeps the two flows apart: neither callback takes the other's state", async () => {
    const user = await creatorWithAccount(35);
    const start = await browse(user.jar, `http://adam.test/api/v1/accounts/${user.id}/watch/connect`, {
      headers: { ...bearer(user.token), accept: "application/json" },
    });
    const { authorize_url } = (await start.json()) as { authorize_url: string };
    const state = new URL(authorize_url).searchParams.get("state") as string;
    const granted = await sim.authorizeBusiness(35);
    // the watch state, presented to the first connect's callback (with its cookie set to match)
    const jar = user.jar;
    const cross = await exports.default.fetch(
      `http://adam.test/tiktok/callback?code=${granted.code}&state=${state}&scopes=video.list`,
      { redirect: "manual", headers: { cookie: `${jar.header()}; __Host-adam_oauth_state=${state}` } },
    );
    expect(new URL(cross.headers.get("location") as string).searchParams.get("connect_error")).toBe("invalid_state");
    // and a used state is gone for the watch callback too
    const again = await browse(jar, `http://adam.test/tiktok/watch/callback?code=${granted.code}&state=${state}`);
    expect(new URL(again.headers.get("location") as string).searchParams.get("watch_error")).toBe("invalid_state");
    expect(await stored()).toEqual({ connections: 0, credentials: 0 });
  });

  it("answers without watch-time insights with the connection missing and no report", async () => {
    const user = await creatorWithAccount(36);
    const video = await vi.waitFor(
      async () => {
        const [row] = (await sql`SELECT id FROM tiktok_videos LIMIT 1`) as { id: string }[];
        expect(row).toBeDefined();
        return row;
      },
      { timeout: 20_000, interval: 150 },
    );
    const watch = await get(`/api/v1/videos/${video!.id}/watch`, user.token);
    expect(watch).toEqual({
      status: 200,
      body: { video_id: video!.id, connected: false, report: null, diagnoses: [] },
    });
  });
});

// The shared security suite: every watch route, with forged tokens and with someone else's ids.
let mine = "";
let theirs = "";
const VIDEO_MINE = "7300000000000000101";
const VIDEO_THEIRS = "7300000000000000109";
describe("watch routes", () => {
  it("seeds two accounts", async () => {
    await resetWorld();
    mine = await seedAccount("watch-mine");
    theirs = await seedAccount("watch-theirs");
    await seedVideo(mine, VIDEO_MINE, 100);
    await seedVideo(theirs, VIDEO_THEIRS, 100);
    expect(mine).not.toBe(theirs);
  });
});
const own = () => tokenFor({ sub: nextUserId(), tiktokAccountIds: [mine] });
const ROUTES = [
  {
    name: "account watch",
    own: () => `/api/v1/accounts/${mine}/watch`,
    foreign: () => `/api/v1/accounts/${theirs}/watch`,
    missing: () => `/api/v1/accounts/987654/watch`,
  },
  {
    name: "video watch",
    own: () => `/api/v1/videos/${VIDEO_MINE}/watch`,
    foreign: () => `/api/v1/videos/${VIDEO_THEIRS}/watch`,
    missing: () => `/api/v1/videos/7399999999999999999/watch`,
  },
  {
    name: "watch removal",
    method: "DELETE" as const,
    own: () => `/api/v1/accounts/${mine}/watch`,
    foreign: () => `/api/v1/accounts/${theirs}/watch`,
    missing: () => `/api/v1/accounts/987654/watch`,
  },
  {
    name: "watch connect",
    own: () => `/api/v1/accounts/${mine}/watch/connect`,
    foreign: () => `/api/v1/accounts/${theirs}/watch/connect`,
    missing: () => `/api/v1/accounts/987654/watch/connect`,
  },
].map((route) => ({ ...route, token: own }));
describeRouteSecurity(ROUTES);
describeForeignIds(ROUTES);
