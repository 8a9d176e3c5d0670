import { NeonDbError } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import { NeedsReconnectError } from "../connections/credentials";
import { businessError } from "../tiktok/business/errors";
import { TikTokError } from "../tiktok/errors";
import { decideFailure, type FailedAttempt } from "./failure";

const pacing = { retryBaseSeconds: 10, rateLimitDelaySeconds: 60 };
/** A snapshot job's second delivery, within its slot; random 0.5 puts the jitter mid-range. */
const job: FailedAttempt = { kind: "snapshot", attempt: 2, windowOver: false, random: 0.5 };
/** The backoff of attempt 2 at random 0.5: 10 s doubled once, times 0.75. */
const BACKOFF = 15;

const tiktok = (code: string, details: Partial<TikTokError["details"]> = {}) =>
  new TikTokError(code, "TikTok says no", { endpoint: "video_query", logId: "log-1", ...details });

/** A driver error as @neondatabase/serverless builds it from a Postgres answer. */
function postgresError(code: string, message: string, fields: Partial<NeonDbError> = {}): NeonDbError {
  return Object.assign(new NeonDbError(message), { code, ...fields });
}

describe("decideFailure", () => {
  describe("a TikTok rate limit", () => {
    it("sends the job again later at a slower pace (up to twice the delay) and acks this delivery", () => {
      expect(decideFailure(tiktok("rate_limit_exceeded", { httpStatus: 429 }), job, pacing)).toEqual({
        log: {
          level: "warn",
          what: "tiktok_error",
          fields: { code: "rate_limit_exceeded", action: "retry", logId: "log-1" },
        },
        action: "requeue",
        delaySeconds: 90,
        record: {
          status: "failed",
          errorCode: "rate_limit_exceeded",
          errorMessage: "rate limited by TikTok; sent again later",
        },
      });
    });

    it("paces the same with a Retry-After: the client already waited what it asked (up to 2 s) on its own retries", () => {
      const withHeader = tiktok("rate_limit_exceeded", { httpStatus: 429, retryAfterSeconds: 600 });
      const without = tiktok("rate_limit_exceeded", { httpStatus: 429 });
      expect(decideFailure(withHeader, job, pacing)).toEqual(decideFailure(without, job, pacing));
      expect(decideFailure(withHeader, job, pacing)).toMatchObject({ action: "requeue", delaySeconds: 90 });
    });

    it("is the same for the Accounts API's 40100 (a watch job)", () => {
      const error = businessError(40100, "too many requests", { endpoint: "watch_account", httpStatus: 200 });
      expect(decideFailure(error, { ...job, kind: "watch" }, pacing)).toMatchObject({
        action: "requeue",
        delaySeconds: 90,
      });
    });

    it("drops a snapshot whose slot is over (the next cycle covers it), logged as skipped", () => {
      expect(decideFailure(tiktok("rate_limit_exceeded"), { ...job, windowOver: true }, pacing)).toMatchObject({
        action: "ack",
        record: {
          status: "skipped",
          errorCode: "rate_limit_exceeded",
          errorMessage: "rate limited past the end of its slot; the next cycle takes over",
        },
      });
    });

    it("drops a watch job whose day is over (tomorrow's run covers it)", () => {
      expect(
        decideFailure(tiktok("rate_limit_exceeded"), { ...job, kind: "watch", windowOver: true }, pacing),
      ).toMatchObject({
        action: "ack",
        record: { status: "skipped", errorMessage: "rate limited past the end of its day; tomorrow's run takes over" },
      });
    });
  });

  it.each([
    ["a 5xx", tiktok("http_error", { httpStatus: 503 })],
    ["TikTok's internal_error", tiktok("internal_error", { httpStatus: 500 })],
    ["a network fault", tiktok("network_error")],
    ["a timeout", tiktok("timeout")],
    ["an unreadable answer", tiktok("malformed_response", { httpStatus: 200 })],
  ])("retries %s with exponential backoff, recorded with TikTok's code and message", (_, error) => {
    expect(decideFailure(error, job, pacing)).toEqual({
      log: { level: "warn", what: "tiktok_error", fields: { code: error.code, action: "retry", logId: "log-1" } },
      action: "retry",
      delaySeconds: BACKOFF,
      record: { status: "failed", errorCode: error.code, errorMessage: error.message },
    });
  });

  it("expires an access token TikTok refused, and retries so that the retry refreshes it", () => {
    expect(decideFailure(tiktok("access_token_invalid", { httpStatus: 401 }), job, pacing)).toMatchObject({
      action: "expire_token",
      delaySeconds: BACKOFF,
      record: {
        status: "failed",
        errorCode: "access_token_invalid",
        errorMessage: "TikTok refused the access token; the retry refreshes it",
      },
    });
  });

  it("marks the account needs_reconnect when TikTok no longer takes the grant (revoked, expired)", () => {
    const error = tiktok("invalid_grant", { endpoint: "refresh", httpStatus: 400 });
    expect(decideFailure(error, job, pacing)).toMatchObject({
      action: "mark_account",
      status: "needs_reconnect",
      reason: "invalid_grant",
      record: { status: "failed", errorCode: "invalid_grant", errorMessage: error.message },
    });
  });

  it("marks the account missing_scopes when the user took a scope back", () => {
    expect(decideFailure(tiktok("scope_not_authorized"), job, pacing)).toMatchObject({
      action: "mark_account",
      status: "missing_scopes",
      reason: "scope_not_authorized",
    });
  });

  it("acks a request TikTok calls invalid: the same call cannot succeed later", () => {
    const error = tiktok("invalid_params", { httpStatus: 400 });
    expect(decideFailure(error, job, pacing)).toMatchObject({
      action: "ack",
      record: { status: "failed", errorCode: "invalid_params", errorMessage: error.message },
    });
  });

  it("only logs and acks when the token refresh found the account must reconnect (it marked the account)", () => {
    const error = new NeedsReconnectError("42", "invalid_grant");
    expect(decideFailure(error, job, pacing)).toEqual({
      log: { level: "warn", what: "needs_reconnect", fields: { reason: "invalid_grant" } },
      action: "ack",
      record: {
        status: "failed",
        errorCode: "needs_reconnect",
        errorMessage: "account 42 needs reconnecting: invalid_grant",
      },
    });
  });

  it("retries while the database is unavailable, with no ingest log row (it could not be written)", () => {
    const error = new NeonDbError("Error connecting to database: fetch failed");
    expect(decideFailure(error, job, pacing)).toEqual({
      log: {
        level: "error",
        what: "database_unavailable",
        fields: { error: "NeonDbError", code: "unavailable", message: "the database could not be reached" },
      },
      action: "retry",
      delaySeconds: BACKOFF,
    });
    expect(decideFailure(postgresError("40001", "could not serialize access"), job, pacing)).toMatchObject({
      action: "retry",
      delaySeconds: BACKOFF,
    });
    expect(decideFailure(postgresError("40001", "could not serialize access"), job, pacing)).not.toHaveProperty(
      "record",
    );
  });

  it("retries an unknown error, recorded as internal_error with its message", () => {
    expect(decideFailure(new Error("analytics blew up"), job, pacing)).toMatchObject({
      log: { level: "error", what: "job_crashed", fields: { error: "Error", message: "analytics blew up" } },
      action: "retry",
      delaySeconds: BACKOFF,
      record: { status: "failed", errorCode: "internal_error", errorMessage: "analytics blew up" },
    });
  });

  it("records a database error that is not an outage scrubbed: no values reach the ingest log", () => {
    const error = postgresError("23505", 'duplicate key value violates unique constraint "x_key"', {
      constraint: "x_key",
      detail: "Key (job_key)=(secret-value) already exists.",
    });
    const decision = decideFailure(error, job, pacing);
    expect(decision).toMatchObject({
      log: {
        what: "job_crashed",
        fields: { error: "NeonDbError", code: "23505", message: "unique violation (x_key)" },
      },
      action: "retry",
      record: { status: "failed", errorCode: "internal_error", errorMessage: "23505: unique violation (x_key)" },
    });
    expect(JSON.stringify(decision)).not.toContain("secret-value");
  });

  it("still retries on the last attempt, with the longest backoff: the queue then moves the job to the dead-letter queue", () => {
    // maxRetries 5: the sixth delivery is the last; its retry ends in adam-snapshots-dlq
    expect(decideFailure(tiktok("http_error"), { ...job, attempt: 6 }, pacing)).toMatchObject({
      action: "retry",
      delaySeconds: 240,
    });
    // the backoff stops growing at 15 minutes
    expect(decideFailure(tiktok("http_error"), { ...job, attempt: 12 }, pacing)).toMatchObject({
      action: "retry",
      delaySeconds: 675,
    });
  });

  it("retries at once when the deployment sets no backoff (the tests' INGEST_RETRY_BASE_SECONDS=0)", () => {
    expect(decideFailure(tiktok("timeout"), job, { retryBaseSeconds: 0, rateLimitDelaySeconds: 0 })).toMatchObject({
      action: "retry",
      delaySeconds: 0,
    });
  });
});
