import { alertMessage, sendAll } from "../alerts/messages";
import { createTiktokDb, type TiktokDb } from "../db/client";
import { isDatabaseUnavailable, describeDatabaseError } from "../db/errors";
import { disconnectAccount } from "../db/queries/credentials";
import { expireAccessToken, logJobFailure } from "../db/queries/ingest";
import type { Config } from "../env";
import { errorFields, log } from "../log";
import { CallCounter } from "../tiktok/call-counter";
import { createTikTokClient } from "../tiktok/client";
import { NeedsReconnectError } from "../connections/credentials";
import { TikTokError } from "../tiktok/errors";
import { revokeQueued } from "../connections/revoke";
import { createTokenVault } from "../connections/token-vault";
import { retryDelaySeconds } from "./cadence";
import {
  jobKeyOf,
  QueueMessageSchema,
  SLOT_MS,
  utcDay,
  type RevokeMessage,
  type SnapshotMessage,
  type WatchMessage,
} from "./messages";
import { planSlot } from "./planner";
import { runSnapshotJob } from "./snapshot-job";
import { runWatchJob } from "./watch/job";
import { createWatchClient } from "../tiktok/business/client";
import { disconnectWatch, expireWatchAccessToken } from "../db/queries/watch";

/**
 * The `snapshots` queue consumer and its dead-letter queue. Each message is acked right after its
 * own write, so one failing account never replays the others. What happens on failure:
 *
 * - TikTok rate limit: the job is sent again later (a slower pace), not failed; a job whose slot
 *   has passed is dropped, since the next cycle covers it.
 * - transient TikTok or database trouble: retried with exponential backoff and jitter; after the
 *   last retry the queue moves it to the dead-letter queue, whose consumer logs it.
 * - the user must act (invalid_grant, revoked, missing scope): the account is marked, its tokens
 *   wiped, it leaves the schedule, and the message is acked — nothing retries forever.
 * - a bad message or a request TikTok calls invalid: logged and acked; retrying cannot help.
 *
 * A revoke message (a disconnect that could not reach TikTok) is retried the same way until TikTok
 * confirms, or says there is nothing left to revoke.
 */
export const DEAD_LETTER_QUEUE = "adam-snapshots-dlq";
/** A job may finish this long after its slot; later, the next cycle's job is the better one. */
const STALE_AFTER_MS = SLOT_MS;
const JOB_DB_TIMEOUT_MS = 20_000;

interface ConsumerDeps {
  config: Config;
  queue: Queue;
  /** Where a job's new alerts go to be fanned out (the `alerts` queue). */
  alerts: Queue;
  now: () => number;
  random: () => number;
}

export async function consumeBatch(batch: MessageBatch<unknown>, deps: ConsumerDeps): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) {
    await Promise.allSettled(batch.messages.map((m) => recordDeadLetter(m, deps)));
    return;
  }
  // Settled, not all: every message decides its own ack or retry, and one that throws must not
  // end the invocation while its siblings are still between a TikTok refresh and its write.
  await Promise.allSettled(batch.messages.map((m) => consumeMessage(m, deps)));
}

async function consumeMessage(message: Message<unknown>, deps: ConsumerDeps): Promise<void> {
  const parsed = QueueMessageSchema.safeParse(message.body);
  if (!parsed.success) {
    log("error", "queue_message_invalid", { id: message.id, issues: parsed.error.issues.map((i) => i.message) });
    message.ack();
    return;
  }
  const db = createTiktokDb(deps.config, { timeoutMs: JOB_DB_TIMEOUT_MS });
  const body = parsed.data;
  if (body.kind === "plan") {
    const startedAtMs = deps.now();
    try {
      const { spreadSeconds, tiktokBudgetPerMinute } = deps.config.ingest;
      await planSlot({ db, queue: deps.queue, now: deps.now, spreadSeconds, tiktokBudgetPerMinute }, body.slot, {
        after: body.after,
        planned: body.planned,
      });
      message.ack();
    } catch (error) {
      const fields = describeDatabaseError(error) ?? errorFields(error);
      log("error", "planner_failed", { slot: body.slot, ...fields });
      await logJobFailure(db, {
        jobKey: jobKeyOf(body),
        kind: "plan",
        accountId: null,
        status: "failed",
        attempt: message.attempts,
        startedAtMs,
        errorCode: "planner_failed",
        errorMessage: error instanceof Error ? error.message : String(error),
      }).catch((logError: unknown) =>
        log("error", "ingest_log_failed", describeDatabaseError(logError) ?? errorFields(logError)),
      );
      message.retry({
        delaySeconds: retryDelaySeconds(message.attempts, deps.config.ingest.retryBaseSeconds, deps.random()),
      });
    }
    return;
  }
  if (body.kind === "revoke") return consumeRevoke(message, body, db, deps);
  if (body.kind === "watch") return consumeWatch(message, body, db, deps);
  await consumeSnapshot(message, body, db, deps);
}

async function consumeRevoke(message: Message<unknown>, body: RevokeMessage, db: TiktokDb, deps: ConsumerDeps) {
  const startedAtMs = deps.now();
  const { config } = deps;
  try {
    const outcome = await revokeQueued(
      {
        vault: createTokenVault(config.tokenKeys),
        client: createTikTokClient(config.tiktok),
        queue: deps.queue,
        now: deps.now,
      },
      body,
    );
    log("info", "tiktok_revoke_job", { accountId: body.accountId, attempt: message.attempts, outcome });
    message.ack();
  } catch (error) {
    const retryable = !(error instanceof Error) || (error instanceof TikTokError && error.retryable);
    log(retryable ? "warn" : "error", "tiktok_revoke_job_failed", {
      accountId: body.accountId,
      attempt: message.attempts,
      ...(error instanceof TikTokError ? { code: error.code } : errorFields(error)),
    });
    await logJobFailure(db, {
      jobKey: body.key,
      kind: "revoke",
      accountId: body.accountId,
      status: "failed",
      attempt: message.attempts,
      startedAtMs,
      errorCode: error instanceof TikTokError ? error.code : "internal_error",
      errorMessage: error instanceof Error ? error.message : String(error),
    }).catch((logError: unknown) =>
      log("error", "ingest_log_failed", describeDatabaseError(logError) ?? errorFields(logError)),
    );
    // A token the vault cannot open (its key was removed) will not open on a retry either.
    if (error instanceof TikTokError && !error.retryable) message.ack();
    else if (error instanceof Error && error.name === "VaultError") message.ack();
    else
      message.retry({
        delaySeconds: retryDelaySeconds(message.attempts, config.ingest.retryBaseSeconds, deps.random()),
      });
  }
}

async function consumeSnapshot(message: Message<unknown>, body: SnapshotMessage, db: TiktokDb, deps: ConsumerDeps) {
  const startedAtMs = deps.now();
  const calls = new CallCounter();
  const { config } = deps;
  const client = createTikTokClient({ ...config.tiktok, onRequest: calls.onRequest });
  const vault = createTokenVault(config.tokenKeys);
  const fail = (status: "failed" | "skipped", errorCode: string, errorMessage: string) =>
    logJobFailure(db, {
      jobKey: body.key,
      accountId: body.accountId,
      status,
      attempt: message.attempts,
      startedAtMs,
      tiktokCalls: calls.total,
      errorCode,
      errorMessage,
    }).catch((error: unknown) => log("error", "ingest_log_failed", describeDatabaseError(error) ?? errorFields(error)));
  const retryLater = () =>
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts, config.ingest.retryBaseSeconds, deps.random()) });

  try {
    const outcome = await runSnapshotJob(
      { db, client, vault, now: deps.now, calls, alertMinConfidence: config.alerts.minConfidence },
      body,
    );
    log("info", "snapshot_job", {
      accountId: body.accountId,
      slot: body.slot,
      attempt: message.attempts,
      ...(outcome.status === "ok" ? { ...outcome, newAlertIds: outcome.newAlertIds.length } : outcome),
    });
    message.ack();
    if (outcome.status === "ok" && outcome.newAlertIds.length) {
      // The outbox rows are stored already; if this send fails, the planner's sweep sends them.
      await sendAll(
        deps.alerts,
        outcome.newAlertIds.map((id) => ({ body: alertMessage(id) })),
      ).catch((error: unknown) =>
        log("warn", "alert_enqueue_failed", { accountId: body.accountId, ...errorFields(error) }),
      );
    }
  } catch (error) {
    try {
      const context = { accountId: body.accountId, slot: body.slot, attempt: message.attempts };
      if (error instanceof NeedsReconnectError) {
        log("warn", "snapshot_needs_reconnect", { ...context, reason: error.reason });
        await fail("failed", "needs_reconnect", error.message);
        message.ack();
      } else if (error instanceof TikTokError) {
        log("warn", "snapshot_tiktok_error", {
          ...context,
          code: error.code,
          action: error.action,
          logId: error.details.logId,
        });
        if (error.rateLimited) {
          if (deps.now() - body.slot > STALE_AFTER_MS) {
            await fail("skipped", error.code, "rate limited past the end of its slot; the next cycle takes over");
          } else {
            await fail("failed", error.code, "rate limited by TikTok; sent again later");
            const delay = config.ingest.rateLimitDelaySeconds;
            await deps.queue.send(
              { ...body, reason: "rate_limited" },
              { contentType: "json", delaySeconds: Math.round(delay * (1 + deps.random())) },
            );
          }
          message.ack();
        } else if (error.action === "reconnect") {
          await disconnectAccount(
            db,
            { accountId: body.accountId },
            error.code === "invalid_grant" ? "needs_reconnect" : "missing_scopes",
            error.code,
          );
          await fail("failed", error.code, error.message);
          message.ack();
        } else if (error.action === "refresh") {
          await expireAccessToken(db, body.accountId);
          await fail("failed", error.code, "TikTok refused the access token; the retry refreshes it");
          retryLater();
        } else if (error.retryable) {
          await fail("failed", error.code, error.message);
          retryLater();
        } else {
          await fail("failed", error.code, error.message);
          message.ack();
        }
      } else if (isDatabaseUnavailable(error)) {
        log("error", "snapshot_database_unavailable", { ...context, ...describeDatabaseError(error) });
        retryLater();
      } else {
        log("error", "snapshot_job_crashed", { ...context, ...(describeDatabaseError(error) ?? errorFields(error)) });
        await fail("failed", "internal_error", error instanceof Error ? error.message : String(error));
        retryLater();
      }
    } catch (handling) {
      // the failure's own bookkeeping failed (the database is down): try the whole job again later
      log("error", "snapshot_failure_handling_failed", {
        accountId: body.accountId,
        ...(describeDatabaseError(handling) ?? errorFields(handling)),
      });
      retryLater();
    }
  }
}

/**
 * A day's watch-time insights (src/ingest/watch/job.ts), failing as snapshots do: an Accounts API
 * rate limit (40100) sends the job again later the same day, a refused token is refreshed on the
 * retry, a grant TikTok no longer takes ends the watch connection only, transient trouble is
 * retried with backoff into the dead-letter queue.
 */
async function consumeWatch(message: Message<unknown>, body: WatchMessage, db: TiktokDb, deps: ConsumerDeps) {
  const startedAtMs = deps.now();
  const calls = new CallCounter();
  const { config } = deps;
  const retryLater = () =>
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts, config.ingest.retryBaseSeconds, deps.random()) });
  const fail = (status: "failed" | "skipped", errorCode: string, errorMessage: string) =>
    logJobFailure(db, {
      jobKey: body.key,
      kind: "watch",
      accountId: body.accountId,
      status,
      attempt: message.attempts,
      startedAtMs,
      tiktokCalls: calls.total,
      errorCode,
      errorMessage,
    }).catch((error: unknown) => log("error", "ingest_log_failed", describeDatabaseError(error) ?? errorFields(error)));
  if (!config.watch) {
    log("warn", "watch_job_unconfigured", { accountId: body.accountId });
    message.ack();
    return;
  }
  const client = createWatchClient({ ...config.watch, onRequest: calls.onRequest });
  try {
    const outcome = await runWatchJob(
      { db, client, vault: createTokenVault(config.tokenKeys), now: deps.now, calls },
      body,
    );
    log("info", "watch_job", { accountId: body.accountId, day: body.day, attempt: message.attempts, ...outcome });
    message.ack();
  } catch (error) {
    const context = { accountId: body.accountId, day: body.day, attempt: message.attempts };
    try {
      if (error instanceof NeedsReconnectError) {
        log("warn", "watch_needs_reconnect", { ...context, reason: error.reason });
        await fail("failed", "needs_reconnect", error.message);
        message.ack();
      } else if (error instanceof TikTokError) {
        log("warn", "watch_tiktok_error", {
          ...context,
          code: error.code,
          action: error.action,
          logId: error.details.logId,
        });
        if (error.rateLimited) {
          if (utcDay(deps.now()) !== body.day) {
            await fail("skipped", error.code, "rate limited past the end of its day; tomorrow's run takes over");
          } else {
            await fail("failed", error.code, "rate limited by TikTok; sent again later");
            const delay = config.ingest.rateLimitDelaySeconds;
            await deps.queue.send(
              { ...body, reason: "rate_limited" },
              { contentType: "json", delaySeconds: Math.round(delay * (1 + deps.random())) },
            );
          }
          message.ack();
        } else if (error.action === "reconnect") {
          await disconnectWatch(
            db,
            body.accountId,
            error.code === "invalid_grant" ? "needs_reconnect" : "missing_scopes",
            error.code,
          );
          await fail("failed", error.code, error.message);
          message.ack();
        } else if (error.action === "refresh") {
          await expireWatchAccessToken(db, body.accountId);
          await fail("failed", error.code, "TikTok refused the access token; the retry refreshes it");
          retryLater();
        } else if (error.retryable) {
          await fail("failed", error.code, error.message);
          retryLater();
        } else {
          await fail("failed", error.code, error.message);
          message.ack();
        }
      } else if (isDatabaseUnavailable(error)) {
        log("error", "watch_database_unavailable", { ...context, ...describeDatabaseError(error) });
        retryLater();
      } else {
        log("error", "watch_job_crashed", { ...context, ...(describeDatabaseError(error) ?? errorFields(error)) });
        await fail("failed", "internal_error", error instanceof Error ? error.message : String(error));
        retryLater();
      }
    } catch (handling) {
      log("error", "watch_failure_handling_failed", {
        accountId: body.accountId,
        ...(describeDatabaseError(handling) ?? errorFields(handling)),
      });
      retryLater();
    }
  }
}

async function recordDeadLetter(message: Message<unknown>, deps: ConsumerDeps): Promise<void> {
  const parsed = QueueMessageSchema.safeParse(message.body);
  const body = parsed.success ? parsed.data : undefined;
  const jobKey = body ? jobKeyOf(body) : `invalid:${message.id}`;
  try {
    await logJobFailure(createTiktokDb(deps.config), {
      jobKey,
      kind: body?.kind ?? "snapshot",
      accountId: body && body.kind !== "plan" ? body.accountId : null,
      status: "dead_lettered",
      attempt: message.attempts,
      startedAtMs: deps.now(),
      errorCode: "dead_lettered",
      errorMessage: "gave up after the last retry; see the failed attempts of this job key",
    });
    log("error", "snapshot_dead_lettered", { jobKey });
    message.ack();
  } catch (error) {
    log("error", "dead_letter_log_failed", { jobKey, ...(describeDatabaseError(error) ?? errorFields(error)) });
    message.retry({ delaySeconds: 60 });
  }
}
