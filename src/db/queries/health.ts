import { sql } from "drizzle-orm";
import type { TiktokDb } from "../client";

export interface HealthFigures {
  accounts: number;
  videos: number;
  lastIngestion: string | null;
}

/** Everything /healthz reports, in one round trip. */
export async function readHealth(db: TiktokDb): Promise<HealthFigures> {
  const result = await db.execute<{ accounts: string; videos: string; last_ingestion: string | null }>(sql`
    SELECT (SELECT count(*) FROM tiktok_accounts) AS accounts,
           (SELECT count(*) FROM tiktok_videos) AS videos,
           (SELECT max(finished_at) FROM tiktok_ingest_logs WHERE kind = 'snapshot' AND status = 'ok') AS last_ingestion`);
  const row = result.rows[0];
  return {
    accounts: Number(row?.accounts ?? 0),
    videos: Number(row?.videos ?? 0),
    lastIngestion: row?.last_ingestion ? new Date(row.last_ingestion).toISOString() : null,
  };
}
