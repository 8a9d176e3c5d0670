import { sql } from "drizzle-orm";
import { DEFAULT_PREFERENCES, type AlertPreferences } from "../../alerts/preferences";
import type { UsersDb } from "../client";
import type { alertPreferences, alertWebhooks, pushSubscriptions } from "../schema/identity";
import { isoInstant, type JsonRow } from "./json-row";

/**
 * Alert settings in the users database: preferences, push subscriptions and webhooks (their
 * URLs are capabilities, so they live with the other credentials, apart from TikTok data).
 */
/** The users database's rows, typed from its Drizzle schema (instants as ISO text, ids as text). */
export type PushSubscriptionRow = JsonRow<
  Pick<
    typeof pushSubscriptions.$inferSelect,
    "endpoint" | "p256dh" | "auth" | "userAgent" | "createdAt" | "disabledAt" | "disabledReason"
  >
> & { id: string };

export type WebhookRow = JsonRow<
  Pick<typeof alertWebhooks.$inferSelect, "url" | "format" | "createdAt" | "disabledAt" | "disabledReason">
> & { id: string };

/** The stored preferences under the schema's names, which are the preferences' own (kinds as checked on save). */
type PreferencesRow = Omit<
  Pick<typeof alertPreferences.$inferSelect, keyof AlertPreferences & keyof typeof alertPreferences.$inferSelect>,
  "kinds"
> & { kinds: AlertPreferences["kinds"] };

export interface AlertSettings {
  userId: string;
  email: string;
  preferences: AlertPreferences;
  push: PushSubscriptionRow[];
  webhooks: WebhookRow[];
}

type SettingsRow = {
  s: (Omit<AlertSettings, "preferences"> & { preferences: PreferencesRow | null }) | null;
};

const iso = (v: string | null) => (v === null ? null : isoInstant(v));

function toPreferences(p: PreferencesRow | null): AlertPreferences {
  return p ?? { ...DEFAULT_PREFERENCES, kinds: [...DEFAULT_PREFERENCES.kinds] };
}

/** One user's settings, found by user or by the account they hold (the fan-out's question), in one query. */
async function readSettings(db: UsersDb, where: ReturnType<typeof sql>): Promise<AlertSettings | undefined> {
  const { rows } = await db.execute<SettingsRow>(sql`
    SELECT (SELECT json_build_object(
      'userId', u.id::text, 'email', u.email,
      'preferences', (SELECT json_build_object('kinds', p.kinds, 'emailEnabled', p.email_enabled,
          'pushEnabled', p.push_enabled, 'webhooksEnabled', p.webhooks_enabled, 'timeZone', p.time_zone,
          'quietStart', p.quiet_start, 'quietEnd', p.quiet_end, 'held', p.held, 'digestEnabled', p.digest_enabled,
          'digestHour', p.digest_hour, 'dailyCap', p.daily_cap)
        FROM identity.alert_preferences p WHERE p.user_id = u.id),
      'push', coalesce((SELECT json_agg(json_build_object('id', s.id::text, 'endpoint', s.endpoint, 'p256dh', s.p256dh,
          'auth', s.auth, 'userAgent', s.user_agent, 'createdAt', s.created_at, 'disabledAt', s.disabled_at,
          'disabledReason', s.disabled_reason) ORDER BY s.id)
        FROM identity.push_subscriptions s WHERE s.user_id = u.id), '[]'),
      'webhooks', coalesce((SELECT json_agg(json_build_object('id', w.id::text, 'url', w.url, 'format', w.format,
          'createdAt', w.created_at, 'disabledAt', w.disabled_at, 'disabledReason', w.disabled_reason) ORDER BY w.id)
        FROM identity.alert_webhooks w WHERE w.user_id = u.id), '[]'))
    FROM identity.users u WHERE ${where}) AS s`);
  const s = rows[0]?.s;
  if (!s) return undefined;
  return {
    ...s,
    preferences: toPreferences(s.preferences),
    push: s.push.map((p) => ({ ...p, createdAt: isoInstant(p.createdAt), disabledAt: iso(p.disabledAt) })),
    webhooks: s.webhooks.map((w) => ({ ...w, createdAt: isoInstant(w.createdAt), disabledAt: iso(w.disabledAt) })),
  };
}

export function readAlertSettings(db: UsersDb, userId: string): Promise<AlertSettings | undefined> {
  return readSettings(db, sql`u.id = ${userId}`);
}

/** Whoever holds the account now, with their settings: who an alert about it goes to. */
export function readHolderSettings(db: UsersDb, accountId: string): Promise<AlertSettings | undefined> {
  return readSettings(
    db,
    sql`u.id = (SELECT user_id FROM identity.user_tiktok_accounts
      WHERE tiktok_account_id = ${accountId} AND released_at IS NULL)`,
  );
}

export async function savePreferences(db: UsersDb, userId: string, p: AlertPreferences): Promise<void> {
  const kinds = `{${p.kinds.join(",")}}`;
  await db.execute(sql`
    INSERT INTO identity.alert_preferences AS t (user_id, kinds, email_enabled, push_enabled, webhooks_enabled, time_zone,
      quiet_start, quiet_end, held, digest_enabled, digest_hour, daily_cap, updated_at)
    VALUES (${userId}, ${kinds}::text[], ${p.emailEnabled}, ${p.pushEnabled}, ${p.webhooksEnabled}, ${p.timeZone},
      ${p.quietStart}, ${p.quietEnd}, ${p.held}, ${p.digestEnabled}, ${p.digestHour}, ${p.dailyCap}, now())
    ON CONFLICT (user_id) DO UPDATE SET kinds = EXCLUDED.kinds, email_enabled = EXCLUDED.email_enabled,
      push_enabled = EXCLUDED.push_enabled, webhooks_enabled = EXCLUDED.webhooks_enabled,
      time_zone = EXCLUDED.time_zone, quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
      held = EXCLUDED.held, digest_enabled = EXCLUDED.digest_enabled, digest_hour = EXCLUDED.digest_hour,
      daily_cap = EXCLUDED.daily_cap, updated_at = now()`);
}

/** Turns alert emails or the digest off (one-click unsubscribe); false when the user is gone. */
export async function unsubscribe(db: UsersDb, userId: string, what: "email" | "digest"): Promise<boolean> {
  const column = what === "email" ? sql`email_enabled` : sql`digest_enabled`;
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH u AS (SELECT id FROM identity.users WHERE id = ${userId}),
    saved AS (
      INSERT INTO identity.alert_preferences (user_id, ${column}) SELECT id, false FROM u
      ON CONFLICT (user_id) DO UPDATE SET ${column} = false, updated_at = now()
      RETURNING user_id
    )
    SELECT user_id::text AS id FROM saved`);
  return rows.length > 0;
}

/** Adds (or takes over: one endpoint, one owner) a push subscription; a re-subscribe re-enables it. */
export async function savePushSubscription(
  db: UsersDb,
  userId: string,
  s: { endpoint: string; p256dh: string; auth: string; userAgent: string | null },
): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(sql`
    INSERT INTO identity.push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
    VALUES (${userId}, ${s.endpoint}, ${s.p256dh}, ${s.auth}, ${s.userAgent})
    ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
      user_agent = EXCLUDED.user_agent, created_at = now(), disabled_at = NULL, disabled_reason = NULL
    RETURNING id::text AS id`);
  return (rows[0] as { id: string }).id;
}

export async function deletePushSubscription(db: UsersDb, userId: string, id: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    DELETE FROM identity.push_subscriptions WHERE id = ${id} AND user_id = ${userId} RETURNING id`);
  return rows.length > 0;
}

/** At most this many webhooks per user. */
export const MAX_WEBHOOKS = 5;

export async function saveWebhook(
  db: UsersDb,
  userId: string,
  w: { url: string; format: WebhookRow["format"] },
): Promise<string | null> {
  const { rows } = await db.execute<{ id: string }>(sql`
    INSERT INTO identity.alert_webhooks (user_id, url, format)
    SELECT ${userId}, ${w.url}, ${w.format}
    WHERE (SELECT count(*) FROM identity.alert_webhooks WHERE user_id = ${userId}) < ${MAX_WEBHOOKS}
    RETURNING id::text AS id`);
  return rows[0]?.id ?? null;
}

export async function deleteWebhook(db: UsersDb, userId: string, id: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    DELETE FROM identity.alert_webhooks WHERE id = ${id} AND user_id = ${userId} RETURNING id`);
  return rows.length > 0;
}

/** A target that answered 404/410 is switched off for good (the user sees why in Settings). */
export async function disableTarget(db: UsersDb, channel: "push" | "webhook", id: string, reason: string) {
  const table = channel === "push" ? sql`identity.push_subscriptions` : sql`identity.alert_webhooks`;
  await db.execute(sql`
    UPDATE ${table} SET disabled_at = now(), disabled_reason = ${reason.slice(0, 200)}
    WHERE id = ${id} AND disabled_at IS NULL`);
}

/** Users whose daily digest is due this hour (their local clock reads their digest hour). */
export async function usersDueForDigest(db: UsersDb, atMs: number): Promise<{ userId: string; timeZone: string }[]> {
  const { rows } = await db.execute<{ user_id: string; time_zone: string }>(sql`
    SELECT user_id::text, time_zone FROM identity.alert_preferences
    WHERE digest_enabled AND extract(hour FROM (${new Date(atMs).toISOString()}::timestamptz AT TIME ZONE time_zone)) = digest_hour`);
  return rows.map((r) => ({ userId: r.user_id, timeZone: r.time_zone }));
}
