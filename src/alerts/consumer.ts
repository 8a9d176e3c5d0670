import { createTiktokDb, createUsersDb } from "../db/client";
import { describeDatabaseError } from "../db/errors";
import { markDeliveryDead } from "../db/queries/alerts";
import type { Config } from "../env";
import { retryDelaySeconds } from "../ingest/cadence";
import { errorFields, log } from "../log";
import { deliver, type DeliverDeps } from "./deliver";
import { sendDigest } from "./digest";
import { fanOut } from "./fan-out";
import { AlertMessageSchema, MAX_DELAY_SECONDS, type AlertMessage } from "./messages";

/**
 * The `alerts` queue consumer and its dead-letter queue. Each message acks or retries itself:
 *
 * - `alert`: fan out to the holder's channels (deliveries written, one message each);
 * - `deliver`: one claimed send; a 429/5xx/timeout is retried with exponential backoff and
 *   jitter (or the wait the receiver asked for), after the last retry the dead-letter queue's
 *   consumer marks it `dead`; a 404/410 disables the target; anything else is recorded and acked;
 * - `digest`: one user's daily email.
 *
 * A database failure retries the message; a message that finds its delivery in flight waits out
 * the other attempt's lease.
 */
export const ALERTS_QUEUE = "adam-alerts";
export const ALERTS_DEAD_LETTER_QUEUE = "adam-alerts-dlq";
const DB_TIMEOUT_MS = 15_000;

export interface AlertConsumerDeps {
  config: Config;
  queue: Queue;
  now: () => number;
  random: () => number;
}

export function deliverDeps(config: Config, now: () => number): DeliverDeps {
  return {
    db: createTiktokDb(config, { timeoutMs: DB_TIMEOUT_MS }),
    usersDb: createUsersDb(config, { timeoutMs: DB_TIMEOUT_MS }),
    now,
    apiUrl: config.apiUrl,
    dashboardUrl: config.dashboardUrl,
    secret: config.alerts.secret,
    email: config.alerts.email,
    vapid: config.alerts.vapid,
    publicTargetsOnly: config.alerts.publicTargetsOnly,
  };
}

export async function consumeAlertBatch(batch: MessageBatch<unknown>, deps: AlertConsumerDeps): Promise<void> {
  const each = batch.queue === ALERTS_DEAD_LETTER_QUEUE ? recordDead : consumeMessage;
  await Promise.allSettled(batch.messages.map((m) => each(m, deps)));
}

async function consumeMessage(message: Message<unknown>, deps: AlertConsumerDeps): Promise<void> {
  const parsed = AlertMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log("error", "alert_message_invalid", { id: message.id });
    message.ack();
    return;
  }
  const body = parsed.data;
  const backoff = (atLeast = 0) =>
    Math.max(atLeast, retryDelaySeconds(message.attempts, deps.config.alerts.retryBaseSeconds, deps.random()));
  try {
    await handle(body, message, deps, backoff);
  } catch (error) {
    log("error", "alert_job_failed", {
      kind: body.kind,
      attempt: message.attempts,
      ...(describeDatabaseError(error) ?? errorFields(error)),
    });
    // a claimed delivery is left to its lease: the retry comes after it
    message.retry({ delaySeconds: backoff(body.kind === "deliver" ? 65 : 0) });
  }
}

async function handle(
  body: AlertMessage,
  message: Message<unknown>,
  deps: AlertConsumerDeps,
  backoff: (atLeast?: number) => number,
) {
  const { config } = deps;
  const d = deliverDeps(config, deps.now);
  if (body.kind === "alert") {
    const result = await fanOut(
      {
        db: d.db,
        usersDb: d.usersDb,
        queue: deps.queue,
        now: deps.now,
        channels: { email: config.alerts.email !== null, push: config.alerts.vapid !== null },
        maxAgeMs: config.alerts.maxAgeMs,
      },
      body.alertId,
    );
    log("info", "alert_fanned_out", { alertId: body.alertId, ...result });
    message.ack();
    return;
  }
  if (body.kind === "digest") {
    const result = await sendDigest(d, body.userId, body.day);
    log(result.status === "failed" ? "warn" : "info", "alert_digest", {
      userId: body.userId,
      day: body.day,
      status: result.status,
      alerts: result.alerts,
      ...(result.outcome && !result.outcome.ok ? { error: result.outcome.message } : {}),
    });
    if (result.status === "failed" && result.outcome && !result.outcome.ok && result.outcome.kind === "retry") {
      message.retry({ delaySeconds: backoff(result.outcome.retryAfterSeconds) });
    } else message.ack();
    return;
  }
  const result = await deliver(d, body.deliveryId);
  if (result.status === "not_claimed") {
    // in flight elsewhere, or held and not due: come back when that is over; otherwise done
    if (result.current === "sending" || result.current === "held") {
      message.retry({ delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(result.waitMs / 1000) + 5) });
    } else message.ack();
    return;
  }
  if (result.status === "skipped") {
    log("info", "alert_delivery_skipped", { deliveryId: body.deliveryId, reason: result.reason });
    message.ack();
    return;
  }
  const fields = {
    deliveryId: body.deliveryId,
    channel: result.channel,
    attempt: result.attempts,
    status: result.status,
    ...(result.outcome.ok ? {} : { httpStatus: result.outcome.status, error: result.outcome.message }),
  };
  if (result.status === "sent") {
    log("info", "alert_delivered", fields);
    message.ack();
  } else if (result.status === "failed" && !result.outcome.ok) {
    log("warn", "alert_delivery_failed", fields);
    message.retry({ delaySeconds: backoff(result.outcome.retryAfterSeconds) });
  } else {
    // gone (target disabled) or rejected: retrying cannot help
    log("warn", result.status === "gone" ? "alert_target_disabled" : "alert_delivery_rejected", fields);
    message.ack();
  }
}

async function recordDead(message: Message<unknown>, deps: AlertConsumerDeps): Promise<void> {
  const parsed = AlertMessageSchema.safeParse(message.body);
  try {
    if (parsed.success && parsed.data.kind === "deliver") {
      await markDeliveryDead(createTiktokDb(deps.config), parsed.data.deliveryId);
    }
    log("error", "alert_dead_lettered", {
      kind: parsed.success ? parsed.data.kind : "invalid",
      ...(parsed.success && parsed.data.kind === "deliver" ? { deliveryId: parsed.data.deliveryId } : {}),
      ...(parsed.success && parsed.data.kind === "alert" ? { alertId: parsed.data.alertId } : {}),
    });
    message.ack();
  } catch (error) {
    log("error", "alert_dead_letter_failed", describeDatabaseError(error) ?? errorFields(error));
    message.retry({ delaySeconds: 60 });
  }
}
