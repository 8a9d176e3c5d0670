/**
 * The two error shapes TikTok uses (tiktok-api.md §1.4 and §3.1), defined once. The Display API
 * wraps everything in `{ data, error: { code, message, log_id } }`; the OAuth endpoints answer a
 * flat `{ error, error_description, log_id }`. Mixing them up is a classic client bug, so the
 * simulator keeps them strictly apart.
 */
import { json, type Reply } from "./http.ts";

/** Documented v2 error codes with their HTTP status (tiktok-api.md §3.1). */
export const API_ERROR_STATUS = {
  access_token_invalid: 401,
  scope_not_authorized: 401,
  scope_permission_missed: 400,
  invalid_params: 400,
  rate_limit_exceeded: 429,
  internal_error: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** The docs' description of each code, used when a handler has nothing more specific to say. */
export const API_ERROR_MESSAGE: Record<ApiErrorCode, string> = {
  access_token_invalid: "The access token is invalid or not found in the request.",
  scope_not_authorized: "The user did not authorize the scope required for completing this request.",
  scope_permission_missed: "Access token is invalid, some fields need additional scopes.",
  invalid_params: "One or more fields in request is invalid.",
  rate_limit_exceeded: "The API rate limit was exceeded. Please try again later.",
  internal_error: "This is the generic error code for TikTok internal errors.",
};

export function apiOk(data: unknown, logId: string): Reply {
  return json(200, { data, error: { code: "ok", message: "", log_id: logId } });
}

export function apiError(code: ApiErrorCode, logId: string, message: string = API_ERROR_MESSAGE[code]): Reply {
  return json(API_ERROR_STATUS[code], { data: {}, error: { code, message, log_id: logId } });
}

export type OAuthErrorCode =
  | "access_denied"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_request"
  | "invalid_scope"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "unsupported_response_type"
  | "server_error"
  | "temporarily_unavailable";

/**
 * TikTok does not document which HTTP status comes with each OAuth error (tiktok-api.md §1.4),
 * so the simulator follows RFC 6749 §5.2: 401 for client authentication, 500/503 for its own
 * trouble, 400 otherwise. Clients must read the body whatever the status is.
 */
const OAUTH_STATUS: Partial<Record<OAuthErrorCode, number>> = {
  invalid_client: 401,
  server_error: 500,
  temporarily_unavailable: 503,
};

export function oauthError(error: OAuthErrorCode, description: string, logId: string, status?: number): Reply {
  return json(status ?? OAUTH_STATUS[error] ?? 400, { error, error_description: description, log_id: logId });
}
