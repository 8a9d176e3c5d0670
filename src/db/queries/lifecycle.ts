import { sql } from "drizzle-orm";
import type { TiktokDb } from "../client";

/** The TikTok side of an account's end: finding it, and deleting it with its whole history. */

export async function accountIdForOpenId(db: TiktokDb, openId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT id::text AS id FROM tiktok_accounts WHERE open_id = ${openId}`,
  );
  return rows[0]?.id;
}

/**
 * Deletes the account and everything stored about it, in one statement: credentials, snapshots,
 * daily closes, videos and their snapshots, anomalies and insights go with it (foreign keys with
 * ON DELETE CASCADE), and its ingest log rows are deleted beside it. False when it was not there.
 */
export async function eraseAccount(db: TiktokDb, accountId: string): Promise<boolean> {
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH erased AS (DELETE FROM tiktok_accounts WHERE id = ${accountId} RETURNING id),
    logs AS (DELETE FROM tiktok_ingest_logs WHERE account_id IN (SELECT id FROM erased))
    SELECT id::text AS id FROM erased`);
  return rows.length > 0;
}

/** Accounts whose grace period ended before `at`, at most `limit` of them, deleted as `eraseAccount` does. */
export async function eraseDueAccounts(db: TiktokDb, at: string, limit: number): Promise<number> {
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH erased AS (
      DELETE FROM tiktok_accounts WHERE id IN (
        SELECT id FROM tiktok_accounts WHERE delete_after < ${at}::timestamptz ORDER BY delete_after LIMIT ${limit})
      RETURNING id
    ), logs AS (DELETE FROM tiktok_ingest_logs WHERE account_id IN (SELECT id FROM erased))
    SELECT id::text AS id FROM erased`);
  return rows.length;
}
