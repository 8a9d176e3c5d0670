import type { UsersDb } from "../db/client";
import {
  createSession,
  createUserWithSession,
  findUserForDeletion,
  findUserForLogin,
  revokeSessionFamily,
  rotateSession,
  type NewSession,
  type TokenSubject,
} from "../db/queries/users";
import type { Config } from "../env";
import type { Limiter } from "../limits/limiter";
import { beginPasswordAttempt, LockoutUnavailableError, lockoutKeys, passwordAccepted } from "../limits/login-lockout";
import { userOverride } from "../limits/overrides";
import { log } from "../log";
import { AuthError } from "./errors";
import { signAccessToken } from "./jwt";
import { DECOY_HASH, hashPassword, verifyPassword } from "./password";
import { hashRefreshToken, newRefreshToken } from "./refresh-tokens";

/** What every successful sign-up, login and refresh hands back: a token pair. */
export interface IssuedSession {
  subject: TokenSubject;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  /** When the refresh token expires (ms since the epoch): the sliding or the absolute lifetime, whichever is first. */
  refreshExpiresAt: number;
}

export interface AuthContext {
  db: UsersDb;
  config: Config;
  /** Per-user overrides (a blocked user gets no session). */
  kv: KVNamespace;
  /** Failed-login counters. */
  limiter: Limiter;
  ip: string;
  userAgent: string | null;
  nowMs: number;
}

/** What creating a session needs (signing up needs no counters: its quota is the route's). */
export type SessionContext = Pick<AuthContext, "db" | "config" | "userAgent" | "nowMs">;

/** Emails compare case-insensitively and without surrounding blanks. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function newSession(ctx: SessionContext): Promise<{ token: string; row: NewSession }> {
  const token = newRefreshToken();
  return {
    token,
    row: {
      tokenHash: await hashRefreshToken(token),
      ttlDays: ctx.config.refreshTtlDays,
      maxDays: ctx.config.sessionMaxDays,
      userAgent: ctx.userAgent,
    },
  };
}

async function issue(
  ctx: SessionContext,
  subject: TokenSubject,
  refreshToken: string,
  refreshExpiresAt: number,
): Promise<IssuedSession> {
  const { token, expiresIn } = await signAccessToken(
    { sub: subject.id, tier: subject.tier, tiktokAccountIds: subject.accountIds },
    ctx.config.jwt,
    Math.floor(ctx.nowMs / 1000),
  );
  return { subject, accessToken: token, expiresIn, refreshToken, refreshExpiresAt };
}

export async function signup(ctx: SessionContext, input: { email: string; password: string }): Promise<IssuedSession> {
  const email = normalizeEmail(input.email);
  const session = await newSession(ctx);
  const created = await createUserWithSession(
    ctx.db,
    { email, passwordHash: await hashPassword(input.password) },
    session.row,
  );
  if (!created) throw new AuthError("email_taken", "An account with this email already exists.");
  log("info", "user_signed_up", { userId: created.subject.id });
  return issue(ctx, created.subject, session.token, created.refreshExpiresAt);
}

/**
 * Lets a password be checked for `email` now, or throws: account_locked while the account or the
 * IP is locked, lockout_unavailable when the account's counter cannot be reached (fail closed). Every call counts as an
 * attempt until `passwordAccepted` says it was right.
 */
export async function guardPasswordAttempt(ctx: AuthContext, email: string) {
  const keys = await lockoutKeys(email, ctx.ip);
  let verdict;
  try {
    verdict = await beginPasswordAttempt(ctx.limiter, keys);
  } catch (error) {
    if (!(error instanceof LockoutUnavailableError)) throw error;
    throw new AuthError("lockout_unavailable", "Signing in is briefly unavailable; try again in a minute.", 30);
  }
  if (!verdict.allowed) {
    throw new AuthError("account_locked", "Too many failed logins; try again later.", verdict.retryAfterSeconds);
  }
  return { accepted: () => passwordAccepted(ctx.limiter, keys) };
}

/** An operator blocked the user (the overrides document): no session, whatever they present. */
async function assertNotBlocked(ctx: AuthContext, userId: string): Promise<void> {
  if ((await userOverride(ctx.kv, userId, ctx.nowMs))?.blocked) {
    throw new AuthError("account_suspended", "This account is suspended; contact support.");
  }
}

export async function login(ctx: AuthContext, input: { email: string; password: string }): Promise<IssuedSession> {
  const email = normalizeEmail(input.email);
  const attempt = await guardPasswordAttempt(ctx, email);
  const user = await findUserForLogin(ctx.db, email);
  // An unknown email costs the same PBKDF2 work as a wrong password.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !valid) {
    log("warn", "login_failed", { ip: ctx.ip });
    throw new AuthError("invalid_credentials", "Email or password is incorrect.");
  }
  await attempt.accepted();
  await assertNotBlocked(ctx, user.id);
  const session = await newSession(ctx);
  const expiresAt = await createSession(ctx.db, user.id, session.row);
  return issue(ctx, { id: user.id, tier: user.tier, accountIds: user.accountIds }, session.token, expiresAt);
}

/**
 * The signed-in user gives their password again before something irreversible (deleting the
 * account). It is a password check like a login: counted by the same lockout, so a stolen access
 * token cannot be used to guess the password. False when the user no longer exists.
 */
export async function confirmPassword(ctx: AuthContext, userId: string, password: string): Promise<boolean> {
  const user = await findUserForDeletion(ctx.db, userId);
  if (!user) return false;
  const attempt = await guardPasswordAttempt(ctx, user.email);
  if (!(await verifyPassword(password, user.passwordHash))) {
    log("warn", "password_confirmation_failed", { ip: ctx.ip });
    throw new AuthError("wrong_password", "That password is not right.");
  }
  await attempt.accepted();
  return true;
}

export async function refresh(ctx: AuthContext, presented: string | undefined): Promise<IssuedSession> {
  if (!presented) throw new AuthError("no_session", "No session: log in again.");
  const session = await newSession(ctx);
  const outcome = await rotateSession(ctx.db, await hashRefreshToken(presented), session.row);
  if (outcome.status === "reused") {
    log("warn", "refresh_token_reused", { ip: ctx.ip });
    throw new AuthError(
      "refresh_token_reused",
      "This session was ended because its refresh token was used twice; log in again.",
    );
  }
  if (outcome.status === "invalid") throw new AuthError("session_expired", "Session expired or ended: log in again.");
  try {
    await assertNotBlocked(ctx, outcome.subject.id);
  } catch (error) {
    await revokeSessionFamily(ctx.db, session.row.tokenHash);
    throw error;
  }
  return issue(ctx, outcome.subject, session.token, outcome.refreshExpiresAt);
}

export async function logout(ctx: AuthContext, presented: string | undefined): Promise<void> {
  if (presented) await revokeSessionFamily(ctx.db, await hashRefreshToken(presented));
}
