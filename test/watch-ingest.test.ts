import { beforeEach, describe, expect, it } from "vitest";
import type { WatchSummary } from "../src/analytics/watch";
import { createTiktokDb } from "../src/db/client";
import { storeWatchConnection } from "../src/db/queries/watch";
import { firstSnapshotWait } from "../src/ingest/consumer";
import { CRONS } from "../src/ingest/crons";
import { utcDay, watchMessage } from "../src/ingest/messages";
import { createWatchClient } from "../src/tiktok/business/client";
import { sealWatchTokens } from "../src/connections/watch-credentials";
import { parseScopes } from "../src/tiktok/scopes";
import { createTokenVault } from "../src/connections/token-vault";
import { connectedAccount } from "./helpers/connect";
import { countOf, sql, waitForJob } from "./helpers/db";
import { sim } from "./helpers/simulator";
import { config } from "./helpers/tokens";
import { deliver as deliverTo, runCron } from "./helpers/worker";
import { resetWorld } from "./helpers/world";

const DAY_MS = 86_400_000;

/** The Accounts API's grant for the same creator, stored as the connect flow stores it. */
async function addWatch(accountId: string, creator: number, scopes?: string[]): Promise<string> {
  const granted = await sim.authorizeBusiness(creator, scopes);
  const tokens = await createWatchClient(config.watch!).exchangeCode(granted.code, config.watch!.redirectUri);
  const vault = createTokenVault(config.tokenKeys);
  const stored = await storeWatchConnection(createTiktokDb(config), {
    accountId,
    businessId: tokens.open_id,
    grantedScopes: parseScopes(tokens.scope),
    status: "active",
    statusReason: null,
    tokens: await sealWatchTokens(vault, tokens.open_id, tokens, (await sim.state()).now),
  });
  expect(stored).toBe(true);
  return tokens.open_id;
}

const deliver = (bodies: unknown[], attempts = 1) => deliverTo("adam-snapshots", bodies, attempts);

async function today(accountId: string) {
  return watchMessage(accountId, (await sim.state()).now, "schedule");
}

async function summaryOf(accountId: string): Promise<WatchSummary> {
  const [row] = (await sql`SELECT summary FROM tiktok_watch_connections WHERE account_id = ${accountId}`) as {
    summary: WatchSummary;
  }[];
  return row!.summary;
}

beforeEach(resetWorld);

describe("the daily watch-time job", () => {
  it("waits for the account's first snapshot: its message comes back later and stores nothing yet", async () => {
    const { id } = await connectedAccount(29);
    await addWatch(id, 29);
    await sql`UPDATE tiktok_accounts SET last_synced_at = NULL WHERE id = ${id}`;
    const message = await today(id);
    const result = await deliver([message]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toHaveLength(1);
    // back in 5 s (the snapshot is usually being written), then doubling, at most 10 minutes
    expect([1, 2, 3, 8, 9].map(firstSnapshotWait)).toEqual([5, 10, 20, 600, 600]);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_video_watch WHERE account_id = ${id}`)).toBe(0);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE job_key = ${message.key}`)).toBe(
      0,
    );

    await sql`UPDATE tiktok_accounts SET last_synced_at = now() WHERE id = ${id}`;
    expect((await deliver([message], 2)).explicitAcks).toHaveLength(1);
    expect(
      await countOf(sql`SELECT count(*)::int AS n FROM tiktok_video_watch WHERE account_id = ${id}`),
    ).toBeGreaterThan(0);
  });

  it("is planned by the daily cron and stores each video's copy, the account's days and a summary", async () => {
    const { id } = await connectedAccount(21);
    await addWatch(id, 21);
    const { now } = await sim.state();
    await runCron(CRONS.daily, now);
    const key = `watch:${id}:${utcDay(now)}`;
    await waitForJob(key);
    const copies = await countOf(sql`SELECT count(*)::int AS n FROM tiktok_video_watch WHERE account_id = ${id}`);
    const tracked = await countOf(sql`SELECT count(*)::int AS n FROM tiktok_videos WHERE account_id = ${id}`);
    expect(copies).toBeGreaterThan(10);
    expect(copies).toBeLessThanOrEqual(tracked);
    const [video] = (await sql`SELECT retention, impression_sources, average_time_watched FROM tiktok_video_watch
      WHERE account_id = ${id} AND retention IS NOT NULL LIMIT 1`) as Record<string, unknown>[];
    expect((video!.retention as [number, number][])[0]).toEqual([0, 1]);
    expect(Object.keys(video!.impression_sources as object)).toContain("For You");
    // TikTok looks back 60 days and lags a day or two: finished days only
    const [days] = (await sql`SELECT count(*)::int AS n, max(date)::text AS newest FROM tiktok_account_watch_daily
      WHERE account_id = ${id}`) as { n: number; newest: string }[];
    expect(days!.n).toBeGreaterThan(50);
    expect(days!.newest < utcDay(now)).toBe(true);
    const [connection] = (await sql`SELECT data_through::text AS through, next_fetch_at > now() AS later
      FROM tiktok_watch_connections WHERE account_id = ${id}`) as { through: string; later: boolean }[];
    expect(connection).toEqual({ through: days!.newest, later: true });
    const summary = await summaryOf(id);
    expect(summary.baseline.videos).toBeGreaterThan(5);
    expect(summary.baseline.hook!.p50).toBeGreaterThan(0.4);
    expect(summary.baseline.retention).toHaveLength(21);
    expect(summary.activity!.hours).toHaveLength(24);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_account_audience WHERE account_id = ${id}`)).toBe(1);
  });

  it("writes nothing twice when the message comes again, and keeps a copy a day as values change", async () => {
    const { id } = await connectedAccount(22);
    await addWatch(id, 22);
    const first = await today(id);
    expect((await deliver([first])).explicitAcks).toHaveLength(1);
    const tables = () =>
      sql`SELECT (SELECT count(*)::int FROM tiktok_video_watch) AS copies,
        (SELECT count(*)::int FROM tiktok_account_watch_daily) AS days,
        (SELECT count(*)::int FROM tiktok_ingest_logs WHERE status = 'ok' AND kind = 'watch') AS jobs`;
    const once = await tables();
    await sim.resetCalls();
    const again = await deliver([first, first]);
    expect(again.explicitAcks).toHaveLength(2);
    expect(await tables()).toEqual(once);
    const calls = await sim.calls();
    expect((calls.business_get ?? 0) + (calls.business_video_list ?? 0)).toBe(0);

    // the next day: a second copy of the videos still changing, the days revised in place (the
    // day-old access token has expired at TikTok: the job refreshes it first)
    await sim.clock({ advance: DAY_MS });
    await sql`UPDATE tiktok_watch_credentials SET access_expires_at = now()`;
    await deliver([await today(id)]);
    const [after] = (await tables()) as { copies: number; days: number; jobs: number }[];
    const [o] = once as { copies: number; days: number }[];
    expect(after!.jobs).toBe(2);
    expect(after!.copies).toBeGreaterThan(o!.copies);
    expect(after!.days - o!.days).toBeLessThanOrEqual(2);
    const twice = await countOf(sql`SELECT count(*)::int AS n FROM (SELECT video_id FROM tiktok_video_watch
      WHERE account_id = ${id} GROUP BY video_id HAVING count(*) = 2) t`);
    expect(twice).toBeGreaterThan(0);
    const summary = await summaryOf(id);
    expect(summary.watchDays).toHaveLength(1);
    expect(summary.watchDays[0]!.hoursWatched).toBeGreaterThan(0);
  });

  it("stores what TikTok leaves out as missing, never zero (a small personal account)", async () => {
    const { id } = await connectedAccount(23);
    const businessId = await addWatch(id, 23);
    await sim.fault({ kind: "sparse", scope: businessId, count: 10 });
    expect((await deliver([await today(id)])).explicitAcks).toHaveLength(1);
    const rows = (await sql`SELECT reach, total_time_watched, retention, impression_sources, profile_views
      FROM tiktok_video_watch WHERE account_id = ${id}`) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ reach: null, total_time_watched: null, profile_views: null });
    const days = (await sql`SELECT profile_views, audience_activity FROM tiktok_account_watch_daily
      WHERE account_id = ${id}`) as Record<string, unknown>[];
    for (const day of days) expect(day).toEqual({ profile_views: null, audience_activity: null });
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_account_audience WHERE account_id = ${id}`)).toBe(0);
    expect((await summaryOf(id)).activity).toBeNull();
  });

  it("treats HTTP 200 answers with a non-zero code as failures: retried, refreshed or ended", async () => {
    const { id } = await connectedAccount(24);
    const businessId = await addWatch(id, 24);
    // TikTok's own trouble (code 50000): retried with backoff, nothing stored
    await sim.fault({ kind: "server_error", scope: businessId, endpoint: "business_get", count: 3 });
    const failed = await deliver([await today(id)]);
    expect(failed.retryMessages).toHaveLength(1);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_video_watch`)).toBe(0);
    expect(await sql`SELECT status, error_code FROM tiktok_ingest_logs WHERE kind = 'watch'`).toEqual([
      { status: "failed", error_code: "internal_error" },
    ]);
    // a refused access token: expired here so the retry refreshes it
    await sim.clearFaults();
    await sim.fault({ kind: "access_token_invalid", scope: businessId, endpoint: "business_get", count: 1 });
    expect((await deliver([await today(id)], 2)).retryMessages).toHaveLength(1);
    const [expired] =
      (await sql`SELECT access_expires_at <= now() AS expired, version FROM tiktok_watch_credentials`) as {
        expired: boolean;
        version: number;
      }[];
    expect(expired!.expired).toBe(true);
    expect((await deliver([await today(id)], 3)).explicitAcks).toHaveLength(1);
    expect(await sql`SELECT version FROM tiktok_watch_credentials`).toEqual([{ version: expired!.version + 1 }]);
    // a refresh token TikTok no longer takes ends the watch connection only
    await sql`UPDATE tiktok_watch_credentials SET access_expires_at = now()`;
    await sim.fault({ kind: "invalid_grant", endpoint: "business_refresh", count: 1 });
    await sim.clock({ advance: DAY_MS });
    const ended = await deliver([await today(id)]);
    expect(ended.explicitAcks).toHaveLength(1);
    expect(ended.retryMessages).toEqual([]);
    expect(await sql`SELECT status FROM tiktok_watch_connections`).toEqual([{ status: "needs_reconnect" }]);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_watch_credentials`)).toBe(0);
    expect(await sql`SELECT status FROM tiktok_accounts WHERE id = ${id}`).toEqual([{ status: "active" }]);
  });

  it("paces the Accounts API's rate limit (code 40100): the job comes back and succeeds", async () => {
    const { id } = await connectedAccount(25);
    const businessId = await addWatch(id, 25);
    await sim.fault({ kind: "rate_limit", scope: businessId, endpoint: "business_video_list", count: 3 });
    const message = await today(id);
    await deliver([message]);
    await waitForJob(message.key);
    expect(
      await sql`SELECT status, error_code FROM tiktok_ingest_logs WHERE job_key = ${message.key} ORDER BY id`,
    ).toEqual([
      { status: "failed", error_code: "rate_limit_exceeded" },
      { status: "ok", error_code: null },
    ]);
  });

  it("counts TikTok's days by TikTok's clock, whatever the message's day", async () => {
    const { id } = await connectedAccount(27);
    await addWatch(id, 27);
    const message = await today(id);
    // TikTok's clock five days on: a 60-day range from our day would reach too far back for it
    await sim.clock({ advance: 5 * DAY_MS });
    await sql`UPDATE tiktok_watch_credentials SET access_expires_at = now()`;
    expect((await deliver([message])).explicitAcks).toHaveLength(1);
    const [row] = (await sql`SELECT max(date)::text AS newest FROM tiktok_account_watch_daily`) as { newest: string }[];
    expect(row!.newest > message.day).toBe(true);
    expect(
      await countOf(
        sql`SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE job_key = ${message.key} AND status = 'ok'`,
      ),
    ).toBe(1);
  });

  it("skips an account without watch-time insights, and one that did not grant video.insights", async () => {
    const { id } = await connectedAccount(26);
    expect((await deliver([await today(id)])).explicitAcks).toHaveLength(1);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE kind = 'watch'`)).toBe(0);
    await addWatch(id, 26, ["user.info.basic", "video.list"]);
    expect((await deliver([await today(id)])).explicitAcks).toHaveLength(1);
    expect(await sql`SELECT status, status_reason FROM tiktok_watch_connections`).toEqual([
      { status: "missing_scopes", status_reason: "not granted: video.insights" },
    ]);
  });
});
