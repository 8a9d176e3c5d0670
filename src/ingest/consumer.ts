import { alertMessage, sendAll } from "../alerts/messages";
import { createTiktokDb, type TiktokDb } from "../db/client";
import { storableErrorMessage } from "../db/errors";
import { disconnectAccount } from "../db/queries/credentials";
import { expireAccessToken, logJobFailure } from "../db/queries/ingest";
import type { Config } from "../env";
import { errorFields, log } from "../log";
import { CallCounter } from "../tiktok/call-counter";
import { createTikTokClient } from "../tiktok/client";
import { TikTokError } from "../tiktok/errors";
import { revokeQueued } from "../connections/revoke";
import { createTokenVault } from "../connections/token-vault";
import { retryDelaySeconds } from "./cadence";
import { decideFailure, type FailureRecord } from "./failure";
import {
  jobKeyOf,
  QueueMessageSchema,
  SLOT_MS,
  utcDay,
  type QueueMessage,
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
 * own write, so one failing account never replays the others. What a failed snapshot or watch
 * job does next is decided by `decideFailure` (./failure.ts) and carried out here. A bad message
 * is logged and acked: retrying cannot help.
 *
 * A revoke message (a disconnect that could not reach TikTok) is retried the same way until TikTok
 * confirms, or says there is nothing left to revoke.
 */
export const DEAD_LETTER_QUEUE = "adam-snapshots-dlq";
/** A job may finish this long after its slot; later, the next cycle's job is the better one. */
const STALE_AFTER_MS = SLOT_MS;
const JOB_DB_TIMEOUT_MS = 20_000;
/**
 * When a watch job that found no first snapshot yet comes back: 5 s (the snapshot is usually being
 * written), then doubling (up to 10 minutes); past the queue's retries the message is dead-lettered
 * and the next day's job reads the 60 days anyway.
 */
export const firstSnapshotWait = (attempt: number) => Math.min(5 * 2 ** Math.max(0, attempt - 1), 600);

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
      const fields = errorFields(error);
      log("error", "planner_failed", { slot: body.slot, ...fields });
      await logJobFailure(db, {
        jobKey: jobKeyOf(body),
        kind: "plan",
        accountId: null,
        status: "failed",
        attempt: message.attempts,
        startedAtMs,
        errorCode: "planner_failed",
        errorMessage: storableErrorMessage(error),
      }).catch((logError: unknown) => log("error", "ingest_log_failed", errorFields(logError)));
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
      errorMessage: storableErrorMessage(error),
    }).catch((logError: unknown) => log("error", "ingest_log_failed", errorFields(logError)));
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
  const fail = failureRecorder(db, message, body, calls, startedAtMs);

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
    await handleFailure(error, message, deps, {
      kind: "snapshot",
      windowOver: deps.now() - body.slot > STALE_AFTER_MS,
      context: { accountId: body.accountId, slot: body.slot, attempt: message.attempts },
      record: fail,
      requeue: () => ({ ...body, reason: "rate_limited" }),
      markAccount: (status, reason) => disconnectAccount(db, { accountId: body.accountId }, status, reason),
      expireToken: () => expireAccessToken(db, body.accountId),
    });
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
  const fail = failureRecorder(db, message, body, calls, startedAtMs);
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
    if (outcome.status === "waiting") message.retry({ delaySeconds: firstSnapshotWait(message.attempts) });
    else message.ack();
  } catch (error) {
    await handleFailure(error, message, deps, {
      kind: "watch",
      windowOver: utcDay(deps.now()) !== body.day,
      context: { accountId: body.accountId, day: body.day, attempt: message.attempts },
      record: fail,
      requeue: () => ({ ...body, reason: "rate_limited" }),
      markAccount: (status, reason) => disconnectWatch(db, body.accountId, status, reason),
      expireToken: () => expireWatchAccessToken(db, body.accountId),
    });
  }
}

/** Writes a failed attempt of the job to the ingest log; a failure to write it is only logged. */
function failureRecorder(
  db: TiktokDb,
  message: Message<unknown>,
  body: SnapshotMessage | WatchMessage,
  calls: CallCounter,
  startedAtMs: number,
) {
  return (record: FailureRecord) =>
    logJobFailure(db, {
      jobKey: body.key,
      kind: body.kind,
      accountId: body.accountId,
      attempt: message.attempts,
      startedAtMs,
      tiktokCalls: calls.total,
      ...record,
    }).catch((error: unknown) => log("error", "ingest_log_failed", errorFields(error)));
}

/** A failed job, and what carrying out its failure decision touches. */
interface FailedJob {
  kind: "snapshot" | "watch";
  /** Its slot (day) is over: see FailedAttempt. */
  windowOver: boolean;
  /** The job, for the log line. */
  context: Record<string, unknown> & { accountId: string };
  record: (record: FailureRecord) => Promise<void>;
  /** The message that replaces this one when TikTok asks for a slower pace. */
  requeue: () => QueueMessage;
  markAccount: (status: "needs_reconnect" | "missing_scopes", reason: string) => Promise<unknown>;
  expireToken: () => Promise<void>;
}

/**
 * Asks `decideFailure` what to do, and does it in its order: the account change, the ingest log
 * row, the new message, then the ack or the retry. If any of it fails (the database is down), the
 * whole job is tried again later.
 */
async function handleFailure(
  error: unknown,
  message: Message<unknown>,
  deps: ConsumerDeps,
  job: FailedJob,
): Promise<void> {
  const decision = decideFailure(
    error,
    { kind: job.kind, attempt: message.attempts, windowOver: job.windowOver, random: deps.random() },
    deps.config.ingest,
  );
  log(decision.log.level, `${job.kind}_${decision.log.what}`, { ...job.context, ...decision.log.fields });
  try {
    if (decision.action === "mark_account") await job.markAccount(decision.status, decision.reason);
    if (decision.action === "expire_token") await job.expireToken();
    if (decision.record) await job.record(decision.record);
    if (decision.action === "requeue") {
      await deps.queue.send(job.requeue(), { contentType: "json", delaySeconds: decision.delaySeconds });
    }
    if (decision.action === "retry" || decision.action === "expire_token") {
      message.retry({ delaySeconds: decision.delaySeconds });
    } else {
      message.ack();
    }
  } catch (handling) {
    log("error", `${job.kind}_failure_handling_failed`, {
      accountId: job.context.accountId,
      ...errorFields(handling),
    });
    message.retry({
      delaySeconds: retryDelaySeconds(message.attempts, deps.config.ingest.retryBaseSeconds, deps.random()),
    });
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
    log("error", "dead_letter_log_failed", { jobKey, ...errorFields(error) });
    message.retry({ delaySeconds: 60 });
  }
}
