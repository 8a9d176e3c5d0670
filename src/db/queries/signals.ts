import { sql } from "drizzle-orm";
import type { TiktokDb } from "../client";

/** Anomalies and insight cards, as the data API serves them. */

export interface AnomalyView {
  id: string;
  metric: string;
  kind: "spike" | "drop";
  severity: "low" | "medium" | "high";
  score: number;
  confidence: number;
  windowStart: string;
  windowEnd: string;
  observed: number;
  expected: number;
  details: Record<string, unknown>;
  detectedAt: string;
}

type AnomalyRow = {
  id: number;
  metric: string;
  kind: "spike" | "drop";
  severity: "low" | "medium" | "high";
  score: number;
  confidence: number;
  window_start: string;
  window_end: string;
  observed: number;
  expected: number;
  details: Record<string, unknown>;
  detected_at: string;
};

const iso = (value: string) => new Date(value).toISOString();

/** Undefined when the video is not one of the token's accounts' videos. */
export async function readVideoAnomalies(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
): Promise<AnomalyView[] | undefined> {
  const { rows } = await db.execute<{ anomalies: AnomalyRow[] }>(sql`
    SELECT coalesce((
      SELECT json_agg(json_build_object('id', x.id, 'metric', x.metric, 'kind', x.kind, 'severity', x.severity,
        'score', x.score, 'confidence', x.confidence, 'window_start', x.window_start, 'window_end', x.window_end, 'observed', x.observed,
        'expected', x.expected, 'details', x.details, 'detected_at', x.detected_at) ORDER BY x.window_start DESC)
      FROM tiktok_anomalies x WHERE x.video_id = v.id AND x.account_id = v.account_id
    ), '[]') AS anomalies
    FROM tiktok_videos v
    WHERE v.id = ${videoId} AND v.account_id = ANY(${`{${accountIds.join(",")}}`}::bigint[])`);
  return rows[0]?.anomalies.map((a) => ({
    id: String(a.id),
    metric: a.metric,
    kind: a.kind,
    severity: a.severity,
    score: a.score,
    confidence: a.confidence,
    windowStart: iso(a.window_start),
    windowEnd: iso(a.window_end),
    observed: a.observed,
    expected: a.expected,
    details: a.details,
    detectedAt: iso(a.detected_at),
  }));
}

export interface InsightView {
  id: string;
  kind: string;
  severity: "info" | "low" | "medium" | "high";
  title: string;
  body: string;
  videoId: string | null;
  evidence: Record<string, unknown>;
  rank: number;
  updatedAt: string;
  expiresAt: string;
}

type InsightRow = {
  id: number;
  kind: string;
  severity: InsightView["severity"];
  title: string;
  body: string;
  video_id: string | null;
  evidence: Record<string, unknown>;
  rank: number;
  updated_at: string;
  expires_at: string;
};

export const MAX_INSIGHTS = 20;

/** The account's unexpired cards, best first. */
export async function readInsights(db: TiktokDb, accountId: string): Promise<InsightView[] | undefined> {
  const { rows } = await db.execute<{ insights: InsightRow[] }>(sql`
    SELECT coalesce((
      SELECT json_agg(i ORDER BY i.rank DESC, i.id) FROM (
        SELECT id, kind, severity, title, body, video_id, evidence, rank, updated_at, expires_at
        FROM tiktok_insights WHERE account_id = a.id AND expires_at > now()
        ORDER BY rank DESC, id LIMIT ${MAX_INSIGHTS}) i
    ), '[]') AS insights
    FROM tiktok_accounts a WHERE a.id = ${accountId}`);
  return rows[0]?.insights.map((i) => ({
    id: String(i.id),
    kind: i.kind,
    severity: i.severity,
    title: i.title,
    body: i.body,
    videoId: i.video_id,
    evidence: i.evidence,
    rank: i.rank,
    updatedAt: iso(i.updated_at),
    expiresAt: iso(i.expires_at),
  }));
}
