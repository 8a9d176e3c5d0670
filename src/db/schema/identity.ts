import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgSchema,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, identityId, instant, updatedAt } from "./columns";

/**
 * Dashboard users, apart from TikTok data: their own schema, and their own database when
 * USERS_DATABASE_URL names one, so a metrics leak is not a credentials leak. Nothing here has a
 * foreign key into `tiktok_*`: the two may live in different databases.
 */
export const identity = pgSchema("identity");

export const TIERS = ["free", "creator", "pro"] as const;
export type Tier = (typeof TIERS)[number];

export const users = identity.table(
  "users",
  {
    id: identityId(),
    /** Normalised (trimmed, lower-cased) before it is stored or looked up. */
    email: text("email").notNull().unique(),
    passwordHash: text("password_hash").notNull(),
    tier: text("tier", { enum: TIERS }).notNull().default("free"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("users_tier_check", sql`${t.tier} in ('free', 'creator', 'pro')`)],
);

/**
 * Refresh tokens, stored as SHA-256 hashes. Each rotation adds a row to the same family; presenting
 * a token that was already rotated revokes the whole family (it was stolen or replayed). Every row
 * of a family carries the time of the log-in it started from (`authenticated_at`): no rotation
 * outlives the absolute session lifetime counted from it.
 */
export const sessions = identity.table(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    familyId: uuid("family_id").notNull(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    /** When the user last gave their password: the family's absolute lifetime runs from here. */
    authenticatedAt: instant("authenticated_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
    rotatedAt: instant("rotated_at"),
    revokedAt: instant("revoked_at"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_family_idx").on(t.familyId), index("sessions_user_idx").on(t.userId)],
);

/**
 * Which TikTok accounts a user may read: the source of the JWT's `tiktok_account_ids`. TikTok's
 * consent is the authority, so an account has one holder at most: the Adam user whose connect
 * TikTok last confirmed (a connect by another user moves the row). A disconnect or a revocation
 * releases the row (`released_at`): the account is no longer held, and its history waits out the
 * grace period; the row remains only so that the user who let it go can still export or delete
 * that history with their Adam account. Released rows go a day after the grace period.
 */
export const userAccounts = identity.table(
  "user_tiktok_accounts",
  {
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tiktokAccountId: bigint("tiktok_account_id", { mode: "number" }).notNull(),
    createdAt: createdAt(),
    /** When the user let the account go (disconnected, or the authorisation was removed at TikTok). */
    releasedAt: instant("released_at"),
  },
  (t) => [
    primaryKey({ name: "user_tiktok_accounts_pkey", columns: [t.userId, t.tiktokAccountId] }),
    uniqueIndex("user_tiktok_accounts_account_key").on(t.tiktokAccountId),
  ],
);

export const OAUTH_PURPOSES = ["connect", "watch"] as const;

/**
 * OAuth `state` values: bound to a user, expiring, and single-use (deleted when consumed). A state
 * serves one flow: connecting TikTok (`connect`), or adding watch-time insights to one of the
 * user's accounts (`watch`, which also names the account), so neither callback takes the other's.
 */
export const oauthStates = identity.table(
  "oauth_states",
  {
    stateHash: text("state_hash").primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: OAUTH_PURPOSES }).notNull().default("connect"),
    /** The account a `watch` flow adds insights to. */
    tiktokAccountId: bigint("tiktok_account_id", { mode: "number" }),
    createdAt: createdAt(),
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [
    check("oauth_states_purpose_check", sql`${t.purpose} in ('connect', 'watch')`),
    check("oauth_states_watch_account_check", sql`(${t.purpose} = 'watch') = (${t.tiktokAccountId} IS NOT NULL)`),
  ],
);

export const ALERT_KINDS = ["spike", "drop", "fast_start", "follower_jump", "goal_reached"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * What a user wants to be told, where and when (one row per user; no row: the defaults, nothing
 * sent but the in-app list). Quiet hours are minutes after local midnight in `time_zone` (an IANA
 * name); `held` says where alerts from quiet hours go: out when they end, or into the digest.
 */
export const alertPreferences = identity.table(
  "alert_preferences",
  {
    userId: bigint("user_id", { mode: "number" })
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    kinds: text("kinds")
      .array()
      .notNull()
      .default(sql`ARRAY['spike','drop','fast_start','follower_jump','goal_reached']`),
    emailEnabled: boolean("email_enabled").notNull().default(false),
    pushEnabled: boolean("push_enabled").notNull().default(false),
    webhooksEnabled: boolean("webhooks_enabled").notNull().default(false),
    timeZone: text("time_zone").notNull().default("UTC"),
    quietStart: smallint("quiet_start"),
    quietEnd: smallint("quiet_end"),
    held: text("held", { enum: ["release", "digest"] })
      .notNull()
      .default("release"),
    digestEnabled: boolean("digest_enabled").notNull().default(false),
    /** Local hour (0–23) the daily digest is sent at. */
    digestHour: smallint("digest_hour").notNull().default(8),
    /** Alerts sent per local day at most (past it they wait for the in-app list and the digest). */
    dailyCap: integer("daily_cap").notNull().default(10),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("alert_preferences_held_check", sql`${t.held} in ('release', 'digest')`),
    check(
      "alert_preferences_quiet_check",
      sql`${t.quietStart} BETWEEN 0 AND 1439 AND ${t.quietEnd} BETWEEN 0 AND 1439`,
    ),
    check("alert_preferences_digest_hour_check", sql`${t.digestHour} BETWEEN 0 AND 23`),
    check("alert_preferences_cap_check", sql`${t.dailyCap} BETWEEN 1 AND 100`),
  ],
);

/** A browser's or phone's Web Push subscription (RFC 8030 endpoint with its RFC 8291 keys). */
export const pushSubscriptions = identity.table(
  "push_subscriptions",
  {
    id: identityId(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    /** The push service answered 404/410 (the subscription expired or was removed): never tried again. */
    disabledAt: instant("disabled_at"),
    disabledReason: text("disabled_reason"),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint_key").on(t.endpoint),
    index("push_subscriptions_user_idx").on(t.userId),
  ],
);

/** An outgoing webhook: Slack, Discord, or any https URL (signed, see README "Webhooks"). */
export const alertWebhooks = identity.table(
  "alert_webhooks",
  {
    id: identityId(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    format: text("format", { enum: ["slack", "discord", "json"] }).notNull(),
    createdAt: createdAt(),
    disabledAt: instant("disabled_at"),
    disabledReason: text("disabled_reason"),
  },
  (t) => [
    check("alert_webhooks_format_check", sql`${t.format} in ('slack', 'discord', 'json')`),
    index("alert_webhooks_user_idx").on(t.userId),
  ],
);
