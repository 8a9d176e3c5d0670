import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../src/index";
import { CRONS } from "../src/ingest/crons";
import { SLOT_MS } from "../src/ingest/messages";
import { resetDatabase, sql } from "./helpers/db";
import { testEnv } from "./helpers/env";

const AT = Date.UTC(2026, 10, 22, 3, 17);
const DAY = 86_400_000;

async function runCron(cron: string, at = AT) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
}

let account: string;
beforeEach(async () => {
  await resetDatabase();
  const [row] = (await sql`INSERT INTO tiktok_accounts (open_id) VALUES ('keep') RETURNING id::text AS id`) as {
    id: string;
  }[];
  account = row!.id;
});

describe("hourly housekeeping", () => {
  it("purges expired API cache rows and keeps live ones", async () => {
    await sql`INSERT INTO tiktok_api_cache (key, value, expires_at) VALUES
      ('old', '{}', now() - interval '1 minute'), ('live', '{}', now() + interval '1 hour')`;
    await runCron(CRONS.hourly);
    expect(await sql`SELECT key FROM tiktok_api_cache`).toEqual([{ key: "live" }]);
  });

  it("records the hour's health gauges", async () => {
    const at = new Date(AT).toISOString();
    await sql`INSERT INTO tiktok_accounts (open_id, status) VALUES ('gone', 'needs_reconnect')`;
    await sql`INSERT INTO tiktok_ingest_logs (kind, job_key, status, started_at, finished_at, duration_ms, tiktok_calls, error_code)
      VALUES ('snapshot', 'a', 'ok', ${at}::timestamptz - interval '10 minutes', ${at}::timestamptz - interval '10 minutes', 120, 3, NULL),
             ('snapshot', 'b', 'ok', ${at}::timestamptz - interval '20 minutes', ${at}::timestamptz - interval '20 minutes', 80, 2, NULL),
             ('snapshot', 'c', 'failed', ${at}::timestamptz - interval '5 minutes', ${at}::timestamptz - interval '5 minutes', 10, 1, 'rate_limit_exceeded'),
             ('snapshot', 'd', 'ok', ${at}::timestamptz - interval '2 hours', ${at}::timestamptz - interval '2 hours', 999, 9, NULL)`;
    await runCron(CRONS.hourly);
    const rows =
      (await sql`SELECT metric, value FROM tiktok_health_metrics WHERE recorded_at = ${at} ORDER BY metric`) as {
        metric: string;
        value: number;
      }[];
    expect(Object.fromEntries(rows.map((r) => [r.metric, r.value]))).toEqual({
      accounts_active: 1,
      accounts_needs_reconnect: 1,
      jobs_ok_1h: 2,
      jobs_failed_1h: 1,
      jobs_dead_lettered_1h: 0,
      tiktok_rate_limited_1h: 1,
      tiktok_calls_1h: 6,
      job_duration_ms_p50_1h: 100,
      snapshot_lag_seconds_p50_1h: 0,
    });
  });
});

describe("daily housekeeping", () => {
  it("rolls each UTC day up to its closing figures", async () => {
    const dayStart = Date.UTC(2026, 10, 20);
    for (const [offsetMs, followers] of [
      [0, 100],
      [23 * 3_600_000 + 30 * 60_000, 130], // the day's last slot
      [DAY + SLOT_MS, 140],
    ] as const) {
      const slot = new Date(dayStart + offsetMs).toISOString();
      await sql`INSERT INTO tiktok_account_snapshots (account_id, slot, fetched_at, follower_count) VALUES (${account}, ${slot}, ${slot}, ${followers})`;
    }
    await runCron(CRONS.daily);
    expect(
      await sql`SELECT day::text AS day, follower_count, snapshots FROM tiktok_account_daily ORDER BY day`,
    ).toEqual([
      { day: "2026-11-20", follower_count: "130", snapshots: 2 },
      { day: "2026-11-21", follower_count: "140", snapshots: 1 },
    ]);
  });

  it("thins old video snapshots by the retention rule, keeping the last of each bucket", async () => {
    await sql`INSERT INTO tiktok_videos (id, account_id, create_time) VALUES ('7300000000000000077', ${account}, ${new Date(AT - 80 * DAY).toISOString()})`;
    // a snapshot every 30 minutes for 70 days, the counter growing by one each time
    await sql`INSERT INTO tiktok_video_snapshots (video_id, account_id, slot, fetched_at, view_count, like_count, comment_count, share_count)
      SELECT '7300000000000000077', ${account}, s, s, n, 0, 0, 0
      FROM (SELECT ${new Date(AT - 70 * DAY).toISOString()}::timestamptz - interval '17 minutes' + g * interval '30 minutes' AS s, g AS n
            FROM generate_series(0, 70 * 48 - 1) g) x`;
    // what the rule must keep, worked out from the rows before thinning: every row of the last
    // 14 days, the last row of each 6-hour bucket to 60 days, the last of each day beyond
    const fourteen = new Date(AT - 14 * DAY).toISOString();
    const sixty = new Date(AT - 60 * DAY).toISOString();
    const [expected] = (await sql`SELECT
      count(*) FILTER (WHERE slot >= ${fourteen}) AS recent,
      count(DISTINCT date_bin('6 hours', slot, 'epoch')) FILTER (WHERE slot < ${fourteen} AND slot >= ${sixty}) AS middle,
      count(DISTINCT date_bin('1 day', slot, 'epoch')) FILTER (WHERE slot < ${sixty}) AS old,
      max(view_count) AS top
      FROM tiktok_video_snapshots`) as Record<string, string>[];
    const lastOfEachDay = await sql`SELECT DISTINCT ON (date_bin('1 day', slot, 'epoch')) slot, view_count
      FROM tiktok_video_snapshots ORDER BY date_bin('1 day', slot, 'epoch'), slot DESC`;

    await runCron(CRONS.daily);

    const [after] = (await sql`SELECT
      count(*) FILTER (WHERE slot >= ${fourteen}) AS recent,
      count(*) FILTER (WHERE slot < ${fourteen} AND slot >= ${sixty}) AS middle,
      count(*) FILTER (WHERE slot < ${sixty}) AS old,
      max(view_count) AS top
      FROM tiktok_video_snapshots`) as Record<string, string>[];
    expect(after).toEqual(expected);
    // nothing that matters is lost: the last counter of every day is still there
    const kept = await sql`SELECT DISTINCT ON (date_bin('1 day', slot, 'epoch')) slot, view_count
      FROM tiktok_video_snapshots ORDER BY date_bin('1 day', slot, 'epoch'), slot DESC`;
    expect(kept).toEqual(lastOfEachDay);
  });
});
