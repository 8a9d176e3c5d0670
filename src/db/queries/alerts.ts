import { sql } from "drizzle-orm";
import type { SendOutcome } from "../../alerts/outcome";
import type { TiktokDb } from "../client";
import type { alerts } from "../schema/alerts";
import { isoInstant, type JsonRow } from "./json-row";

/**
 * The alert outbox and its deliveries (TikTok database). Alerts are written by the snapshot job
 * (ingest.ts, in its one batch); everything after that is here: the fan-out's deliveries, the
 * claim that makes a redelivered message send nothing twice, outcomes, the sweeps that pick up
 * what a crash left, the in-app list and the health figures.
 */
/** An alert as the senders and the in-app list read it: the schema's columns, ids and instants as text. */
export type StoredAlert = JsonRow<
  Pick<
    typeof alerts.$inferSelect,
    "kind" | "videoId" | "title" | "body" | "confidence" | "observedAt" | "createdAt" | "dispatchedAt" | "readAt"
  >
> & { id: string; accountId: string };

const iso = (value: string | null) => (value === null ? null : isoInstant(value));

/** Instants in the API's one format. */
function toAlert(r: StoredAlert): StoredAlert {
  return {
    ...r,
    confidence: Number(r.confidence),
    observedAt: isoInstant(r.observedAt),
    createdAt: isoInstant(r.createdAt),
    dispatchedAt: iso(r.dispatchedAt),
    readAt: iso(r.readAt),
  };
}

const alertColumns = sql`id::text AS id, account_id::text AS "accountId", kind, video_id AS "videoId", title, body,
  confidence, observed_at AS "observedAt", created_at AS "createdAt", dispatched_at AS "dispatchedAt", read_at AS "readAt"`;

export async function readAlert(db: TiktokDb, alertId: string): Promise<StoredAlert | undefined> {
  const { rows } = await db.execute<StoredAlert>(sql`SELECT ${alertColumns} FROM tiktok_alerts WHERE id = ${alertId}`);
  return rows[0] ? toAlert(rows[0]) : undefined;
}

export interface NewDelivery {
  key: string;
  alertId: string | null;
  userId: string;
  channel: "email" | "push" | "webhook" | "digest";
  targetId: string;
  status: "pending" | "held" | "capped" | "digested";
  releaseAtMs: number | null;
}

export interface QueuedDelivery {
  id: string;
  status: string;
  releaseAtMs: number | null;
}

/**
 * The fan-out's write, in one batch: its deliveries (each key once: a redelivered fan-out adds
 * nothing) and the alert marked dispatched; answers every delivery of the alert still to send.
 */
export async function recordFanOut(
  db: TiktokDb,
  alertId: string,
  deliveries: NewDelivery[],
): Promise<QueuedDelivery[]> {
  const rows = JSON.stringify(
    deliveries.map((d) => ({
      ...d,
      releaseAt: d.releaseAtMs === null ? null : new Date(d.releaseAtMs).toISOString(),
    })),
  );
  const results = await db.batch([
    db.execute(sql`
      INSERT INTO tiktok_alert_deliveries (delivery_key, alert_id, user_id, channel, target_id, status, release_at)
      SELECT x.key, x."alertId"::bigint, x."userId"::bigint, x.channel, x."targetId"::bigint, x.status, x."releaseAt"
      FROM jsonb_to_recordset(${rows}::jsonb) AS x(key text, "alertId" text, "userId" text, channel text,
        "targetId" text, status text, "releaseAt" timestamptz)
      ON CONFLICT (delivery_key) DO NOTHING`),
    db.execute(sql`UPDATE tiktok_alerts SET dispatched_at = coalesce(dispatched_at, now()) WHERE id = ${alertId}`),
    db.execute(sql`
      SELECT id::text, status, (extract(epoch FROM release_at) * 1000)::bigint AS release_at FROM tiktok_alert_deliveries
      WHERE alert_id = ${alertId} AND status IN ('pending', 'held', 'failed')`),
  ]);
  const queued = (results[2] as unknown as { rows: { id: string; status: string; release_at: string | null }[] }).rows;
  return queued.map((r) => ({
    id: r.id,
    status: r.status,
    releaseAtMs: r.release_at === null ? null : Number(r.release_at),
  }));
}

/** Alerts already sent (or on their way) to the user since `sinceMs`, for the daily cap. */
export async function alertsSentSince(db: TiktokDb, userId: string, sinceMs: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT count(DISTINCT alert_id)::int AS n FROM tiktok_alert_deliveries
    WHERE user_id = ${userId} AND channel <> 'digest' AND created_at >= ${new Date(sinceMs).toISOString()}
      AND status IN ('pending', 'held', 'sending', 'sent', 'failed')`);
  return rows[0]?.n ?? 0;
}

export interface ClaimedDelivery {
  id: string;
  key: string;
  alertId: string | null;
  userId: string;
  channel: "email" | "push" | "webhook" | "digest";
  targetId: string;
  attempts: number;
}

/** How long a claimed delivery is left to its sender before another attempt may take it over. */
export const DELIVERY_LEASE_SECONDS = 60;

/**
 * Takes a delivery for one attempt: pending, failed, held and due, or left `sending` by an
 * attempt that died past its lease. Anything else (sent, in flight, disabled, dead…) is not
 * taken, and the answer says what it is, so a redelivered message sends nothing twice.
 */
export async function claimDelivery(
  db: TiktokDb,
  deliveryId: string,
): Promise<{ claimed: ClaimedDelivery } | { claimed: null; status: string | null; waitMs: number }> {
  const { rows } = await db.execute<{
    claimed: boolean;
    id: string;
    delivery_key: string;
    alert_id: string | null;
    user_id: string;
    channel: ClaimedDelivery["channel"];
    target_id: string;
    attempts: number;
    status: string;
    wait_ms: string | null;
  }>(sql`
    WITH claimed AS (
      UPDATE tiktok_alert_deliveries SET status = 'sending', attempts = attempts + 1, updated_at = now(),
        lease_until = now() + make_interval(secs => ${DELIVERY_LEASE_SECONDS})
      WHERE id = ${deliveryId} AND (status IN ('pending', 'failed') OR (status = 'held' AND release_at <= now())
        OR (status = 'sending' AND lease_until < now()))
      RETURNING id, delivery_key, alert_id, user_id, channel, target_id, attempts, status
    )
    SELECT true AS claimed, id::text, delivery_key, alert_id::text, user_id::text, channel, target_id::text, attempts,
      status, NULL AS wait_ms FROM claimed
    UNION ALL
    SELECT false, id::text, delivery_key, alert_id::text, user_id::text, channel, target_id::text, attempts, status,
      (extract(epoch FROM greatest(coalesce(CASE WHEN status = 'held' THEN release_at ELSE lease_until END, now()), now()) - now()) * 1000)::bigint
    FROM tiktok_alert_deliveries WHERE id = ${deliveryId} AND NOT EXISTS (SELECT 1 FROM claimed)`);
  const row = rows[0];
  if (!row) return { claimed: null, status: null, waitMs: 0 };
  if (!row.claimed) return { claimed: null, status: row.status, waitMs: Number(row.wait_ms ?? 0) };
  return {
    claimed: {
      id: row.id,
      key: row.delivery_key,
      alertId: row.alert_id,
      userId: row.user_id,
      channel: row.channel,
      targetId: row.target_id,
      attempts: row.attempts,
    },
  };
}

/** Records an attempt's outcome (only over this attempt's own claim). */
export async function finishDelivery(db: TiktokDb, deliveryId: string, outcome: SendOutcome | { skipped: string }) {
  const [status, error, providerId] =
    "skipped" in outcome
      ? ["rejected", outcome.skipped, null]
      : outcome.ok
        ? ["sent", null, outcome.providerId]
        : [
            { gone: "disabled", rejected: "rejected", retry: "failed" }[outcome.kind],
            `${outcome.message}`.slice(0, 300),
            null,
          ];
  await db.execute(sql`
    UPDATE tiktok_alert_deliveries SET status = ${status}, last_error = ${error}, provider_id = ${providerId},
      sent_at = CASE WHEN ${status} = 'sent' THEN now() END, lease_until = NULL, updated_at = now()
    WHERE id = ${deliveryId} AND status = 'sending'`);
}

/** The dead-letter queue's word: this delivery is given up on. */
export async function markDeliveryDead(db: TiktokDb, deliveryId: string): Promise<void> {
  await db.execute(sql`
    UPDATE tiktok_alert_deliveries SET status = 'dead', lease_until = NULL, updated_at = now(),
      last_error = coalesce(last_error, 'gave up after the last retry')
    WHERE id = ${deliveryId} AND status IN ('pending', 'failed', 'sending')`);
}

/** Alerts whose fan-out never ran (their job died after its write): older than `graceMs`. */
export async function undispatchedAlerts(
  db: TiktokDb,
  nowMs: number,
  graceMs: number,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT id::text FROM tiktok_alerts WHERE dispatched_at IS NULL
      AND created_at < ${new Date(nowMs - graceMs).toISOString()} ORDER BY created_at LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

/** Held deliveries whose quiet hours are over, and failed ones whose queue message was lost. */
export async function deliveriesDue(db: TiktokDb, nowMs: number, limit: number): Promise<string[]> {
  const now = new Date(nowMs).toISOString();
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT id::text FROM tiktok_alert_deliveries
    WHERE (status = 'held' AND release_at <= ${now})
       OR (status IN ('pending', 'failed') AND updated_at < ${now}::timestamptz - interval '1 hour')
    ORDER BY id LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

/** The in-app list: the newest alerts of the given accounts, and how many are unread. */
export async function listAlerts(
  db: TiktokDb,
  accountIds: readonly string[],
  limit: number,
): Promise<{ alerts: StoredAlert[]; unread: number }> {
  if (accountIds.length === 0) return { alerts: [], unread: 0 };
  const ids = `{${accountIds.join(",")}}`;
  const results = await db.batch([
    db.execute(sql`SELECT ${alertColumns} FROM tiktok_alerts WHERE account_id = ANY(${ids}::bigint[])
      ORDER BY created_at DESC, id DESC LIMIT ${limit}`),
    db.execute(
      sql`SELECT count(*)::int AS n FROM tiktok_alerts WHERE account_id = ANY(${ids}::bigint[]) AND read_at IS NULL`,
    ),
  ]);
  const rows = (results[0] as unknown as { rows: StoredAlert[] }).rows;
  const unread = (results[1] as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  return { alerts: rows.map(toAlert), unread };
}

/** Marks alerts of the given accounts read: the listed ones, or all. Returns how many changed. */
export async function markAlertsRead(
  db: TiktokDb,
  accountIds: readonly string[],
  alertIds: readonly string[] | "all",
): Promise<number> {
  if (accountIds.length === 0) return 0;
  const accounts = `{${accountIds.join(",")}}`;
  const only = alertIds === "all" ? sql`` : sql`AND id = ANY(${`{${alertIds.join(",")}}`}::bigint[])`;
  const { rowCount } = (await db.execute(sql`
    UPDATE tiktok_alerts SET read_at = now()
    WHERE account_id = ANY(${accounts}::bigint[]) AND read_at IS NULL ${only}`)) as unknown as { rowCount: number };
  return rowCount ?? 0;
}

/** The alerts of the given accounts raised since `sinceMs`, oldest first (the digest). */
export async function alertsSince(
  db: TiktokDb,
  accountIds: readonly string[],
  sinceMs: number,
): Promise<StoredAlert[]> {
  if (accountIds.length === 0) return [];
  const { rows } = await db.execute<StoredAlert>(sql`
    SELECT ${alertColumns} FROM tiktok_alerts
    WHERE account_id = ANY(${`{${accountIds.join(",")}}`}::bigint[]) AND created_at >= ${new Date(sinceMs).toISOString()}
    ORDER BY created_at LIMIT 50`);
  return rows.map(toAlert);
}

/** Takes the user's digest of one day (once: the key is per user and local day). */
export async function claimDigest(db: TiktokDb, userId: string, day: string): Promise<ClaimedDelivery | null> {
  const key = `digest:${userId}:${day}`;
  await db.execute(sql`
    INSERT INTO tiktok_alert_deliveries (delivery_key, user_id, channel, status)
    VALUES (${key}, ${userId}, 'digest', 'pending') ON CONFLICT (delivery_key) DO NOTHING`);
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT id::text FROM tiktok_alert_deliveries WHERE delivery_key = ${key}`,
  );
  if (!rows[0]) return null;
  const claim = await claimDelivery(db, rows[0].id);
  return claim.claimed;
}

export interface AlertHealth {
  pending: number;
  held: number;
  sent24h: number;
  failedAttempts24h: number;
  dead24h: number;
  disabled24h: number;
  undispatched: number;
  /** Seconds from the snapshot that revealed an alert to its first delivery leaving, last 24 h. */
  latencyP50Seconds: number | null;
  latencyP95Seconds: number | null;
}

/** The alerts' figures for /healthz (batched with ingestion's: see health.ts). */
export function alertHealthStatement(db: TiktokDb) {
  return db.execute<Record<string, string | null>>(sql`
    WITH day AS (SELECT * FROM tiktok_alert_deliveries WHERE updated_at > now() - interval '24 hours'),
    first_sent AS (
      SELECT extract(epoch FROM min(d.sent_at) - a.observed_at) AS s FROM day d JOIN tiktok_alerts a ON a.id = d.alert_id
      WHERE d.status = 'sent' GROUP BY a.id, a.observed_at
    )
    SELECT (SELECT count(*) FROM tiktok_alert_deliveries WHERE status IN ('pending', 'failed', 'sending')) AS pending,
      (SELECT count(*) FROM tiktok_alert_deliveries WHERE status = 'held') AS held,
      (SELECT count(*) FROM day WHERE status = 'sent') AS sent,
      (SELECT coalesce(sum(attempts - CASE WHEN status = 'sent' THEN 1 ELSE 0 END), 0) FROM day
        WHERE status IN ('sent', 'failed', 'dead', 'disabled', 'rejected')) AS failed,
      (SELECT count(*) FROM day WHERE status = 'dead') AS dead,
      (SELECT count(*) FROM day WHERE status = 'disabled') AS disabled,
      (SELECT count(*) FROM tiktok_alerts WHERE dispatched_at IS NULL) AS undispatched,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FROM first_sent) AS p50,
      (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY s) FROM first_sent) AS p95`);
}

export function toAlertHealth(rows: Record<string, string | null>[]): AlertHealth {
  const r = rows[0] ?? {};
  const n = (v: string | null | undefined) => Number(v ?? 0);
  const seconds = (v: string | null | undefined) =>
    v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;
  return {
    pending: n(r.pending),
    held: n(r.held),
    sent24h: n(r.sent),
    failedAttempts24h: n(r.failed),
    dead24h: n(r.dead),
    disabled24h: n(r.disabled),
    undispatched: n(r.undispatched),
    latencyP50Seconds: seconds(r.p50),
    latencyP95Seconds: seconds(r.p95),
  };
}

/** A deleted user's deliveries that no account takes with it (their digests). */
export async function deleteUserDeliveries(db: TiktokDb, userId: string): Promise<void> {
  await db.execute(sql`DELETE FROM tiktok_alert_deliveries WHERE user_id = ${userId}`);
}
