import type { AccountInsights, Insight } from "../../../contract";
import type { TiktokDb } from "../../../db/client";
import { isoInstant } from "../../../db/queries/json-row";
import { readInsights, type InsightRow } from "../../../db/queries/signals";
import { accountNotFound } from "../../access";
import type { Part } from "./part";

export const toInsight = (i: InsightRow): Insight => ({
  id: String(i.id),
  kind: i.kind,
  severity: i.severity,
  title: i.title,
  body: i.body,
  video_id: i.videoId,
  evidence: i.evidence,
  rank: i.rank,
  updated_at: isoInstant(i.updatedAt),
  expires_at: isoInstant(i.expiresAt),
});

export async function accountInsights(db: TiktokDb, accountId: string): Promise<Part<AccountInsights>> {
  const insights = await readInsights(db, accountId);
  if (!insights) throw accountNotFound();
  return { body: { account_id: accountId, insights: insights.map(toInsight) }, store: true };
}
