import { neon, neonConfig } from "@neondatabase/serverless";
import { expect, vi } from "vitest";
import { testEnv } from "./env";

neonConfig.fetchEndpoint = () => testEnv.NEON_HTTP_ENDPOINT;

/** Raw SQL through the production driver, for arranging and inspecting test data. */
export const sql = neon(testEnv.DATABASE_URL);

/** The `n` of a `SELECT count(*)::int AS n …` query. */
export const countOf = async (query: Promise<unknown>) => ((await query) as { n: number }[])[0]!.n;

/** Polls a `count(*) AS n` query until it reaches `n`: queue deliveries land asynchronously. */
export async function waitForCount(query: () => Promise<unknown>, n: number, timeout = 20_000) {
  await vi.waitFor(async () => expect(await countOf(query())).toBe(n), { timeout, interval: 150 });
}

/** Waits until the ingest log holds a run of job `key` that ended in `status`. */
export const waitForJob = (key: string, status = "ok", timeout?: number) =>
  waitForCount(
    () => sql`SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE job_key = ${key} AND status = ${status}`,
    1,
    timeout,
  );

const TABLES = [
  "tiktok_alert_deliveries",
  "tiktok_alerts",
  "identity.alert_preferences",
  "identity.push_subscriptions",
  "identity.alert_webhooks",
  "tiktok_video_labels",
  "tiktok_goals",
  "tiktok_experiments",
  "tiktok_coach_settings",
  "tiktok_video_snapshots",
  "tiktok_account_snapshots",
  "tiktok_anomalies",
  "tiktok_insights",
  "tiktok_videos",
  "tiktok_credentials",
  "tiktok_accounts",
  "tiktok_ingest_logs",
  "tiktok_api_cache",
  "tiktok_health_metrics",
  "identity.oauth_states",
  "identity.sessions",
  "identity.user_tiktok_accounts",
  "identity.users",
];

/**
 * Empties every table. A job of the previous test may still be writing (a retried message lands
 * when it lands): on PostgreSQL the TRUNCATE's locks can then deadlock with it, and Postgres
 * cancels one side, so the reset is tried again (the job's side is retried by the queue).
 */
export async function resetDatabase(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.query(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY CASCADE`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt === 5) throw error;
    }
  }
}
