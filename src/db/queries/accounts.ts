import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AccountSeries } from "../../contract/accounts";
import type { TiktokDb } from "../client";
import { accounts } from "../schema/accounts";
import { videos } from "../schema/videos";

/**
 * The account reads behind the data API, each one round trip over precomputed rows. The caller
 * has already checked that the account is among the token's claims; `undefined` means it does not
 * exist (the API answers both with the same 404).
 */

/** What an account card shows (the account list, /me), as the Drizzle schema types it. */
const cardColumns = {
  id: accounts.id,
  displayName: accounts.displayName,
  username: accounts.username,
  avatarUrl: accounts.avatarUrl,
  status: accounts.status,
  grantedScopes: accounts.grantedScopes,
  lastSyncedAt: accounts.lastSyncedAt,
};

const metricsColumns = {
  ...cardColumns,
  followers: accounts.followerCount,
  following: accounts.followingCount,
  likes: accounts.likesCount,
  videos: accounts.videoCount,
  views: accounts.viewCount,
  engagementRate: accounts.engagementRate,
  summary: accounts.summary,
};

export type AccountCard = Awaited<ReturnType<typeof listAccounts>>[number];
export type AccountMetrics = NonNullable<Awaited<ReturnType<typeof readAccountMetrics>>>;

const bigintIds = (ids: string[]) => ids.map(Number);

export async function listAccounts(db: TiktokDb, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select(cardColumns)
    .from(accounts)
    .where(inArray(accounts.id, bigintIds(ids)))
    .orderBy(accounts.id);
}

export async function readAccountMetrics(db: TiktokDb, accountId: string) {
  return readMetricsWhere(db, eq(accounts.id, Number(accountId)));
}

/** The metrics of the account a video belongs to, for a video of one of `accountIds` (undefined otherwise). */
export async function readVideoOwnerMetrics(db: TiktokDb, videoId: string, accountIds: string[]) {
  if (accountIds.length === 0) return undefined;
  const owner = db
    .select({ id: videos.accountId })
    .from(videos)
    .where(and(eq(videos.id, videoId), inArray(videos.accountId, bigintIds(accountIds))));
  return readMetricsWhere(db, inArray(accounts.id, owner));
}

async function readMetricsWhere(db: TiktokDb, where: SQL) {
  const [row] = await db.select(metricsColumns).from(accounts).where(where);
  return row;
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
