import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AuthError, type AuthRefusal } from "../auth/errors";
import { ERROR_STATUS, type ErrorCode } from "../contract/error-codes";

/**
 * The one error envelope of the API: `{"error":{"code","message","request_id"[,"details"]}}`.
 * Every failure, from a bad query string to a crashed handler, leaves through here.
 */
export { ERROR_STATUS, type ErrorCode } from "../contract/error-codes";

export interface ErrorDetail {
  path?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string, details?: ErrorDetail[]) {
  return { error: { code, message, request_id: requestId, ...(details?.length ? { details } : {}) } };
}

export function errorResponse(c: Context, error: ApiError): Response {
  const requestId = (c.get("requestId") as string | undefined) ?? "unknown";
  return c.json(errorBody(error.code, error.message, requestId, error.options.details), error.status, {
    "cache-control": "no-store",
    ...error.options.headers,
  });
}

/** What each refusal of the auth domain (src/auth/errors.ts) answers. */
const AUTH_CODES = {
  email_taken: "conflict",
  invalid_credentials: "unauthorized",
  account_locked: "rate_limited",
  lockout_unavailable: "temporarily_unavailable",
  account_suspended: "forbidden",
  wrong_password: "forbidden",
  no_session: "unauthorized",
  refresh_token_reused: "unauthorized",
  session_expired: "unauthorized",
} as const satisfies Record<AuthRefusal, ErrorCode>;

/**
 * A domain error as the API answers it, or undefined for any other error. The one place where
 * the domains' refusals meet HTTP.
 */
export function apiErrorOf(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof AuthError) {
    const retryAfter = error.retryAfterSeconds;
    return new ApiError(
      AUTH_CODES[error.reason],
      error.message,
      retryAfter === undefined ? {} : { headers: { "retry-after": String(retryAfter) } },
    );
  }
  return undefined;
}
