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

/**
 * The Accounts API's envelope (tiktok-api.md §7): `{ code, message, request_id, data }`, and its
 * errors come back as **HTTP 200** with a non-zero `code`. TikTok's full code table is not in our
 * notes; these are the codes the simulator uses (and Adam's client reads), from TikTok's API for
 * Business conventions:
 */
export const BUSINESS_CODES = {
  /** The token lacks the scope an endpoint or a field needs. */
  no_permission: 40001,
  invalid_params: 40002,
  /** Too many requests (TikTok publishes no number). */
  rate_limited: 40100,
  /** Wrong client_id or client_secret. */
  invalid_client: 40101,
  access_token_expired: 40102,
  access_token_missing: 40104,
  /** Unknown, revoked, or another app's token. */
  access_token_invalid: 40105,
  refresh_token_invalid: 40107,
  auth_code_invalid: 40110,
  internal_error: 50000,
} as const;

export type BusinessErrorName = keyof typeof BUSINESS_CODES;

const BUSINESS_MESSAGE: Record<BusinessErrorName, string> = {
  no_permission: "No permission to operate: the access token lacks the required scope.",
  invalid_params: "Invalid parameters.",
  rate_limited: "Too many requests. Please retry in some time.",
  invalid_client: "Invalid client_id or client_secret.",
  access_token_expired: "The access token has expired.",
  access_token_missing: "Access-Token is missing in the request header.",
  access_token_invalid: "The access token is incorrect or has been revoked.",
  refresh_token_invalid: "The refresh token is invalid, expired or revoked.",
  auth_code_invalid: "The auth code is invalid, expired or already used.",
  internal_error: "System error. Please retry later.",
};

export function businessOk(data: unknown, requestId: string): Reply {
  return json(200, { code: 0, message: "OK", request_id: requestId, data });
}

export function businessError(name: BusinessErrorName, requestId: string, message = BUSINESS_MESSAGE[name]): Reply {
  return json(200, { code: BUSINESS_CODES[name], message, request_id: requestId, data: {} });
}
