import { sql, type SQL } from "drizzle-orm";
import type { TiktokDb } from "../client";

/**
 * Encrypted TikTok credentials (src/connections/token-vault) and the refresh lease: a refresh token
 * rotates on use, so two jobs refreshing one account at once would kill each other's token. The
 * job that finds the access token close to expiry takes a short lease in the same statement that
 * reads the credentials; others wait for the version to move.
 */
/** Longer than a refresh's worst case: TikTok's answer (10 s) and the write's retries (about 80 s). */
export const REFRESH_LEASE_SECONDS = 120;

/**
 * A CTE named `lease` that takes the refresh lease when the access token expires before
 * `refreshBefore`, no other job holds it, and `onlyIf` (the job will really run) holds.
 */
export function refreshLease(accountId: string, refreshBefore: Date, onlyIf: SQL = sql`true`): SQL {
  return sql`lease AS (
    UPDATE tiktok_credentials SET refresh_lease_until = now() + make_interval(secs => ${REFRESH_LEASE_SECONDS})
    WHERE account_id = ${accountId} AND access_expires_at < ${refreshBefore.toISOString()}
      AND (refresh_lease_until IS NULL OR refresh_lease_until < now()) AND ${onlyIf}
    RETURNING account_id
  )`;
}

export interface StoredCredentials {
  accountId: string;
  openId: string;
  accessCiphertext: string;
  refreshCiphertext: string;
  keyVersion: number;
  scope: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  version: number;
  /** True when this read took the refresh lease (the token needs refreshing and nobody else is). */
  leased: boolean;
}

type CredentialsRow = {
  account_id: string;
  open_id: string;
  access_token_ciphertext: string;
  refresh_token_ciphertext: string;
  key_version: number;
  scope: string;
  access_expires_at: string;
  refresh_expires_at: string;
  version: number;
  leased: boolean;
};

export function toStoredCredentials(row: CredentialsRow): StoredCredentials {
  return {
    accountId: String(row.account_id),
    openId: row.open_id,
    accessCiphertext: row.access_token_ciphertext,
    refreshCiphertext: row.refresh_token_ciphertext,
    keyVersion: row.key_version,
    scope: row.scope,
    accessExpiresAt: Date.parse(row.access_expires_at),
    refreshExpiresAt: Date.parse(row.refresh_expires_at),
    version: row.version,
    leased: row.leased,
  };
}

/**
 * The credentials, taking the refresh lease when the access token expires before `refreshBefore`
 * and no other job holds it. One statement: the decision and the lease are atomic.
 */
export async function readCredentials(
  db: TiktokDb,
  accountId: string,
  refreshBefore: Date,
): Promise<StoredCredentials | undefined> {
  const { rows } = await db.execute<CredentialsRow>(sql`
    WITH ${refreshLease(accountId, refreshBefore)}
    SELECT c.account_id::text AS account_id, a.open_id, c.access_token_ciphertext, c.refresh_token_ciphertext,
      c.key_version, c.scope, c.access_expires_at, c.refresh_expires_at, c.version,
      EXISTS (SELECT 1 FROM lease) AS leased
    FROM tiktok_credentials c JOIN tiktok_accounts a ON a.id = c.account_id
    WHERE c.account_id = ${accountId}`);
  return rows[0] ? toStoredCredentials(rows[0]) : undefined;
}

/** An access/refresh pair as stored: vault ciphertexts, the key version and the lifetimes. */
export interface SealedTokens {
  accessCiphertext: string;
  refreshCiphertext: string;
  keyVersion: number;
  scope: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

/**
 * Stores a refreshed pair in one write, only over the version it was refreshed from, and
 * releases the lease. False when someone else wrote first (then their pair is the live one).
 */
export const storeRotatedTokens = (db: TiktokDb, accountId: string, fromVersion: number, tokens: SealedTokens) =>
  storeRotatedPair(db, "tiktok_credentials", accountId, fromVersion, tokens);

/** Where a grant's tokens live: the Display API's credentials, or the Accounts API's. */
export type TokenTable = "tiktok_credentials" | "tiktok_watch_credentials";

/** `storeRotatedTokens` for either API's table: both hold the same sealed pair, version and lease. */
export async function storeRotatedPair(
  db: TiktokDb,
  table: TokenTable,
  accountId: string,
  fromVersion: number,
  tokens: SealedTokens,
): Promise<boolean> {
  const { rows } = await db.execute<{ version: number }>(sql`
    UPDATE ${sql.identifier(table)} SET access_token_ciphertext = ${tokens.accessCiphertext},
      refresh_token_ciphertext = ${tokens.refreshCiphertext}, key_version = ${tokens.keyVersion}, scope = ${tokens.scope},
      access_expires_at = ${tokens.accessExpiresAt.toISOString()}, refresh_expires_at = ${tokens.refreshExpiresAt.toISOString()},
      version = version + 1, refresh_lease_until = NULL, updated_at = now()
    WHERE account_id = ${accountId} AND version = ${fromVersion}
    RETURNING version`);
  return rows.length === 1;
}

/**
 * Marks the account as needing the user again (or as revoked), wipes its tokens, and so takes it
 * off the schedule. A revoked account stays revoked: only a reconnect makes it anything else (a
 * job that was already running when its holder disconnected must not relabel it).
 */
export async function disconnectAccount(
  db: TiktokDb,
  where: { accountId: string } | { openId: string },
  status: "needs_reconnect" | "missing_scopes" | "revoked",
  reason: string,
  /**
   * Only when the credentials are still the ones the failure was about: written before `before`
   * (a webhook's event time) or at `version` (the pair a refresh failed with). A reconnect after
   * the failure keeps its fresh tokens and its status.
   */
  still: { before?: Date; version?: number } = {},
  /** Nobody holds the account any more: its history is deleted this many days from now (or sooner if already set). */
  schedule: { deleteAfterDays?: number } = {},
): Promise<string | undefined> {
  const match = "accountId" in where ? sql`a.id = ${where.accountId}` : sql`a.open_id = ${where.openId}`;
  const newer = [
    ...(still.before ? [sql`c.updated_at >= ${still.before.toISOString()}`] : []),
    ...(still.version !== undefined ? [sql`c.version <> ${still.version}`] : []),
  ];
  const guard = newer.length
    ? sql`AND NOT EXISTS (SELECT 1 FROM tiktok_credentials c WHERE c.account_id = a.id AND (${sql.join(newer, sql` OR `)}))`
    : sql``;
  const deleteAfter =
    schedule.deleteAfterDays === undefined
      ? sql`a.delete_after`
      : sql`least(a.delete_after, now() + make_interval(days => ${schedule.deleteAfterDays}))`;
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH account AS (
      UPDATE tiktok_accounts a SET status = ${status}, status_reason = ${reason}, delete_after = ${deleteAfter},
        updated_at = now()
      WHERE ${match} AND a.status <> 'revoked' ${guard} RETURNING a.id
    ), wiped AS (
      DELETE FROM tiktok_credentials WHERE account_id IN (SELECT id FROM account)
    )
    SELECT id::text AS id FROM account`);
  return rows[0]?.id;
}
