import { sql } from "drizzle-orm";
import type { TiktokDb } from "../client";
import type { Profile } from "../../tiktok/profile";
import type { SealedTokens } from "./credentials";

export interface ConnectedAccount extends Profile {
  openId: string;
  unionId: string | null;
  grantedScopes: string[];
  status: "active" | "missing_scopes";
  statusReason: string | null;
}

/**
 * Creates or refreshes the account (keyed by TikTok's open_id) with its encrypted tokens, in one
 * statement: either both land or neither. A reconnect makes the account active again and due now,
 * and calls off a pending deletion: the history is kept.
 */
export async function upsertConnectedAccount(
  db: TiktokDb,
  account: ConnectedAccount,
  credentials: SealedTokens,
): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH account AS (
      INSERT INTO tiktok_accounts (open_id, union_id, display_name, username, avatar_url, bio_description,
        profile_deep_link, is_verified, granted_scopes, status, status_reason, next_snapshot_at)
      VALUES (${account.openId}, ${account.unionId}, ${account.displayName}, ${account.username}, ${account.avatarUrl},
        ${account.bioDescription}, ${account.profileDeepLink}, ${account.isVerified},
        ${`{${account.grantedScopes.join(",")}}`}::text[], ${account.status}, ${account.statusReason}, now())
      ON CONFLICT (open_id) DO UPDATE SET union_id = EXCLUDED.union_id, display_name = EXCLUDED.display_name,
        username = EXCLUDED.username, avatar_url = EXCLUDED.avatar_url, bio_description = EXCLUDED.bio_description,
        profile_deep_link = EXCLUDED.profile_deep_link, is_verified = EXCLUDED.is_verified,
        granted_scopes = EXCLUDED.granted_scopes, status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
        next_snapshot_at = now(), delete_after = NULL, updated_at = now()
      RETURNING id
    ), credentials AS (
      INSERT INTO tiktok_credentials (account_id, access_token_ciphertext, refresh_token_ciphertext, key_version, scope,
        access_expires_at, refresh_expires_at)
      SELECT id, ${credentials.accessCiphertext}, ${credentials.refreshCiphertext}, ${credentials.keyVersion},
        ${credentials.scope}, ${credentials.accessExpiresAt.toISOString()}, ${credentials.refreshExpiresAt.toISOString()}
      FROM account
      ON CONFLICT (account_id) DO UPDATE SET access_token_ciphertext = EXCLUDED.access_token_ciphertext,
        refresh_token_ciphertext = EXCLUDED.refresh_token_ciphertext, key_version = EXCLUDED.key_version,
        scope = EXCLUDED.scope, access_expires_at = EXCLUDED.access_expires_at,
        refresh_expires_at = EXCLUDED.refresh_expires_at, version = tiktok_credentials.version + 1,
        refresh_lease_until = NULL, updated_at = now()
    )
    SELECT id::text AS id FROM account`);
  return (rows[0] as { id: string }).id;
}

/** The account's TikTok username (null when TikTok never gave it), or undefined when there is no such account. */
export async function accountUsername(
  db: TiktokDb,
  accountId: string,
): Promise<{ username: string | null } | undefined> {
  const { rows } = await db.execute<{ username: string | null }>(
    sql`SELECT username FROM tiktok_accounts WHERE id = ${accountId}`,
  );
  return rows[0];
}
