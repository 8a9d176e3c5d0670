/**
 * Why signing up, in or out, refreshing or confirming a password was refused: facts of the
 * domain, worded for the user, with no HTTP in them. src/http/errors.ts gives each its status and
 * envelope code (and turns `retryAfterSeconds` into a Retry-After header).
 */
export type AuthRefusal =
  | "email_taken"
  | "invalid_credentials"
  | "account_locked"
  | "lockout_unavailable"
  | "account_suspended"
  | "wrong_password"
  | "no_session"
  | "refresh_token_reused"
  | "session_expired";

/** The refusals that mean the presented refresh token is of no more use: the client drops it. */
const SESSION_ENDED: ReadonlySet<AuthRefusal> = new Set(["no_session", "refresh_token_reused", "session_expired"]);

export class AuthError extends Error {
  override readonly name = "AuthError";
  constructor(
    readonly reason: AuthRefusal,
    message: string,
    /** When trying again may work (a locked account, an unreachable lockout counter). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get endsSession(): boolean {
    return SESSION_ENDED.has(this.reason);
  }
}
