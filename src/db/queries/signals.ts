import { sql } from "drizzle-orm";
import type { TiktokDb } from "../client";
import type { anomalies, insights } from "../schema/signals";
import type { JsonRow } from "./json-row";

/** Anomalies and insight cards, as the data API serves them; rows typed from the Drizzle schema. */

export type AnomalyRow = JsonRow<
  Pick<
    typeof anomalies.$inferSelect,
    | "id"
    | "metric"
    | "kind"
    | "severity"
    | "score"
    | "confidence"
    | "windowStart"
    | "windowEnd"
    | "observed"
    | "expected"
    | "details"
    | "detectedAt"
  >
>;

/** Undefined when the video is not one of the token's accounts' videos. */
export async function readVideoAnomalies(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
): Promise<AnomalyRow[] | undefined> {
  const { rows } = await db.execute<{ anomalies: AnomalyRow[] }>(sql`
    SELECT coalesce((
      SELECT json_agg(json_build_object('id', x.id, 'metric', x.metric, 'kind', x.kind, 'severity', x.severity,
        'score', x.score, 'confidence', x.confidence, 'windowStart', x.window_start, 'windowEnd', x.window_end,
        'observed', x.observed, 'expected', x.expected, 'details', x.details, 'detectedAt', x.detected_at)
        ORDER BY x.window_start DESC)
      FROM tiktok_anomalies x WHERE x.video_id = v.id AND x.account_id = v.account_id
    ), '[]') AS anomalies
    FROM tiktok_videos v
    WHERE v.id = ${videoId} AND v.account_id = ANY(${`{${accountIds.join(",")}}`}::bigint[])`);
  return rows[0]?.anomalies;
}

export type InsightRow = JsonRow<
  Pick<
    typeof insights.$inferSelect,
    "id" | "kind" | "severity" | "title" | "body" | "videoId" | "evidence" | "rank" | "updatedAt" | "expiresAt"
  >
>;

export const MAX_INSIGHTS = 20;

/** The account's unexpired cards, best first. */
export async function readInsights(db: TiktokDb, accountId: string): Promise<InsightRow[] | undefined> {
  const { rows } = await db.execute<{ insights: InsightRow[] }>(sql`
    SELECT coalesce((
      SELECT json_agg(json_build_object('id', i.id, 'kind', i.kind, 'severity', i.severity, 'title', i.title,
        'body', i.body, 'videoId', i.video_id, 'evidence', i.evidence, 'rank', i.rank, 'updatedAt', i.updated_at,
        'expiresAt', i.expires_at) ORDER BY i.rank DESC, i.id) FROM (
        SELECT id, kind, severity, title, body, video_id, evidence, rank, updated_at, expires_at
        FROM tiktok_insights WHERE account_id = a.id AND expires_at > now()
        ORDER BY rank DESC, id LIMIT ${MAX_INSIGHTS}) i
    ), '[]') AS insights
    FROM tiktok_accounts a WHERE a.id = ${accountId}`);
  return rows[0]?.insights;
}
