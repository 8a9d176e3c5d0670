/**
 * Every way a TikTok call can fail, as one error type that says what the caller should do:
 * - "retry": transient (429, 5xx, network, timeout, an unreadable body); backing off helps
 * - "refresh": the access token is no longer accepted; refresh it, then retry once
 * - "reconnect": the user must authorise again (revoked, expired refresh token, missing scope)
 * - "fix_request": our request or configuration is wrong; retrying the same call cannot help
 */
export type TikTokAction = "retry" | "refresh" | "reconnect" | "fix_request";

/** Display API error codes (tiktok-api.md §3.1) and OAuth error categories (§1.4) mapped to actions. */
const ACTIONS: Record<string, TikTokAction> = {
  access_token_invalid: "refresh",
  scope_not_authorized: "reconnect",
  // Our `fields` asked for more than the scopes allow: our bug, not the user's to fix.
  scope_permission_missed: "fix_request",
  invalid_params: "fix_request",
  rate_limit_exceeded: "retry",
  internal_error: "retry",
  invalid_grant: "reconnect",
  access_denied: "reconnect",
  invalid_client: "fix_request",
  invalid_request: "fix_request",
  invalid_scope: "fix_request",
  unauthorized_client: "fix_request",
  unsupported_grant_type: "fix_request",
  unsupported_response_type: "fix_request",
  server_error: "retry",
  temporarily_unavailable: "retry",
  // ours, for failures that never produced a TikTok answer
  network_error: "retry",
  timeout: "retry",
  malformed_response: "retry",
  http_error: "retry",
};

export class TikTokError extends Error {
  override readonly name = "TikTokError";
  readonly action: TikTokAction;

  constructor(
    /** TikTok's `error.code` / OAuth `error`, or network_error, timeout, malformed_response, http_error. */
    readonly code: string,
    message: string,
    readonly details: {
      endpoint: string;
      httpStatus?: number;
      logId?: string;
      retryAfterSeconds?: number;
      /** The Accounts API's numeric `code`, when the error came from it. */
      businessCode?: number;
      /** Overrides the action the code implies (the Accounts API's refresh endpoint: a refused token means reconnect). */
      action?: TikTokAction;
    },
  ) {
    super(`${details.endpoint}: ${code}${message ? `: ${message}` : ""}`);
    this.action =
      details.action ??
      ACTIONS[code] ??
      (details.httpStatus !== undefined && details.httpStatus >= 500 ? "retry" : "fix_request");
  }

  get retryable(): boolean {
    return this.action === "retry";
  }

  get rateLimited(): boolean {
    return this.code === "rate_limit_exceeded";
  }
}
