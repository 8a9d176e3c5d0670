import { sql } from "drizzle-orm";
import type { UsersDb } from "../client";
import type { Tier, users } from "../schema/identity";
import { isoInstant, type JsonRow } from "./json-row";

/** What an access token is minted from. */
export interface TokenSubject {
  id: string;
  tier: Tier;
  accountIds: string[];
}

/** A session's new refresh token, and when it expires (ms since the epoch): the cookie's lifetime. */
export interface StartedSession {
  subject: TokenSubject;
  refreshExpiresAt: number;
}

type SubjectRow = {
  id: string;
  tier: Tier;
  account_ids: string[];
};

const toSubject = (row: SubjectRow): TokenSubject => ({
  id: String(row.id),
  tier: row.tier,
  accountIds: row.account_ids,
});

/** The TikTok accounts user `u` holds, as text ids (they go into the JWT as strings). */
const linkedAccounts = sql`array(SELECT l.tiktok_account_id::text FROM identity.user_tiktok_accounts l
  WHERE l.user_id = u.id AND l.released_at IS NULL ORDER BY l.tiktok_account_id)`;

/**
 * A refresh token to store. It expires `ttlDays` after it is issued (the sliding lifetime: each
 * renewal issues the next), and never later than `maxDays` after the password was given (the
 * absolute lifetime, carried from row to row of a family).
 */
export interface NewSession {
  tokenHash: string;
  ttlDays: number;
  maxDays: number;
  userAgent: string | null;
}

/** The first row of a family: the password was given just now. */
const firstExpiry = (s: NewSession) => sql`now() + make_interval(days => least(${s.ttlDays}::int, ${s.maxDays}::int))`;

/** Creates the user and their first session in one statement; undefined when the email is taken. */
export async function createUserWithSession(
  db: UsersDb,
  user: { email: string; passwordHash: string },
  session: NewSession,
): Promise<StartedSession | undefined> {
  const { rows } = await db.execute<SubjectRow & { expires_at: string }>(sql`
    WITH u AS (
      INSERT INTO identity.users (email, password_hash) VALUES (${user.email}, ${user.passwordHash})
      ON CONFLICT (email) DO NOTHING
      RETURNING id, tier
    ), s AS (
      INSERT INTO identity.sessions (family_id, user_id, token_hash, expires_at, user_agent)
      SELECT gen_random_uuid(), id, ${session.tokenHash}, ${firstExpiry(session)}, ${session.userAgent}
      FROM u
      RETURNING expires_at
    )
    SELECT id::text AS id, tier, ARRAY[]::text[] AS account_ids, (SELECT expires_at FROM s) AS expires_at FROM u`);
  const row = rows[0];
  return row ? { subject: toSubject(row), refreshExpiresAt: Date.parse(row.expires_at) } : undefined;
}

export async function findUserForLogin(
  db: UsersDb,
  email: string,
): Promise<(TokenSubject & { passwordHash: string }) | undefined> {
  const { rows } = await db.execute<SubjectRow & { password_hash: string }>(sql`
    SELECT u.id::text AS id, u.tier, u.password_hash, ${linkedAccounts} AS account_ids
    FROM identity.users u WHERE u.email = ${email}`);
  const row = rows[0];
  return row ? { ...toSubject(row), passwordHash: row.password_hash } : undefined;
}

/** A new session family for a user who just gave their password; returns when its token expires. */
export async function createSession(db: UsersDb, userId: string, session: NewSession): Promise<number> {
  const { rows } = await db.execute<{ expires_at: string }>(sql`
    INSERT INTO identity.sessions (family_id, user_id, token_hash, expires_at, user_agent)
    VALUES (gen_random_uuid(), ${userId}, ${session.tokenHash}, ${firstExpiry(session)}, ${session.userAgent})
    RETURNING expires_at`);
  return Date.parse((rows[0] as { expires_at: string }).expires_at);
}

export type RefreshOutcome = ({ status: "rotated" } & StartedSession) | { status: "reused" } | { status: "invalid" };

/**
 * Rotates a refresh token in one statement: the presented token is marked rotated and its
 * successor (same family) inserted; presenting an already-rotated token revokes the whole family,
 * since only a thief or a replay would hold it. Two concurrent refreshes with the same token
 * cannot both rotate: the row lock lets one win and the other finds nothing to rotate. The
 * successor inherits the family's `authenticated_at`, so its expiry is capped by the absolute
 * lifetime: once that is reached, no renewal is possible and the user logs in again.
 */
export async function rotateSession(db: UsersDb, presentedHash: string, next: NewSession): Promise<RefreshOutcome> {
  const { rows } = await db.execute<{ outcome: string; expires_at: string | null } & Partial<SubjectRow>>(sql`
    WITH target AS (
      SELECT id, family_id, user_id, rotated_at FROM identity.sessions WHERE token_hash = ${presentedHash}
    ), rotated AS (
      UPDATE identity.sessions s SET rotated_at = now()
      FROM target t
      WHERE s.id = t.id AND s.rotated_at IS NULL AND s.revoked_at IS NULL AND s.expires_at > now()
        AND s.authenticated_at + make_interval(days => ${next.maxDays}) > now()
      RETURNING s.family_id, s.user_id, s.authenticated_at
    ), successor AS (
      INSERT INTO identity.sessions (family_id, user_id, token_hash, authenticated_at, expires_at, user_agent)
      SELECT family_id, user_id, ${next.tokenHash}, authenticated_at,
        least(now() + make_interval(days => ${next.ttlDays}), authenticated_at + make_interval(days => ${next.maxDays})),
        ${next.userAgent}
      FROM rotated
      RETURNING user_id, expires_at
    ), revoked AS (
      UPDATE identity.sessions s SET revoked_at = now()
      FROM target t
      WHERE t.rotated_at IS NOT NULL AND s.family_id = t.family_id AND s.revoked_at IS NULL
      RETURNING s.id
    )
    SELECT 'rotated' AS outcome, u.id::text AS id, u.tier, ${linkedAccounts} AS account_ids, successor.expires_at
      FROM successor JOIN identity.users u ON u.id = successor.user_id
    UNION ALL
    SELECT 'reused', NULL, NULL, NULL, NULL FROM target WHERE target.rotated_at IS NOT NULL`);
  const row = rows[0];
  if (row?.outcome === "rotated") {
    return {
      status: "rotated",
      subject: toSubject(row as SubjectRow),
      refreshExpiresAt: Date.parse(row.expires_at as string),
    };
  }
  if (row?.outcome === "reused") return { status: "reused" };
  return { status: "invalid" };
}

/** Ends the session family the token belongs to (every rotation of it). */
export async function revokeSessionFamily(db: UsersDb, presentedHash: string): Promise<void> {
  await db.execute(sql`
    UPDATE identity.sessions SET revoked_at = now()
    WHERE revoked_at IS NULL
      AND family_id = (SELECT family_id FROM identity.sessions WHERE token_hash = ${presentedHash})`);
}

/** The user as /me shows them: the users table's columns (typed from its Drizzle schema) and the accounts held. */
export type Profile = JsonRow<Pick<typeof users.$inferSelect, "email" | "tier" | "createdAt">> & {
  id: string;
  tiktokAccountIds: string[];
};

export async function readProfile(db: UsersDb, userId: string): Promise<Profile | undefined> {
  const { rows } = await db.execute<Profile>(sql`
    SELECT u.id::text AS id, u.email, u.tier, u.created_at AS "createdAt", ${linkedAccounts} AS "tiktokAccountIds"
    FROM identity.users u WHERE u.id = ${userId}`);
  const row = rows[0];
  return row && { ...row, createdAt: isoInstant(row.createdAt) };
}

/**
 * Gives the account to the user whose connect TikTok just confirmed: TikTok's consent is the
 * authority, so whoever held it before loses it in the same statement (an account has one holder).
 * From their next access token on it is in the new holder's claims and out of the old one's.
 * Returns the previous holder, if it was someone else.
 */
export async function claimAccount(db: UsersDb, userId: string, accountId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ previous: string | null }>(sql`
    WITH previous AS (
      SELECT user_id FROM identity.user_tiktok_accounts WHERE tiktok_account_id = ${accountId}
    ), claimed AS (
      INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id) VALUES (${userId}, ${accountId})
      ON CONFLICT (tiktok_account_id) DO UPDATE SET user_id = EXCLUDED.user_id, created_at = now(), released_at = NULL
      RETURNING user_id
    )
    SELECT (SELECT user_id::text FROM previous WHERE user_id <> ${userId}) AS previous FROM claimed`);
  return rows[0]?.previous ?? undefined;
}

/** Whether the user holds the account now (the database's word, not a token's claims). */
export async function holdsAccount(db: UsersDb, userId: string, accountId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    SELECT 1 FROM identity.user_tiktok_accounts
    WHERE user_id = ${userId} AND tiktok_account_id = ${accountId} AND released_at IS NULL`);
  return rows.length > 0;
}

/** The accounts the user holds now, as text ids. */
export async function heldAccounts(db: UsersDb, userId: string): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT tiktok_account_id::text AS id FROM identity.user_tiktok_accounts
    WHERE user_id = ${userId} AND released_at IS NULL ORDER BY tiktok_account_id`);
  return rows.map((r) => r.id);
}

/**
 * The accounts whose history is the user's: those they hold, and those they let go of whose
 * history waits out its grace period (nobody has connected them since). What their export holds
 * and what deleting their Adam account erases.
 */
export async function accountsOfUser(db: UsersDb, userId: string): Promise<{ held: string[]; released: string[] }> {
  const { rows } = await db.execute<{ id: string; released: boolean }>(sql`
    SELECT tiktok_account_id::text AS id, released_at IS NOT NULL AS released FROM identity.user_tiktok_accounts
    WHERE user_id = ${userId} ORDER BY tiktok_account_id`);
  return {
    held: rows.filter((r) => !r.released).map((r) => r.id),
    released: rows.filter((r) => r.released).map((r) => r.id),
  };
}

/** The user lets go of the account; false when they did not hold it (any more). */
export async function releaseAccount(db: UsersDb, userId: string, accountId: string): Promise<boolean> {
  const { rowCount } = await db.execute(sql`
    UPDATE identity.user_tiktok_accounts SET released_at = now()
    WHERE user_id = ${userId} AND tiktok_account_id = ${accountId} AND released_at IS NULL`);
  return (rowCount ?? 0) > 0;
}

/**
 * Ends the hold made before `before` (TikTok's time of a removed authorisation): the consent it
 * rested on is gone. A hold made after it, by a reconnect, stays. Returns how many ended.
 */
export async function unlinkAccount(db: UsersDb, accountId: string, before: Date): Promise<number> {
  const { rowCount } = await db.execute(sql`
    UPDATE identity.user_tiktok_accounts SET released_at = now()
    WHERE tiktok_account_id = ${accountId} AND created_at < ${before.toISOString()} AND released_at IS NULL`);
  return rowCount ?? 0;
}

export async function saveOAuthState(
  db: UsersDb,
  stateHash: string,
  userId: string,
  ttlSeconds: number,
  /** A watch-time insights flow names the account it adds them to. */
  watchAccountId?: string,
): Promise<void> {
  await db.execute(sql`
    INSERT INTO identity.oauth_states (state_hash, user_id, expires_at, purpose, tiktok_account_id)
    VALUES (${stateHash}, ${userId}, now() + make_interval(secs => ${ttlSeconds}),
      ${watchAccountId === undefined ? "connect" : "watch"}, ${watchAccountId ?? null})`);
}

/**
 * Consumes a state: deleted as it is read, so a replay finds nothing. Says which flow it was
 * made for (each callback refuses the other's) and, for watch-time insights, the account.
 */
export async function consumeOAuthState(
  db: UsersDb,
  stateHash: string,
): Promise<{ userId: string; expired: boolean; purpose: "connect" | "watch"; accountId: string | null } | undefined> {
  const { rows } = await db.execute<{
    user_id: string;
    expired: boolean;
    purpose: "connect" | "watch";
    account_id: string | null;
  }>(sql`
    DELETE FROM identity.oauth_states WHERE state_hash = ${stateHash}
    RETURNING user_id::text AS user_id, expires_at < now() AS expired, purpose, tiktok_account_id::text AS account_id`);
  const row = rows[0];
  return row
    ? { userId: row.user_id, expired: row.expired, purpose: row.purpose, accountId: row.account_id }
    : undefined;
}

export async function findUserForDeletion(
  db: UsersDb,
  userId: string,
): Promise<{ email: string; passwordHash: string } | undefined> {
  const { rows } = await db.execute<{ email: string; password_hash: string }>(sql`
    SELECT email, password_hash FROM identity.users WHERE id = ${userId}`);
  const row = rows[0];
  return row ? { email: row.email, passwordHash: row.password_hash } : undefined;
}

/** Deletes the user; their sessions, links and OAuth states go with them (ON DELETE CASCADE). */
export async function deleteUserRow(db: UsersDb, userId: string): Promise<boolean> {
  const { rowCount } = await db.execute(sql`DELETE FROM identity.users WHERE id = ${userId}`);
  return (rowCount ?? 0) > 0;
}
