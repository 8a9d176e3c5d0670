import { sql } from "./db";
import { testEnv } from "./env";
import type { OutboxEntry } from "../../tools/outbox-sink/entries";

/** The outbox sink of the global setup: what the worker sent by email, push and webhook. */
export const SINK = testEnv.TEST_OUTBOX_SINK;

export const outbox = {
  entries: async (): Promise<OutboxEntry[]> => (await fetch(`${SINK}/__outbox`)).json() as Promise<OutboxEntry[]>,
  forAlert: async (alertId: string) => (await outbox.entries()).filter((e) => e.alert_id === alertId),
  clear: () => fetch(`${SINK}/__outbox`, { method: "DELETE" }),
  /** A push subscription as a browser would hand it over (the sink plays push service and browser). */
  subscribe: async () =>
    (await (await fetch(`${SINK}/__outbox/push-subscriptions`, { method: "POST" })).json()) as {
      id: string;
      endpoint: string;
      keys: { p256dh: string; auth: string };
    },
  /** The browser revoked permission: the push service answers 410 Gone from now on. */
  revoke: (id: string) => fetch(`${SINK}/__outbox/push-subscriptions/${id}`, { method: "DELETE" }),
};

/** Links a user to an account, as a connect would (the holder is who alerts go to). */
export async function hold(userId: string, accountId: string): Promise<void> {
  await sql`INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id) VALUES (${userId}, ${accountId})`;
}

let alertSeq = 0;
/** An outbox row as a snapshot job stores it (observed now unless said otherwise). */
export async function storeAlert(
  accountId: string,
  fields: { kind?: string; title?: string; observedAt?: Date; videoId?: string | null } = {},
): Promise<string> {
  const [row] = (await sql`
    INSERT INTO tiktok_alerts (account_id, alert_key, kind, video_id, title, body, confidence, observed_at)
    VALUES (${accountId}, ${`anomaly:test-${++alertSeq}-${Date.now()}`}, ${fields.kind ?? "spike"},
      ${fields.videoId === undefined ? "7301234567890123456" : fields.videoId},
      ${fields.title ?? "Views spiking: 3.1× the expected pace"},
      'Post a follow-up or a reply video while this audience is here.', 0.93, ${(fields.observedAt ?? new Date()).toISOString()})
    RETURNING id::text AS id`) as { id: string }[];
  return row!.id;
}

export async function deliveriesOf(alertId: string) {
  return (await sql`
    SELECT id::text, channel, status, attempts, last_error, release_at FROM tiktok_alert_deliveries
    WHERE alert_id = ${alertId} ORDER BY channel, id`) as {
    id: string;
    channel: string;
    status: string;
    attempts: number;
    last_error: string | null;
    release_at: string | null;
  }[];
}

/**
 * Alert and delivery ids no earlier test used: the tables are truncated between tests, but
 * messages of an earlier test may still be on the queue (a retry, a dead letter), and must not
 * find this test's rows under their ids.
 */
export async function freshAlertIds(): Promise<void> {
  const base = Date.now() % 1_000_000_000;
  await sql`SELECT setval('tiktok_alerts_id_seq', ${base}), setval('tiktok_alert_deliveries_id_seq', ${base})`;
}
