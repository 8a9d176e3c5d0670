import { NeedsReconnectError } from "../connections/credentials";
import { describeDatabaseError, isDatabaseUnavailable, storableErrorMessage } from "../db/errors";
import { errorFields, type LogLevel } from "../log";
import { TikTokError } from "../tiktok/errors";
import { retryDelaySeconds } from "./cadence";

/**
 * What a failed snapshot or watch job does next, decided from the error alone (no I/O): the
 * consumer carries it out. In order: the account change (mark it, or expire its access token),
 * the ingest log's row, a fresh message for a re-paced job, then the ack or the retry.
 *
 * - the user must act (invalid_grant, revoked, missing scope): the account is marked and the
 *   message acked, so nothing retries forever; when the token refresh found it out
 *   (NeedsReconnectError) it marked the account already, so the job is only logged and acked.
 * - TikTok rate limit: the job is sent again later at a slower pace and this message acked; a job
 *   whose slot (day) is over is dropped instead, since the next one covers it.
 * - TikTok refused the access token: it is expired, so the retry refreshes it.
 * - transient TikTok trouble, an unknown error: retried with exponential backoff and jitter;
 *   after the last retry the queue moves the message to the dead-letter queue.
 * - the database is unavailable: retried the same way, with no ingest log row (it would not be
 *   written either).
 * - a request TikTok calls invalid: logged and acked; retrying cannot help.
 */
export type FailureDecision = { log: FailureLog } & (
  | { action: "ack"; record: FailureRecord }
  | { action: "retry"; delaySeconds: number; record?: FailureRecord }
  | { action: "requeue"; delaySeconds: number; record: FailureRecord }
  | { action: "mark_account"; status: "needs_reconnect" | "missing_scopes"; reason: string; record: FailureRecord }
  | { action: "expire_token"; delaySeconds: number; record: FailureRecord }
);

/** The ingest log's row for the attempt. */
export interface FailureRecord {
  status: "failed" | "skipped";
  errorCode: string;
  /** Never a database error's own text (see scrubDbError). */
  errorMessage: string;
}

/** The log line: its event is `<job kind>_<what>` (snapshot_tiktok_error, watch_job_crashed, …). */
export interface FailureLog {
  level: LogLevel;
  what: "needs_reconnect" | "tiktok_error" | "database_unavailable" | "job_crashed";
  fields: Record<string, unknown>;
}

export interface FailedAttempt {
  kind: "snapshot" | "watch";
  /** The queue's delivery attempt, 1 for the first. */
  attempt: number;
  /** The job's slot (a watch job's day) is over: the next job covers what this one would have. */
  windowOver: boolean;
  /** A uniform draw in [0, 1) for the jitter. */
  random: number;
}

export interface Pacing {
  /** The first retry's backoff (INGEST_RETRY_BASE_SECONDS); it doubles per attempt. */
  retryBaseSeconds: number;
  /** How much later a rate-limited job is sent again (INGEST_RATE_LIMIT_DELAY_SECONDS), jittered up to twice that. */
  rateLimitDelaySeconds: number;
}

const NEXT_JOB = {
  snapshot: "rate limited past the end of its slot; the next cycle takes over",
  watch: "rate limited past the end of its day; tomorrow's run takes over",
} as const;

export function decideFailure(error: unknown, job: FailedAttempt, pacing: Pacing): FailureDecision {
  const backoff = retryDelaySeconds(job.attempt, pacing.retryBaseSeconds, job.random);
  if (error instanceof NeedsReconnectError) {
    return {
      log: { level: "warn", what: "needs_reconnect", fields: { reason: error.reason } },
      action: "ack",
      record: { status: "failed", errorCode: "needs_reconnect", errorMessage: error.message },
    };
  }
  if (error instanceof TikTokError) {
    const log: FailureLog = {
      level: "warn",
      what: "tiktok_error",
      fields: { code: error.code, action: error.action, logId: error.details.logId },
    };
    const failed = (errorMessage = error.message): FailureRecord => ({
      status: "failed",
      errorCode: error.code,
      errorMessage,
    });
    if (error.rateLimited) {
      if (job.windowOver) {
        return {
          log,
          action: "ack",
          record: { status: "skipped", errorCode: error.code, errorMessage: NEXT_JOB[job.kind] },
        };
      }
      return {
        log,
        action: "requeue",
        delaySeconds: Math.round(pacing.rateLimitDelaySeconds * (1 + job.random)),
        record: failed("rate limited by TikTok; sent again later"),
      };
    }
    if (error.action === "reconnect") {
      const status = error.code === "invalid_grant" ? "needs_reconnect" : "missing_scopes";
      return { log, action: "mark_account", status, reason: error.code, record: failed() };
    }
    if (error.action === "refresh") {
      return {
        log,
        action: "expire_token",
        delaySeconds: backoff,
        record: failed("TikTok refused the access token; the retry refreshes it"),
      };
    }
    if (error.retryable) return { log, action: "retry", delaySeconds: backoff, record: failed() };
    return { log, action: "ack", record: failed() };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      log: { level: "error", what: "database_unavailable", fields: { ...describeDatabaseError(error) } },
      action: "retry",
      delaySeconds: backoff,
    };
  }
  return {
    log: { level: "error", what: "job_crashed", fields: errorFields(error) },
    action: "retry",
    delaySeconds: backoff,
    record: { status: "failed", errorCode: "internal_error", errorMessage: storableErrorMessage(error) },
  };
}
