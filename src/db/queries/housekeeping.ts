import { sql } from "drizzle-orm";
import type { TiktokDb, UsersDb } from "../client";

/** Hourly and daily upkeep: purges, health gauges, daily rollups and snapshot retention. */

/** How long an ended session family stays before it is deleted. */
export const ENDED_SESSION_DAYS = 7;
/** A released link outlives its account's grace period (src/lifecycle/grace.ts) by a day, then goes. */
export const RELEASED_LINK_DAYS = 31;

/**
 * Deletes sign-in state that can no longer be used: session families a week after every token in
 * them expired or was revoked, OAuth states past their expiry, and links to accounts let go of
 * longer ago than the deletion grace period (the accounts themselves are gone by then). A live family keeps all its
 * rotated rows, even expired ones: presenting one of them is how a stolen refresh token is
 * noticed (it revokes the family), however old it is.
 */
export async function purgeEndedIdentityRows(
  db: UsersDb,
  at: string,
): Promise<{ sessions: number; oauthStates: number; releasedLinks: number }> {
  const cutoff = sql`${at}::timestamptz - make_interval(days => ${ENDED_SESSION_DAYS})`;
  const [sessions, states, links] = await db.batch([
    db.execute(sql`
      DELETE FROM identity.sessions WHERE family_id IN (
        SELECT family_id FROM identity.sessions GROUP BY family_id
        -- least() skips NULL: a token ended when it was revoked or expired, whichever came first
        HAVING bool_and(least(revoked_at, expires_at) < ${cutoff}))`),
    db.execute(sql`DELETE FROM identity.oauth_states WHERE expires_at < ${at}::timestamptz`),
    db.execute(sql`DELETE FROM identity.user_tiktok_accounts
      WHERE released_at < ${at}::timestamptz - make_interval(days => ${RELEASED_LINK_DAYS})`),
  ]);
  return { sessions: sessions.rowCount ?? 0, oauthStates: states.rowCount ?? 0, releasedLinks: links.rowCount ?? 0 };
}

export async function purgeExpiredApiCache(db: TiktokDb): Promise<number> {
  const { rowCount } = await db.execute(sql`DELETE FROM tiktok_api_cache WHERE expires_at < now()`);
  return rowCount ?? 0;
}

/**
 * Records the hour's gauges in one statement: accounts by status, jobs by outcome, TikTok rate
 * limiting, job duration and how late snapshots land after their slot. Also forgets ingest logs
 * after 30 days and gauges after 90.
 */
export async function recordHealthMetrics(db: TiktokDb, atIso: string): Promise<number> {
  const { rowCount } = await db.execute(sql`
    WITH hour AS (
      SELECT * FROM tiktok_ingest_logs WHERE finished_at > ${atIso}::timestamptz - interval '1 hour'
    ), gauges(metric, value) AS (
      SELECT 'accounts_' || status, count(*)::float8 FROM tiktok_accounts GROUP BY status
      UNION ALL SELECT 'jobs_ok_1h', count(*) FROM hour WHERE kind = 'snapshot' AND status = 'ok'
      UNION ALL SELECT 'jobs_failed_1h', count(*) FROM hour WHERE kind = 'snapshot' AND status = 'failed'
      UNION ALL SELECT 'jobs_dead_lettered_1h', count(*) FROM hour WHERE status = 'dead_lettered'
      UNION ALL SELECT 'tiktok_rate_limited_1h', count(*) FROM hour WHERE error_code = 'rate_limit_exceeded'
      UNION ALL SELECT 'tiktok_calls_1h', coalesce(sum(tiktok_calls), 0) FROM hour
      UNION ALL SELECT 'job_duration_ms_p50_1h', coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms), 0)
        FROM hour WHERE kind = 'snapshot' AND status = 'ok'
      UNION ALL SELECT 'snapshot_lag_seconds_p50_1h', coalesce(percentile_cont(0.5) WITHIN GROUP (
          ORDER BY extract(epoch FROM s.fetched_at - s.slot)), 0)
        FROM tiktok_account_snapshots s WHERE s.slot > ${atIso}::timestamptz - interval '1 hour'
    ), purged_logs AS (
      DELETE FROM tiktok_ingest_logs WHERE finished_at < ${atIso}::timestamptz - interval '30 days'
    ), purged_metrics AS (
      DELETE FROM tiktok_health_metrics WHERE recorded_at < ${atIso}::timestamptz - interval '90 days'
    )
    INSERT INTO tiktok_health_metrics (recorded_at, metric, value) SELECT ${atIso}::timestamptz, metric, value FROM gauges`);
  return rowCount ?? 0;
}

/** Each account's last snapshot of each UTC day of the last `days`, as its closing figures. */
export async function rollUpAccountDays(db: TiktokDb, atIso: string, days: number): Promise<number> {
  const { rowCount } = await db.execute(sql`
    INSERT INTO tiktok_account_daily (account_id, day, follower_count, following_count, likes_count, video_count,
      view_count, snapshots)
    SELECT DISTINCT ON (s.account_id, (s.slot AT TIME ZONE 'UTC')::date)
      s.account_id, (s.slot AT TIME ZONE 'UTC')::date, s.follower_count, s.following_count, s.likes_count,
      s.video_count, s.view_count,
      count(*) OVER (PARTITION BY s.account_id, (s.slot AT TIME ZONE 'UTC')::date)
    FROM tiktok_account_snapshots s
    WHERE s.slot >= date_trunc('day', ${atIso}::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => ${days})
    ORDER BY s.account_id, (s.slot AT TIME ZONE 'UTC')::date, s.slot DESC
    ON CONFLICT (account_id, day) DO UPDATE SET follower_count = EXCLUDED.follower_count,
      following_count = EXCLUDED.following_count, likes_count = EXCLUDED.likes_count,
      video_count = EXCLUDED.video_count, view_count = EXCLUDED.view_count, snapshots = EXCLUDED.snapshots`);
  return rowCount ?? 0;
}

/**
 * The retention rule. Counters are cumulative, so keeping the last snapshot of a bucket keeps
 * every total and every change between buckets: old history gets coarser, never lost.
 *   video snapshots:   30 min for 14 days, then one per 6 hours, after 60 days one per day
 *   account snapshots: 30 min for 30 days, then one per 6 hours, after 180 days one per day
 */
export const RETENTION = {
  video: { fullDays: 14, sixHourDays: 60 },
  account: { fullDays: 30, sixHourDays: 180 },
} as const;

/**
 * Thins the band of `bandDays` just past each tier's edge: the snapshots that aged into a coarser
 * tier since the last runs. Work is proportional to the band, never to the whole history, and
 * the band is aligned to the tier's buckets so no bucket is ever split between runs. Each
 * statement deletes at most `limit` rows; the four run in one batch. `full` says one of them hit
 * its limit, so there is more to do.
 */
export async function thinSnapshotBands(
  db: TiktokDb,
  atIso: string,
  bandDays: number,
  limit: number,
): Promise<{ videos: number; accounts: number; full: boolean }> {
  const band = (table: "video" | "account", edgeDays: number, bucket: "6 hours" | "1 day") => {
    const [name, key] =
      table === "video"
        ? [sql`tiktok_video_snapshots`, sql`video_id`]
        : [sql`tiktok_account_snapshots`, sql`account_id`];
    const upper = sql`date_bin(${bucket}::interval, ${atIso}::timestamptz - make_interval(days => ${edgeDays}), 'epoch')`;
    return db.execute(sql`
      DELETE FROM ${name} WHERE ctid IN (
        SELECT ctid FROM (
          SELECT ctid, row_number() OVER (PARTITION BY ${key}, date_bin(${bucket}::interval, slot, 'epoch') ORDER BY slot DESC) AS n
          FROM ${name} WHERE slot >= ${upper} - make_interval(days => ${bandDays}) AND slot < ${upper}
        ) ranked WHERE n > 1 LIMIT ${limit})`);
  };
  const results = await db.batch([
    band("video", RETENTION.video.fullDays, "6 hours"),
    band("video", RETENTION.video.sixHourDays, "1 day"),
    band("account", RETENTION.account.fullDays, "6 hours"),
    band("account", RETENTION.account.sixHourDays, "1 day"),
  ]);
  const [v6, v1, a6, a1] = results.map((r) => r.rowCount ?? 0) as [number, number, number, number];
  return { videos: v6 + v1, accounts: a6 + a1, full: Math.max(v6, v1, a6, a1) >= limit };
}
