import { sql } from "drizzle-orm";
import { bigint, check, doublePrecision, index, integer, pgTable, text, unique } from "drizzle-orm/pg-core";
import { accountRef } from "./accounts";
import { createdAt, identityId, instant, updatedAt } from "./columns";

/**
 * The alert outbox. A row is written in the same batch as the anomaly or insight it announces
 * (the snapshot job's one write), once per event: `alert_key` is the event's key, and a
 * re-emitted event finds its row there. `dispatched_at` says the fan-out to the holder's channels
 * is done; a row still without it after a minute is picked up again by the planner's sweep, so
 * an alert survives a job that wrote it and then died before it could queue it.
 */
export const alerts = pgTable(
  "tiktok_alerts",
  {
    id: identityId(),
    accountId: accountRef().notNull(),
    /** `anomaly:<eventKey>`, `fast_start:<videoId>`, `goal:<goalId>`: one alert per event. */
    alertKey: text("alert_key").notNull(),
    kind: text("kind", { enum: ["spike", "drop", "fast_start", "follower_jump", "goal_reached"] }).notNull(),
    videoId: text("video_id"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    confidence: doublePrecision("confidence").notNull(),
    /** When TikTok's figures that revealed it were observed (the snapshot's time). */
    observedAt: instant("observed_at").notNull(),
    createdAt: createdAt(),
    dispatchedAt: instant("dispatched_at"),
    /** Seen in the dashboard's notifications (an account has one holder, so one read state). */
    readAt: instant("read_at"),
  },
  (t) => [
    unique("tiktok_alerts_key").on(t.accountId, t.alertKey),
    check(
      "tiktok_alerts_kind_check",
      sql`${t.kind} in ('spike', 'drop', 'fast_start', 'follower_jump', 'goal_reached')`,
    ),
    index("tiktok_alerts_account_idx").on(t.accountId, t.createdAt.desc()),
    index("tiktok_alerts_undispatched_idx")
      .on(t.createdAt)
      .where(sql`${t.dispatchedAt} IS NULL`),
  ],
);

export const DELIVERY_STATUSES = [
  "pending",
  "held",
  "sending",
  "sent",
  "failed",
  "dead",
  "disabled",
  "rejected",
  "capped",
  "digested",
] as const;

/**
 * One alert on one channel target (an email address, a push subscription, a webhook), or one
 * daily digest. `delivery_key` makes each exactly one row; a delivery is claimed (`sending`, with
 * a lease) before anything is sent, so a redelivered queue message finds it sent or in flight and
 * sends nothing. No foreign key to the user or the target: they live in the users database.
 */
export const alertDeliveries = pgTable(
  "tiktok_alert_deliveries",
  {
    id: identityId(),
    deliveryKey: text("delivery_key").notNull().unique("tiktok_alert_deliveries_key"),
    alertId: bigint("alert_id", { mode: "number" }).references(() => alerts.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" }).notNull(),
    channel: text("channel", { enum: ["email", "push", "webhook", "digest"] }).notNull(),
    /** The push subscription's or webhook's id; 0 for email and digests. */
    targetId: bigint("target_id", { mode: "number" }).notNull().default(0),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** A held delivery goes out from here (the end of the user's quiet hours). */
    releaseAt: instant("release_at"),
    leaseUntil: instant("lease_until"),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: instant("sent_at"),
  },
  (t) => [
    check(
      "tiktok_alert_deliveries_status_check",
      sql`${t.status} in ('pending', 'held', 'sending', 'sent', 'failed', 'dead', 'disabled', 'rejected', 'capped', 'digested')`,
    ),
    index("tiktok_alert_deliveries_user_idx").on(t.userId, t.createdAt),
    index("tiktok_alert_deliveries_alert_idx").on(t.alertId),
    index("tiktok_alert_deliveries_held_idx")
      .on(t.releaseAt)
      .where(sql`${t.status} = 'held'`),
    index("tiktok_alert_deliveries_updated_idx").on(t.updatedAt),
  ],
);
