import { neon, neonConfig } from "@neondatabase/serverless";
import { testEnv } from "./env";

neonConfig.fetchEndpoint = () => testEnv.NEON_HTTP_ENDPOINT;

/** Raw SQL through the production driver, for arranging and inspecting test data. */
export const sql = neon(testEnv.DATABASE_URL);

const TABLES = [
  "tiktok_alert_deliveries",
  "tiktok_alerts",
  "identity.alert_preferences",
  "identity.push_subscriptions",
  "identity.alert_webhooks",
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

export async function resetDatabase(): Promise<void> {
  await sql.query(`TRUNCATE ${TABLES.join(", ")} RESTART IDENTITY CASCADE`);
}
