import { sql } from "drizzle-orm";
import { bigint, check, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, identityId, instant } from "./columns";

export const INGEST_STATUSES = ["ok", "failed", "dead_lettered", "skipped"] as const;

/** One row per job attempt worth remembering: what ran, what it cost, how it ended. */
export const ingestLogs = pgTable(
  "tiktok_ingest_logs",
  {
    id: identityId(),
    kind: text("kind").notNull(),
    /** The job's idempotency key, e.g. `snapshot:<account>:<slot>`. */
    jobKey: text("job_key").notNull(),
    accountId: bigint("account_id", { mode: "number" }),
    status: text("status", { enum: INGEST_STATUSES }).notNull(),
    attempt: integer("attempt").notNull().default(1),
    startedAt: instant("started_at").notNull(),
    finishedAt: instant("finished_at").notNull().defaultNow(),
    durationMs: integer("duration_ms").notNull().default(0),
    tiktokCalls: integer("tiktok_calls").notNull().default(0),
    rowsWritten: integer("rows_written").notNull().default(0),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    check("tiktok_ingest_logs_status_check", sql`${t.status} in ('ok', 'failed', 'dead_lettered', 'skipped')`),
    // A job succeeds once; a redelivered message cannot log a second success.
    uniqueIndex("tiktok_ingest_logs_job_ok_idx")
      .on(t.jobKey)
      .where(sql`${t.status} = 'ok'`),
    index("tiktok_ingest_logs_finished_idx").on(t.kind, t.status, t.finishedAt.desc()),
    index("tiktok_ingest_logs_account_idx").on(t.accountId, t.finishedAt.desc()),
  ],
);

/** Short-lived cached TikTok answers (e.g. re-signed cover URLs); purged hourly once expired. */
export const apiCache = pgTable(
  "tiktok_api_cache",
  {
    key: text("key").primaryKey(),
    value: jsonb("value").notNull(),
    createdAt: createdAt(),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [index("tiktok_api_cache_expires_idx").on(t.expiresAt)],
);

/** Operational gauges recorded by housekeeping (queue lag, failures, table sizes). */
export const healthMetrics = pgTable(
  "tiktok_health_metrics",
  {
    id: identityId(),
    recordedAt: instant("recorded_at").notNull().defaultNow(),

    metric: text("metric").notNull(),
    value: doublePrecision("value").notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [index("tiktok_health_metrics_metric_idx").on(t.metric, t.recordedAt.desc())],
);
