import { sql } from "drizzle-orm";
import { check, doublePrecision, index, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { accountRef } from "./accounts";
import { createdAt, identityId, instant, updatedAt } from "./columns";

/** A detected spike or drop, with the figures behind it. */
export const anomalies = pgTable(
  "tiktok_anomalies",
  {
    id: identityId(),
    accountId: accountRef().notNull(),
    videoId: text("video_id"),
    metric: text("metric").notNull(),
    kind: text("kind", { enum: ["spike", "drop"] }).notNull(),
    severity: text("severity", { enum: ["low", "medium", "high"] }).notNull(),
    score: doublePrecision("score").notNull(),
    /** How sure the analytics are that the event is real, 0–1: alerts are sent above a threshold. */
    confidence: doublePrecision("confidence").notNull().default(0),
    windowStart: instant("window_start").notNull(),
    windowEnd: instant("window_end").notNull(),
    observed: doublePrecision("observed").notNull(),
    expected: doublePrecision("expected").notNull(),
    /** Identifies the event, so re-detection across cycles or redeliveries stores it once. */
    eventKey: text("event_key").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    detectedAt: instant("detected_at").notNull().defaultNow(),
  },
  (t) => [
    unique("tiktok_anomalies_event_key").on(t.accountId, t.eventKey),
    check("tiktok_anomalies_kind_check", sql`${t.kind} in ('spike', 'drop')`),
    check("tiktok_anomalies_severity_check", sql`${t.severity} in ('low', 'medium', 'high')`),
    index("tiktok_anomalies_video_idx").on(t.videoId, t.windowStart.desc()),
    index("tiktok_anomalies_account_idx").on(t.accountId, t.windowStart.desc()),
  ],
);

/** A short, specific, actionable card, with its evidence and an expiry. */
export const insights = pgTable(
  "tiktok_insights",
  {
    id: identityId(),
    accountId: accountRef().notNull(),
    videoId: text("video_id"),
    kind: text("kind").notNull(),
    severity: text("severity", { enum: ["info", "low", "medium", "high"] }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull().default({}),
    rank: doublePrecision("rank").notNull().default(0),
    /** The fact a card states: one card per fact, refreshed in place rather than duplicated. */
    factKey: text("fact_key").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [
    unique("tiktok_insights_fact_key").on(t.accountId, t.factKey),
    check("tiktok_insights_severity_check", sql`${t.severity} in ('info', 'low', 'medium', 'high')`),
    index("tiktok_insights_account_rank_idx").on(t.accountId, t.expiresAt, t.rank.desc()),
  ],
);
