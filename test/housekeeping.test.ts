import { beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/env";
import { createTiktokDb } from "../src/db/client";
import { thinSnapshotBands } from "../src/db/queries/housekeeping";
import { CRONS } from "../src/ingest/crons";
import { SLOT_MS } from "../src/ingest/messages";
import { resetDatabase, sql } from "./helpers/db";
import { testEnv } from "./helpers/env";
import { runCron as runCronAt } from "./helpers/worker";
import { bareAccount } from "./helpers/fixtures";

const AT = Date.UTC(2026, 10, 22, 3, 17);
const DAY = 86_400_000;

const runCron = (cron: string, at = AT) => runCronAt(cron, at);

let account: string;
beforeEach(async () => {
  await resetDatabase();
  account = await bareAccount("keep");
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
  it("forgets a released link a day after its account's grace period, and keeps held and recent ones", async () => {
    const [user] = (await sql`INSERT INTO identity.users (email, password_hash) VALUES ('u@example.com', 'x')
      RETURNING id::text AS id`) as { id: string }[];
    const at = new Date(AT).toISOString();
    await sql`INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id, released_at) VALUES
      (${user!.id}, 1, ${at}::timestamptz - interval '32 days'),
      (${user!.id}, 2, ${at}::timestamptz - interval '29 days'),
      (${user!.id}, 3, NULL)`;
    await runCron(CRONS.daily);
    expect(
      await sql`SELECT tiktok_account_id::int AS id FROM identity.user_tiktok_accounts ORDER BY tiktok_account_id`,
    ).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it("deletes an account nobody holds, with all its history, once its grace period is over, and no other", async () => {
    const at = new Date(AT).toISOString();
    const [due, waiting] = (await sql`INSERT INTO tiktok_accounts (open_id, status, delete_after) VALUES
      ('due', 'revoked', ${at}::timestamptz - interval '1 minute'),
      ('waiting', 'revoked', ${at}::timestamptz + interval '1 day')
      RETURNING id::text AS id`) as { id: string }[];
    await sql`INSERT INTO tiktok_videos (id, account_id, create_time) VALUES ('7300000000000000001', ${due!.id}, now())`;
    await sql`INSERT INTO tiktok_video_snapshots (video_id, account_id, slot, fetched_at, view_count, like_count,
      comment_count, share_count) VALUES ('7300000000000000001', ${due!.id}, '2026-11-20T00:00:00Z', now(), 1, 1, 1, 1)`;
    await sql`INSERT INTO tiktok_account_snapshots (account_id, slot, fetched_at) VALUES (${due!.id}, '2026-11-20T00:00:00Z', now())`;
    await sql`INSERT INTO tiktok_ingest_logs (kind, job_key, account_id, status, started_at)
      VALUES ('snapshot', 'snapshot:due', ${due!.id}, 'ok', now())`;

    await runCron(CRONS.daily);
    expect(await sql`SELECT open_id FROM tiktok_accounts ORDER BY open_id`).toEqual([
      { open_id: "keep" },
      { open_id: "waiting" },
    ]);
    const [left] = (await sql`SELECT
      (SELECT count(*)::int FROM tiktok_videos WHERE account_id = ${due!.id}) +
      (SELECT count(*)::int FROM tiktok_video_snapshots WHERE account_id = ${due!.id}) +
      (SELECT count(*)::int FROM tiktok_account_snapshots WHERE account_id = ${due!.id}) +
      (SELECT count(*)::int FROM tiktok_ingest_logs WHERE account_id = ${due!.id}) AS n`) as { n: number }[];
    expect(left!.n).toBe(0);
    expect(waiting).toBeDefined();
  });

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

  it("deletes session families a week after they ended and OAuth states once expired, and keeps the rest", async () => {
    const at = (days: number) => new Date(AT + days * DAY).toISOString();
    const [user] = (await sql`INSERT INTO identity.users (email, password_hash) VALUES ('a@example.com', 'x')
      RETURNING id::text AS id`) as { id: string }[];
    const families = new Map<string, string>();
    const session = async (hash: string, expires: number, revoked: number | null, rotated: number | null = null) => {
      const family = hash.split("/")[0]!;
      if (!families.has(family)) families.set(family, crypto.randomUUID());
      await sql`INSERT INTO identity.sessions (family_id, user_id, token_hash, expires_at, revoked_at, rotated_at)
        VALUES (${families.get(family)}, ${user!.id}, ${hash}, ${at(expires)},
                ${revoked === null ? null : at(revoked)}, ${rotated === null ? null : at(rotated)})`;
    };
    // a live family keeps its old rotated token, long expired: replaying it must still revoke the family
    await session("live/old", -10, null, -40);
    await session("live/new", 20, null);
    await session("expired-6d/a", -6, null);
    await session("expired-8d/a", -9, null, -38);
    await session("expired-8d/b", -8, null);
    await session("revoked-6d/a", 20, -6);
    await session("revoked-8d/a", 20, -8);
    await session("mixed/a", 20, -8);
    await session("mixed/b", 20, -6);
    await sql`INSERT INTO identity.oauth_states (state_hash, user_id, expires_at)
              VALUES ('fresh', ${user!.id}, ${at(0.01)}), ('stale', ${user!.id}, ${at(-0.01)})`;

    await runCron(CRONS.daily);

    expect((await sql`SELECT token_hash FROM identity.sessions ORDER BY token_hash`).map((r) => r.token_hash)).toEqual([
      "expired-6d/a",
      "live/new",
      "live/old",
      "mixed/a",
      "mixed/b",
      "revoked-6d/a",
    ]);
    expect((await sql`SELECT state_hash FROM identity.oauth_states`).map((r) => r.state_hash)).toEqual(["fresh"]);
  });

  // AT - 14 days and AT - 60 days, down to their tier's bucket (6 hours, 1 day)
  const SIX_HOUR_EDGE = "2026-11-08T00:00:00.000Z";
  const DAY_EDGE = "2026-09-23T00:00:00.000Z";

  async function seventyDaysOfSnapshots() {
    await sql`INSERT INTO tiktok_videos (id, account_id, create_time) VALUES ('7300000000000000077', ${account}, ${new Date(AT - 80 * DAY).toISOString()})`;
    // a snapshot every 30 minutes for 70 days (from 2026-09-13 03:00), the counter growing by one each time
    await sql`INSERT INTO tiktok_video_snapshots (video_id, account_id, slot, fetched_at, view_count, like_count, comment_count, share_count)
      SELECT '7300000000000000077', ${account}, s, s, n, 0, 0, 0
      FROM (SELECT date_bin('30 minutes', ${new Date(AT - 70 * DAY).toISOString()}::timestamptz, 'epoch') + g * interval '30 minutes' AS s, g AS n
            FROM generate_series(0, 70 * 48 - 1) g) x`;
  }
  const lastOfEachDay = () => sql`SELECT DISTINCT ON (date_bin('1 day', slot, 'epoch')) slot, view_count
    FROM tiktok_video_snapshots ORDER BY date_bin('1 day', slot, 'epoch'), slot DESC`;
  /** Rows per band, and how many distinct buckets of the band's size they fall in. */
  const shape = async (bands: [from: string, to: string, bucket: string][]) =>
    Promise.all(
      bands.map(async ([from, to, bucket]) => {
        const [row] = (await sql`SELECT count(*)::int AS rows,
          count(DISTINCT date_bin(${bucket}::interval, slot, 'epoch'))::int AS buckets
          FROM tiktok_video_snapshots WHERE slot >= ${from} AND slot < ${to}`) as { rows: number; buckets: number }[];
        return row;
      }),
    );

  it("thins snapshots by the retention rule as they age, keeping the last of each bucket", async () => {
    await seventyDaysOfSnapshots();
    const daysBefore = await lastOfEachDay();
    const start = "2026-01-01T00:00:00.000Z";
    const end = "2027-01-01T00:00:00.000Z";
    const [recent, middle, old] = await shape([
      [SIX_HOUR_EDGE, end, "30 minutes"],
      [DAY_EDGE, SIX_HOUR_EDGE, "6 hours"],
      [start, DAY_EDGE, "1 day"],
    ]);

    // one daily run a week, as the history ages: each looks a week back from the tiers' edges
    for (let weeksAgo = 9; weeksAgo >= 0; weeksAgo--) await runCron(CRONS.daily, AT - weeksAgo * 7 * DAY);

    // every row of the last 14 days, the last of each 6-hour bucket to 60 days, of each day beyond
    expect(
      await shape([
        [SIX_HOUR_EDGE, end, "30 minutes"],
        [DAY_EDGE, SIX_HOUR_EDGE, "6 hours"],
        [start, DAY_EDGE, "1 day"],
      ]),
    ).toEqual([
      recent,
      { rows: middle!.buckets, buckets: middle!.buckets },
      { rows: old!.buckets, buckets: old!.buckets },
    ]);
    expect(middle!.rows).toBe(middle!.buckets * 12);
    // nothing that matters is lost: the last counter of every day is still there
    expect(await lastOfEachDay()).toEqual(daysBefore);
  });

  it("looks only at the band just past each tier's edge: an hourly run a day, the daily run a week", async () => {
    await seventyDaysOfSnapshots();
    await runCron(CRONS.hourly);
    const oneDayBack = "2026-11-07T00:00:00.000Z";
    const oneDayBeforeDayEdge = "2026-09-22T00:00:00.000Z";
    expect(
      await shape([
        [oneDayBack, SIX_HOUR_EDGE, "6 hours"],
        ["2026-09-23T00:00:00.000Z", oneDayBack, "30 minutes"],
        [oneDayBeforeDayEdge, DAY_EDGE, "1 day"],
        ["2026-01-01T00:00:00.000Z", oneDayBeforeDayEdge, "30 minutes"],
      ]),
    ).toEqual([
      { rows: 4, buckets: 4 },
      { rows: 45 * 48, buckets: 45 * 48 },
      { rows: 1, buckets: 1 },
      { rows: 8 * 48 + 42, buckets: 8 * 48 + 42 },
    ]);

    await runCron(CRONS.daily);
    expect(
      await shape([
        ["2026-11-01T00:00:00.000Z", SIX_HOUR_EDGE, "6 hours"],
        ["2026-09-16T00:00:00.000Z", DAY_EDGE, "1 day"],
      ]),
    ).toEqual([
      { rows: 7 * 4, buckets: 7 * 4 },
      { rows: 7, buckets: 7 },
    ]);
  });

  it("deletes at most its limit per statement, and says when there is more", async () => {
    await seventyDaysOfSnapshots();
    const db = createTiktokDb(loadConfig(testEnv));
    const at = new Date(AT).toISOString();
    // a day's band holds 48 rows: 44 go in the 6-hour tier (4 buckets), 47 in the daily one
    expect(await thinSnapshotBands(db, at, 1, 5)).toEqual({ videos: 10, accounts: 0, full: true });
    expect(await thinSnapshotBands(db, at, 1, 1000)).toEqual({ videos: 39 + 42, accounts: 0, full: false });
  });
});
