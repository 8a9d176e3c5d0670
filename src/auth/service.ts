import type { UsersDb } from "../db/client";
import {
  createSession,
  createUserWithSession,
  findUserForLogin,
  revokeSessionFamily,
  rotateSession,
  type NewSession,
  type TokenSubject,
} from "../db/queries/users";
import type { Config } from "../env";
import { ApiError } from "../http/errors";
import { clearAccountFailures, lockedFor, lockoutKeys, recordFailedLogin } from "../limits/login-lockout";
import { log } from "../log";
import { signAccessToken } from "./jwt";
import { DECOY_HASH, hashPassword, verifyPassword } from "./password";
import { hashRefreshToken, newRefreshToken } from "./refresh-tokens";

/** What every successful sign-up, login and refresh hands back: a token pair. */
export interface IssuedSession {
  subject: TokenSubject;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

export interface AuthContext {
  db: UsersDb;
  config: Config;
  kv: KVNamespace;
  ip: string;
  userAgent: string | null;
  nowMs: number;
}

/** Emails compare case-insensitively and without surrounding blanks. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function newSession(ctx: AuthContext): Promise<{ token: string; row: NewSession }> {
  const token = newRefreshToken();
  return {
    token,
    row: { tokenHash: await hashRefreshToken(token), ttlDays: ctx.config.refreshTtlDays, userAgent: ctx.userAgent },
  };
}

async function issue(ctx: AuthContext, subject: TokenSubject, refreshToken: string): Promise<IssuedSession> {
  const { token, expiresIn } = await signAccessToken(
    { sub: subject.id, tier: subject.tier, tiktokAccountIds: subject.accountIds },
    ctx.config.jwt,
    Math.floor(ctx.nowMs / 1000),
  );
  return { subject, accessToken: token, expiresIn, refreshToken };
}

export async function signup(ctx: AuthContext, input: { email: string; password: string }): Promise<IssuedSession> {
  const email = normalizeEmail(input.email);
  const session = await newSession(ctx);
  const subject = await createUserWithSession(
    ctx.db,
    { email, passwordHash: await hashPassword(input.password) },
    session.row,
  );
  if (!subject) throw new ApiError("conflict", "An account with this email already exists.");
  log("info", "user_signed_up", { userId: subject.id });
  return issue(ctx, subject, session.token);
}

export async function login(ctx: AuthContext, input: { email: string; password: string }): Promise<IssuedSession> {
  const email = normalizeEmail(input.email);
  const keys = await lockoutKeys(email, ctx.ip);
  const locked = await lockedFor(ctx.kv, keys, ctx.nowMs);
  if (locked > 0) {
    throw new ApiError("rate_limited", "Too many failed logins; try again later.", {
      headers: { "retry-after": String(locked) },
    });
  }
  const user = await findUserForLogin(ctx.db, email);
  // An unknown email costs the same PBKDF2 work as a wrong password.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
  if (!user || !valid) {
    await recordFailedLogin(ctx.kv, keys, ctx.nowMs);
    log("warn", "login_failed", { ip: ctx.ip });
    throw new ApiError("unauthorized", "Email or password is incorrect.");
  }
  await clearAccountFailures(ctx.kv, keys);
  const session = await newSession(ctx);
  await createSession(ctx.db, user.id, session.row);
  return issue(ctx, { id: user.id, tier: user.tier, accountIds: user.accountIds }, session.token);
}

export async function refresh(ctx: AuthContext, presented: string | undefined): Promise<IssuedSession> {
  if (!presented) throw new ApiError("unauthorized", "No session: log in again.");
  const session = await newSession(ctx);
  const outcome = await rotateSession(ctx.db, await hashRefreshToken(presented), session.row);
  if (outcome.status === "reused") {
    log("warn", "refresh_token_reused", { ip: ctx.ip });
    throw new ApiError(
      "unauthorized",
      "This session was ended because its refresh token was used twice; log in again.",
    );
  }
  if (outcome.status === "invalid") throw new ApiError("unauthorized", "Session expired or ended: log in again.");
  return issue(ctx, outcome.subject, session.token);
}

export async function logout(ctx: AuthContext, presented: string | undefined): Promise<void> {
  if (presented) await revokeSessionFamily(ctx.db, await hashRefreshToken(presented));
}
