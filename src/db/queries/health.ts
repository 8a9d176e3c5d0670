import { sql } from "drizzle-orm";
import type { TiktokDb } from "../client";
import { alertHealthStatement, toAlertHealth, type AlertHealth } from "./alerts";

export interface HealthFigures {
  accounts: number;
  videos: number;
  lastIngestion: string | null;
  /** Queue jobs (snapshot, plan and revoke) that failed an attempt, and that gave up after the last retry, in the last 24 hours. */
  failedAttempts24h: number;
  deadLetters24h: number;
  accountsNeedingReconnect: number;
}

/**
 * Above this many videos, /healthz reports the planner's estimate (pg_class.reltuples, kept by
 * ANALYZE and autovacuum) instead of counting: a monitor polling it must not scan the table.
 */
export const EXACT_VIDEO_COUNT_BELOW = 100_000;

type HealthRow = {
  accounts: string;
  videos: string;
  last_ingestion: string | null;
  failed: string;
  dead: string;
  reconnect: string;
};

/** Ingestion's figures, for /healthz (see `readHealthAndAlerts`: one round trip with the alerts'). */
export function healthStatement(db: TiktokDb, exactVideoCountBelow = EXACT_VIDEO_COUNT_BELOW) {
  return db.execute<HealthRow>(sql`
    SELECT (SELECT count(*) FROM tiktok_accounts) AS accounts,
           (SELECT CASE WHEN reltuples >= ${exactVideoCountBelow} THEN reltuples::bigint
                        ELSE (SELECT count(*) FROM tiktok_videos) END
              FROM pg_class WHERE oid = 'tiktok_videos'::regclass) AS videos,
           (SELECT max(finished_at) FROM tiktok_ingest_logs WHERE kind = 'snapshot' AND status = 'ok') AS last_ingestion,
           (SELECT count(*) FROM tiktok_ingest_logs
             WHERE kind IN ('snapshot', 'plan', 'revoke') AND status = 'failed' AND finished_at > now() - interval '24 hours') AS failed,
           (SELECT count(*) FROM tiktok_ingest_logs
             WHERE kind IN ('snapshot', 'plan', 'revoke') AND status = 'dead_lettered' AND finished_at > now() - interval '24 hours') AS dead,
           (SELECT count(*) FROM tiktok_accounts WHERE status IN ('needs_reconnect', 'missing_scopes')) AS reconnect`);
}

export function toHealthFigures(rows: HealthRow[]): HealthFigures {
  const row = rows[0];
  return {
    accounts: Number(row?.accounts ?? 0),
    videos: Number(row?.videos ?? 0),
    lastIngestion: row?.last_ingestion ? new Date(row.last_ingestion).toISOString() : null,
    failedAttempts24h: Number(row?.failed ?? 0),
    deadLetters24h: Number(row?.dead ?? 0),
    accountsNeedingReconnect: Number(row?.reconnect ?? 0),
  };
}

/** Everything /healthz reports, in one round trip. */
export async function readHealth(db: TiktokDb, exactVideoCountBelow = EXACT_VIDEO_COUNT_BELOW): Promise<HealthFigures> {
  return toHealthFigures((await healthStatement(db, exactVideoCountBelow)).rows);
}

/** Ingestion's and the alerts' figures in one batch: one round trip for /healthz. */
export async function readHealthAndAlerts(db: TiktokDb): Promise<HealthFigures & { alerts: AlertHealth }> {
  const [health, alerts] = await db.batch([healthStatement(db), alertHealthStatement(db)]);
  return {
    ...toHealthFigures((health as unknown as { rows: HealthRow[] }).rows),
    alerts: toAlertHealth((alerts as unknown as { rows: Record<string, string | null>[] }).rows),
  };
}
