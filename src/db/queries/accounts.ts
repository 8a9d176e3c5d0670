import { sql, type SQL } from "drizzle-orm";
import type { TiktokDb } from "../client";
import type { AccountStatus } from "../schema/accounts";

/**
 * The account reads behind the data API, each one round trip over precomputed rows. The caller
 * has already checked that the account is among the token's claims; `undefined` means it does not
 * exist (the API answers both with the same 404).
 */

export interface AccountCard {
  id: string;
  displayName: string | null;
  username: string | null;
  avatarUrl: string | null;
  status: AccountStatus;
  grantedScopes: string[];
  lastSyncedAt: string | null;
}

export interface AccountMetrics extends AccountCard {
  followers: number | null;
  following: number | null;
  likes: number | null;
  videos: number | null;
  views: number | null;
  engagementRate: number | null;
  summary: Record<string, unknown>;
}

type CardRow = {
  id: string;
  display_name: string | null;
  username: string | null;
  avatar_url: string | null;
  status: AccountStatus;
  granted_scopes: string[];
  last_synced_at: string | null;
};

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));
const iso = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());

const toCard = (row: CardRow): AccountCard => ({
  id: String(row.id),
  displayName: row.display_name,
  username: row.username,
  avatarUrl: row.avatar_url,
  status: row.status,
  grantedScopes: row.granted_scopes,
  lastSyncedAt: iso(row.last_synced_at),
});

const cardColumns = sql`id::text AS id, display_name, username, avatar_url, status, granted_scopes, last_synced_at`;

export async function listAccounts(db: TiktokDb, ids: string[]): Promise<AccountCard[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.execute<CardRow>(
    sql`SELECT ${cardColumns} FROM tiktok_accounts WHERE id = ANY(${`{${ids.join(",")}}`}::bigint[]) ORDER BY tiktok_accounts.id`,
  );
  return rows.map(toCard);
}

export async function readAccountMetrics(db: TiktokDb, accountId: string): Promise<AccountMetrics | undefined> {
  return readMetricsWhere(db, sql`id = ${accountId}`);
}

/** The metrics of the account a video belongs to, for a video of one of `accountIds` (undefined otherwise). */
export async function readVideoOwnerMetrics(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
): Promise<AccountMetrics | undefined> {
  return readMetricsWhere(
    db,
    sql`id = (SELECT account_id FROM tiktok_videos WHERE id = ${videoId} AND account_id = ANY(${`{${accountIds.join(",")}}`}::bigint[]))`,
  );
}

async function readMetricsWhere(db: TiktokDb, where: SQL): Promise<AccountMetrics | undefined> {
  const { rows } = await db.execute<
    CardRow &
      Record<"follower_count" | "following_count" | "likes_count" | "video_count" | "view_count", string | null> & {
        engagement_rate: number | null;
        summary: Record<string, unknown>;
      }
  >(sql`
    SELECT ${cardColumns}, follower_count, following_count, likes_count, video_count, view_count, engagement_rate, summary
    FROM tiktok_accounts WHERE ${where}`);
  const row = rows[0];
  if (!row) return undefined;
  return {
    ...toCard(row),
    followers: num(row.follower_count),
    following: num(row.following_count),
    likes: num(row.likes_count),
    videos: num(row.video_count),
    views: num(row.view_count),
    engagementRate: row.engagement_rate === null ? null : Number(row.engagement_rate),
    summary: row.summary,
  };
}

/** Column-oriented history: one array per counter, aligned with `t` (slot start, ms since epoch). */
export interface AccountSeries {
  t: number[];
  followers: (number | null)[];
  following: (number | null)[];
  likes: (number | null)[];
  videos: (number | null)[];
  views: (number | null)[];
}

/**
 * The last `days` of account snapshots, counted back from the newest one (so the window is the
 * data's, whatever the reader's clock says).
 */
export async function readAccountSeries(
  db: TiktokDb,
  accountId: string,
  days: number,
): Promise<AccountSeries | undefined> {
  const { rows } = await db.execute<{ series: AccountSeries | null }>(sql`
    SELECT (
      SELECT json_build_object(
        't', coalesce(array_agg((extract(epoch FROM s.slot) * 1000)::bigint ORDER BY s.slot), '{}'),
        'followers', coalesce(array_agg(s.follower_count ORDER BY s.slot), '{}'),
        'following', coalesce(array_agg(s.following_count ORDER BY s.slot), '{}'),
        'likes', coalesce(array_agg(s.likes_count ORDER BY s.slot), '{}'),
        'videos', coalesce(array_agg(s.video_count ORDER BY s.slot), '{}'),
        'views', coalesce(array_agg(s.view_count ORDER BY s.slot), '{}'))
      FROM tiktok_account_snapshots s
      WHERE s.account_id = a.id
        AND s.slot > (SELECT max(slot) FROM tiktok_account_snapshots WHERE account_id = a.id) - make_interval(days => ${days})
    ) AS series
    FROM tiktok_accounts a WHERE a.id = ${accountId}`);
  const row = rows[0];
  if (!row) return undefined;
  return row.series ?? { t: [], followers: [], following: [], likes: [], videos: [], views: [] };
}
