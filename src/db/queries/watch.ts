import { sql } from "drizzle-orm";
import type { WatchCopy, WatchSummary, DiagnosisSubject } from "../../analytics/watch";
import type { TiktokDb } from "../client";
import type { accountAudience, accountWatchDaily, videoWatch, watchConnections } from "../schema/watch";
import { isoInstant, type JsonRow } from "./json-row";
import { storeRotatedPair, type SealedTokens, type StoredCredentials } from "./credentials";

/**
 * Watch-time insights (TikTok's Accounts API): the connection and its tokens, the daily job's
 * reads and its one-batch write, the planner's walk, and the thinning of old daily copies.
 */
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (column: ReturnType<typeof sql>) => sql`(extract(epoch FROM ${column}) * 1000)::bigint`;

/** Longer than a refresh's worst case, as for the Display API's tokens. */
export const WATCH_REFRESH_LEASE_SECONDS = 120;

type WatchStatus = (typeof watchConnections.$inferSelect)["status"];

export interface WatchConnectionRow {
  accountId: string;
  businessId: string;
  status: WatchStatus;
  grantedScopes: string[];
  dataThrough: string | null;
  summary: WatchSummary | null;
}

export interface WatchJobContext {
  connection: WatchConnectionRow;
  credentials: StoredCredentials | undefined;
  done: boolean;
  /** Whether the account's first snapshot is in: the watch copies need its videos. */
  snapshotted: boolean;
}

type ContextRow = {
  ctx: {
    connection: {
      account_id: string;
      business_id: string;
      status: WatchStatus;
      granted_scopes: string[];
      data_through: string | null;
      summary: Record<string, unknown>;
    } | null;
    credentials: {
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
    } | null;
    done: boolean;
    snapshotted: boolean;
  };
};

const toCredentials = (c: NonNullable<ContextRow["ctx"]["credentials"]>): StoredCredentials => ({
  accountId: String(c.account_id),
  openId: c.open_id,
  accessCiphertext: c.access_token_ciphertext,
  refreshCiphertext: c.refresh_token_ciphertext,
  keyVersion: c.key_version,
  scope: c.scope,
  accessExpiresAt: Date.parse(c.access_expires_at),
  refreshExpiresAt: Date.parse(c.refresh_expires_at),
  version: c.version,
  leased: c.leased,
});

/**
 * The connection, its credentials (taking the refresh lease when the access token expires before
 * `refreshBefore`, nobody holds it and the job will run) and whether the job already succeeded:
 * one statement. `openId` on the credentials is the Accounts API's (the vault's associated data).
 */
export async function loadWatchContext(
  db: TiktokDb,
  accountId: string,
  jobKey: string,
  refreshBefore: Date,
): Promise<WatchJobContext | undefined> {
  const { rows } = await db.execute<ContextRow>(sql`
    WITH lease AS (
      UPDATE tiktok_watch_credentials SET refresh_lease_until = now() + make_interval(secs => ${WATCH_REFRESH_LEASE_SECONDS})
      WHERE account_id = ${accountId} AND access_expires_at < ${refreshBefore.toISOString()}
        AND (refresh_lease_until IS NULL OR refresh_lease_until < now())
        AND NOT EXISTS (SELECT 1 FROM tiktok_ingest_logs WHERE job_key = ${jobKey} AND status = 'ok')
        AND EXISTS (SELECT 1 FROM tiktok_watch_connections WHERE account_id = ${accountId} AND status = 'active')
        AND EXISTS (SELECT 1 FROM tiktok_accounts WHERE id = ${accountId} AND last_synced_at IS NOT NULL)
      RETURNING account_id
    )
    SELECT json_build_object(
      'connection', (SELECT json_build_object('account_id', w.account_id::text, 'business_id', w.business_id,
          'status', w.status, 'granted_scopes', w.granted_scopes, 'data_through', w.data_through::text, 'summary', w.summary)
        FROM tiktok_watch_connections w WHERE w.account_id = ${accountId}),
      'credentials', (SELECT json_build_object('account_id', c.account_id::text, 'open_id', w.business_id,
          'access_token_ciphertext', c.access_token_ciphertext, 'refresh_token_ciphertext', c.refresh_token_ciphertext,
          'key_version', c.key_version, 'scope', c.scope, 'access_expires_at', c.access_expires_at,
          'refresh_expires_at', c.refresh_expires_at, 'version', c.version, 'leased', EXISTS (SELECT 1 FROM lease))
        FROM tiktok_watch_credentials c JOIN tiktok_watch_connections w ON w.account_id = c.account_id
        WHERE c.account_id = ${accountId}),
      'done', EXISTS (SELECT 1 FROM tiktok_ingest_logs WHERE job_key = ${jobKey} AND status = 'ok'),
      'snapshotted', EXISTS (SELECT 1 FROM tiktok_accounts WHERE id = ${accountId} AND last_synced_at IS NOT NULL)
    ) AS ctx`);
  const ctx = rows[0]?.ctx;
  if (!ctx?.connection) return undefined;
  const c = ctx.connection;
  return {
    connection: {
      accountId: c.account_id,
      businessId: c.business_id,
      status: c.status,
      grantedScopes: c.granted_scopes,
      dataThrough: c.data_through,
      summary: "version" in c.summary ? (c.summary as unknown as WatchSummary) : null,
    },
    credentials: ctx.credentials ? toCredentials(ctx.credentials) : undefined,
    done: ctx.done,
    snapshotted: ctx.snapshotted,
  };
}

/** A refreshed pair, only over the version it was refreshed from; releases the lease. */
export const storeRotatedWatchTokens = (db: TiktokDb, accountId: string, fromVersion: number, tokens: SealedTokens) =>
  storeRotatedPair(db, "tiktok_watch_credentials", accountId, fromVersion, tokens);

/** Re-reads the credentials (for a job waiting on another's refresh). */
export async function readWatchCredentials(db: TiktokDb, accountId: string): Promise<StoredCredentials | undefined> {
  const { rows } = await db.execute<NonNullable<ContextRow["ctx"]["credentials"]>>(sql`
    SELECT c.account_id::text AS account_id, w.business_id AS open_id, c.access_token_ciphertext,
      c.refresh_token_ciphertext, c.key_version, c.scope, c.access_expires_at, c.refresh_expires_at, c.version,
      false AS leased
    FROM tiktok_watch_credentials c JOIN tiktok_watch_connections w ON w.account_id = c.account_id
    WHERE c.account_id = ${accountId}`);
  return rows[0] ? toCredentials(rows[0]) : undefined;
}

/**
 * Ends the watch connection's schedule (the user must consent again, or it was disconnected) and
 * wipes its tokens; the Display API connection and all history stay. With `version`, only when
 * the tokens are still the pair the failure was about (a reconnect since keeps its fresh ones).
 */
export async function disconnectWatch(
  db: TiktokDb,
  accountId: string,
  status: "needs_reconnect" | "missing_scopes" | "revoked",
  reason: string,
  version?: number,
): Promise<boolean> {
  const guard =
    version === undefined
      ? sql``
      : sql`AND NOT EXISTS (SELECT 1 FROM tiktok_watch_credentials c WHERE c.account_id = w.account_id AND c.version <> ${version})`;
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH connection AS (
      UPDATE tiktok_watch_connections w SET status = ${status}, status_reason = ${reason}, updated_at = now()
      WHERE w.account_id = ${accountId} ${guard} RETURNING w.account_id
    ), wiped AS (
      DELETE FROM tiktok_watch_credentials WHERE account_id IN (SELECT account_id FROM connection)
    )
    SELECT account_id::text AS id FROM connection`);
  return rows.length === 1;
}

/** Forces the next job to refresh the watch token (TikTok refused one we thought valid). */
export async function expireWatchAccessToken(db: TiktokDb, accountId: string): Promise<void> {
  await db.execute(sql`UPDATE tiktok_watch_credentials SET access_expires_at = now() WHERE account_id = ${accountId}`);
}

/**
 * Stores a new watch connection for an account (or replaces its grant): the connection, active,
 * due now, and the tokens, in one statement. Refused (false) when another account holds the
 * business_id already (a TikTok user's Accounts API grant belongs to one Adam account).
 */
export async function storeWatchConnection(
  db: TiktokDb,
  input: {
    accountId: string;
    businessId: string;
    grantedScopes: string[];
    status: "active" | "missing_scopes";
    statusReason: string | null;
    tokens: SealedTokens;
  },
): Promise<boolean> {
  const t = input.tokens;
  const { rows } = await db.execute<{ account_id: string }>(sql`
    WITH connection AS (
      INSERT INTO tiktok_watch_connections (account_id, business_id, status, status_reason, granted_scopes, next_fetch_at)
      VALUES (${input.accountId}, ${input.businessId}, ${input.status}, ${input.statusReason},
        ${sql`ARRAY[${sql.join(
          input.grantedScopes.map((s) => sql`${s}`),
          sql`, `,
        )}]::text[]`}, now())
      ON CONFLICT (account_id) DO UPDATE SET business_id = EXCLUDED.business_id, status = EXCLUDED.status,
        status_reason = EXCLUDED.status_reason, granted_scopes = EXCLUDED.granted_scopes, next_fetch_at = now(),
        updated_at = now()
      RETURNING account_id
    )
    INSERT INTO tiktok_watch_credentials (account_id, access_token_ciphertext, refresh_token_ciphertext, key_version,
      scope, access_expires_at, refresh_expires_at)
    SELECT account_id, ${t.accessCiphertext}, ${t.refreshCiphertext}, ${t.keyVersion}, ${t.scope},
      ${t.accessExpiresAt.toISOString()}, ${t.refreshExpiresAt.toISOString()} FROM connection
    ON CONFLICT (account_id) DO UPDATE SET access_token_ciphertext = EXCLUDED.access_token_ciphertext,
      refresh_token_ciphertext = EXCLUDED.refresh_token_ciphertext, key_version = EXCLUDED.key_version,
      scope = EXCLUDED.scope, access_expires_at = EXCLUDED.access_expires_at,
      refresh_expires_at = EXCLUDED.refresh_expires_at, version = tiktok_watch_credentials.version + 1,
      refresh_lease_until = NULL, updated_at = now()
    RETURNING account_id::text AS account_id`);
  return rows.length === 1;
}

/** The stored form of one video's copy: the columns of tiktok_video_watch (missing as null) but its keys and time. */
export type VideoWatchRow = Omit<typeof videoWatch.$inferSelect, "day" | "accountId" | "fetchedAt">;

/** One day of the account's daily metrics, as tiktok_account_watch_daily stores it. */
export type AccountDayRow = Omit<typeof accountWatchDaily.$inferSelect, "accountId" | "fetchedAt">;

/** The followers' demographics of one day, as tiktok_account_audience stores them. */
export type AudienceRow = Omit<typeof accountAudience.$inferSelect, "accountId" | "day" | "fetchedAt">;

/**
 * Today's copies, in one batch: each video's copy for `day` (a redelivery or a second run that day
 * replaces it: one copy per video per day), the account's daily metrics (revised in place) and its
 * audience for the day. Only videos Adam tracks for this account are stored; returns how many.
 */
export async function writeWatchCopies(
  db: TiktokDb,
  input: {
    accountId: string;
    day: string;
    fetchedAtMs: number;
    videos: VideoWatchRow[];
    days: AccountDayRow[];
    audience: AudienceRow | null;
  },
): Promise<{ videoIds: string[]; days: number }> {
  const fetched = iso(input.fetchedAtMs);
  const statements = [
    db.execute(sql`
      INSERT INTO tiktok_video_watch AS t (video_id, day, account_id, fetched_at, video_views, reach, likes, comments,
        shares, favorites, new_followers, profile_views, website_clicks, duration_seconds, total_time_watched,
        average_time_watched, full_video_watched_rate, retention, engagement_likes, impression_sources, audience_types,
        audience_genders, audience_countries, audience_cities)
      SELECT x."videoId", ${input.day}::date, ${input.accountId}, ${fetched}, x."videoViews", x.reach, x.likes, x.comments,
        x.shares, x.favorites, x."newFollowers", x."profileViews", x."websiteClicks", x."durationSeconds",
        x."totalTimeWatched", x."averageTimeWatched", x."fullVideoWatchedRate", x.retention, x."engagementLikes",
        x."impressionSources", x."audienceTypes", x."audienceGenders", x."audienceCountries", x."audienceCities"
      FROM jsonb_to_recordset(${JSON.stringify(input.videos)}::jsonb) AS x("videoId" text, "videoViews" bigint,
        reach bigint, likes bigint, comments bigint, shares bigint, favorites bigint, "newFollowers" bigint,
        "profileViews" bigint, "websiteClicks" bigint, "durationSeconds" float8, "totalTimeWatched" float8,
        "averageTimeWatched" float8, "fullVideoWatchedRate" float8, retention jsonb, "engagementLikes" jsonb,
        "impressionSources" jsonb, "audienceTypes" jsonb, "audienceGenders" jsonb, "audienceCountries" jsonb,
        "audienceCities" jsonb)
      JOIN tiktok_videos v ON v.id = x."videoId" AND v.account_id = ${input.accountId}
      ON CONFLICT (video_id, day) DO UPDATE SET fetched_at = EXCLUDED.fetched_at, video_views = EXCLUDED.video_views,
        reach = EXCLUDED.reach, likes = EXCLUDED.likes, comments = EXCLUDED.comments, shares = EXCLUDED.shares,
        favorites = EXCLUDED.favorites, new_followers = EXCLUDED.new_followers, profile_views = EXCLUDED.profile_views,
        website_clicks = EXCLUDED.website_clicks, duration_seconds = EXCLUDED.duration_seconds,
        total_time_watched = EXCLUDED.total_time_watched, average_time_watched = EXCLUDED.average_time_watched,
        full_video_watched_rate = EXCLUDED.full_video_watched_rate, retention = EXCLUDED.retention,
        engagement_likes = EXCLUDED.engagement_likes, impression_sources = EXCLUDED.impression_sources,
        audience_types = EXCLUDED.audience_types, audience_genders = EXCLUDED.audience_genders,
        audience_countries = EXCLUDED.audience_countries, audience_cities = EXCLUDED.audience_cities
      RETURNING t.video_id`),
    db.execute(sql`
      INSERT INTO tiktok_account_watch_daily (account_id, date, fetched_at, video_views, unique_video_views, likes,
        comments, shares, engaged_audience, followers, followers_net, followers_gained, followers_lost, profile_views,
        bio_link_clicks, audience_activity)
      SELECT ${input.accountId}, x.date, ${fetched}, x."videoViews", x."uniqueVideoViews", x.likes, x.comments, x.shares,
        x."engagedAudience", x.followers, x."followersNet", x."followersGained", x."followersLost", x."profileViews",
        x."bioLinkClicks", x."audienceActivity"
      FROM jsonb_to_recordset(${JSON.stringify(input.days)}::jsonb) AS x(date date, "videoViews" bigint,
        "uniqueVideoViews" bigint, likes bigint, comments bigint, shares bigint, "engagedAudience" bigint,
        followers bigint, "followersNet" bigint, "followersGained" bigint, "followersLost" bigint,
        "profileViews" bigint, "bioLinkClicks" bigint, "audienceActivity" jsonb)
      ON CONFLICT (account_id, date) DO UPDATE SET fetched_at = EXCLUDED.fetched_at, video_views = EXCLUDED.video_views,
        unique_video_views = EXCLUDED.unique_video_views, likes = EXCLUDED.likes, comments = EXCLUDED.comments,
        shares = EXCLUDED.shares, engaged_audience = EXCLUDED.engaged_audience, followers = EXCLUDED.followers,
        followers_net = EXCLUDED.followers_net, followers_gained = EXCLUDED.followers_gained,
        followers_lost = EXCLUDED.followers_lost, profile_views = EXCLUDED.profile_views,
        bio_link_clicks = EXCLUDED.bio_link_clicks, audience_activity = EXCLUDED.audience_activity`),
  ];
  if (input.audience) {
    const a = input.audience;
    statements.push(
      db.execute(sql`
        INSERT INTO tiktok_account_audience (account_id, day, fetched_at, ages, genders, countries, cities)
        VALUES (${input.accountId}, ${input.day}::date, ${fetched}, ${json(a.ages)}, ${json(a.genders)},
          ${json(a.countries)}, ${json(a.cities)})
        ON CONFLICT (account_id, day) DO UPDATE SET fetched_at = EXCLUDED.fetched_at, ages = EXCLUDED.ages,
          genders = EXCLUDED.genders, countries = EXCLUDED.countries, cities = EXCLUDED.cities`),
    );
  }
  const [videos, days] = await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  const stored = (videos as unknown as { rows: { video_id: string }[] }).rows;
  return { videoIds: stored.map((r) => r.video_id), days: days?.rowCount ?? 0 };
}

const json = (value: unknown) => (value === null ? null : sql`${JSON.stringify(value)}::jsonb`);

type CopyRow = [
  string,
  number,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  [number, number][] | null,
  Record<string, number> | null,
  Record<string, number> | null,
  Record<string, number> | null,
];

export interface WatchHistory {
  videos: { videoId: string; createdAtMs: number; copies: WatchCopy[] }[];
  days: { date: string; activity: (number | null)[] | null }[];
  subjects: DiagnosisSubject[];
}

/**
 * What the summary is built from, in one round trip: every copy of videos posted in the last
 * `recentDays`, the newest copy of each older one (the baseline's), 28 days of activity, and the
 * drop alerts and slow starts of recent videos to diagnose.
 */
export async function loadWatchHistory(
  db: TiktokDb,
  accountId: string,
  nowMs: number,
  recentDays: number,
): Promise<WatchHistory> {
  const since = iso(nowMs - recentDays * 86_400_000);
  const copyColumns = sql`json_build_array(w.video_id, ${ms(sql`v.create_time`)}, ${ms(sql`w.fetched_at`)}, w.video_views,
    w.reach, w.average_time_watched, w.total_time_watched, w.full_video_watched_rate, w.duration_seconds, w.retention,
    w.impression_sources, w.audience_types, w.audience_countries)`;
  const { rows } = await db.execute<{
    ctx: {
      copies: CopyRow[] | null;
      recent: CopyRow[] | null;
      days: [string, (number | null)[] | null][] | null;
      drops: [string, number, number][] | null;
      slow: [string, Record<string, unknown>][] | null;
    };
  }>(sql`
    SELECT json_build_object(
      'copies', (SELECT json_agg(${copyColumns}) FROM (
          SELECT DISTINCT ON (w.video_id) w.* FROM tiktok_video_watch w
          WHERE w.account_id = ${accountId} ORDER BY w.video_id, w.day DESC
        ) w JOIN tiktok_videos v ON v.id = w.video_id AND v.create_time < ${since}),
      'recent', (SELECT json_agg(${copyColumns} ORDER BY w.day)
        FROM tiktok_video_watch w JOIN tiktok_videos v ON v.id = w.video_id
        WHERE w.account_id = ${accountId} AND v.create_time >= ${since}),
      'days', (SELECT json_agg(json_build_array(d.date::text, d.audience_activity) ORDER BY d.date DESC)
        FROM tiktok_account_watch_daily d WHERE d.account_id = ${accountId} AND d.date > (${iso(nowMs)}::date - 35)),
      'drops', (SELECT json_agg(json_build_array(x.video_id, ${ms(sql`x.window_start`)}, ${ms(sql`x.window_end`)})
          ORDER BY x.window_end DESC)
        FROM tiktok_anomalies x WHERE x.account_id = ${accountId} AND x.kind = 'drop' AND x.video_id IS NOT NULL
          AND x.window_end > ${since}),
      'slow', (SELECT json_agg(json_build_array(i.video_id, i.evidence) ORDER BY i.created_at DESC)
        FROM tiktok_insights i WHERE i.account_id = ${accountId} AND i.kind = 'slow_start' AND i.video_id IS NOT NULL)
    ) AS ctx`);
  const ctx = rows[0]?.ctx;
  const byVideo = new Map<string, { videoId: string; createdAtMs: number; copies: WatchCopy[] }>();
  for (const row of [...(ctx?.copies ?? []), ...(ctx?.recent ?? [])]) {
    const [videoId, createdAtMs] = row;
    const entry = byVideo.get(videoId) ?? { videoId, createdAtMs: Number(createdAtMs), copies: [] };
    entry.copies.push(copyOf(row));
    byVideo.set(videoId, entry);
  }
  const subjects: DiagnosisSubject[] = [
    ...(ctx?.drops ?? []).map(([videoId, start, end]): DiagnosisSubject => ({
      kind: "drop",
      videoId,
      windowStartMs: Number(start),
      windowEndMs: Number(end),
    })),
    ...(ctx?.slow ?? []).map(([videoId, evidence]): DiagnosisSubject => ({
      kind: "slow_start",
      videoId,
      ageHours: Number(evidence.ageHours ?? 0),
      ratioToTypical: Number(evidence.ratioToTypical ?? 0),
    })),
  ];
  return {
    videos: [...byVideo.values()],
    days: (ctx?.days ?? []).map(([date, activity]) => ({ date, activity })),
    subjects,
  };
}

/**
 * The job's last write, one batch: the summary, how far the data reaches, the next fetch, and the
 * ingest log's success row (one per job key: a redelivery after this finds it and stops).
 */
export async function finishWatchJob(
  db: TiktokDb,
  input: {
    accountId: string;
    jobKey: string;
    summary: WatchSummary;
    dataThrough: string | null;
    nextFetchAtMs: number;
    startedAtMs: number;
    tiktokCalls: number;
    rowsWritten: number;
    details: Record<string, unknown>;
  },
): Promise<void> {
  await db.batch([
    db.execute(sql`
      UPDATE tiktok_watch_connections SET summary = ${JSON.stringify(input.summary)}::jsonb,
        data_through = greatest(data_through, ${input.dataThrough}::date), last_fetched_at = now(),
        next_fetch_at = ${iso(input.nextFetchAtMs)}, updated_at = now()
      WHERE account_id = ${input.accountId}`),
    db.execute(sql`
      INSERT INTO tiktok_ingest_logs (kind, job_key, account_id, status, started_at, duration_ms, tiktok_calls,
        rows_written, details)
      VALUES ('watch', ${input.jobKey}, ${input.accountId}, 'ok', ${iso(input.startedAtMs)},
        ${Math.max(0, Date.now() - input.startedAtMs)}, ${input.tiktokCalls}, ${input.rowsWritten},
        ${JSON.stringify(input.details)}::jsonb)
      ON CONFLICT (job_key) WHERE status = 'ok' DO NOTHING`),
  ]);
}

/** One page of the daily planner's walk over the active watch connections due by `dueBeforeMs`. */
export async function dueWatchConnectionsPage(
  db: TiktokDb,
  dueBeforeMs: number,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT w.account_id::text AS id FROM tiktok_watch_connections w JOIN tiktok_accounts a ON a.id = w.account_id
    WHERE w.status = 'active' AND a.status <> 'revoked' AND w.next_fetch_at < ${iso(dueBeforeMs)}
      ${afterId ? sql`AND w.account_id > ${afterId}::bigint` : sql``}
    ORDER BY w.account_id LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

/** How old a copy must be before only one per video per week is kept (TikTok's figures have settled by then). */
export const WATCH_DAILY_DAYS = 30;

/** Daily housekeeping: copies older than WATCH_DAILY_DAYS thinned to the last one of each week, per video. */
export async function thinWatchCopies(db: TiktokDb, atIso: string, limit: number): Promise<number> {
  const result = await db.execute(sql`
    DELETE FROM tiktok_video_watch WHERE ctid IN (
      SELECT ctid FROM (
        SELECT ctid, row_number() OVER (PARTITION BY video_id, date_trunc('week', day) ORDER BY day DESC) AS n
        FROM tiktok_video_watch WHERE day < (${atIso}::timestamptz - make_interval(days => ${WATCH_DAILY_DAYS}))::date
      ) ranked WHERE n > 1 LIMIT ${limit})`);
  return result.rowCount ?? 0;
}

/** The watch connection's columns the account's watch route shows, typed from the Drizzle schema. */
type ConnectionRow = JsonRow<
  Pick<typeof watchConnections.$inferSelect, "status" | "statusReason" | "dataThrough" | "lastFetchedAt" | "summary">
>;

/** What the account's watch route serves: the connection, its summary and the daily metrics (one round trip). */
export interface AccountWatchView {
  connection: (Omit<ConnectionRow, "summary"> & { summary: WatchSummary | null }) | null;
  days: {
    date: string[];
    views: (number | null)[];
    profileViews: (number | null)[];
    followersGained: (number | null)[];
    followersLost: (number | null)[];
  };
}

export async function readAccountWatch(
  db: TiktokDb,
  accountId: string,
  days: number,
): Promise<AccountWatchView | undefined> {
  const { rows } = await db.execute<{
    found: boolean;
    connection: ConnectionRow | null;
    days: [string, number | null, number | null, number | null, number | null][] | null;
  }>(sql`
    SELECT EXISTS (SELECT 1 FROM tiktok_accounts WHERE id = ${accountId}) AS found,
      (SELECT json_build_object('status', w.status, 'statusReason', w.status_reason, 'dataThrough', w.data_through::text,
          'lastFetchedAt', w.last_fetched_at, 'summary', w.summary)
        FROM tiktok_watch_connections w WHERE w.account_id = ${accountId}) AS connection,
      (SELECT json_agg(json_build_array(d.date::text, d.video_views, d.profile_views, d.followers_gained,
          d.followers_lost) ORDER BY d.date)
        FROM tiktok_account_watch_daily d WHERE d.account_id = ${accountId}
          AND d.date > (SELECT max(date) FROM tiktok_account_watch_daily WHERE account_id = ${accountId}) - ${days}::int
      ) AS days`);
  const row = rows[0];
  if (!row?.found) return undefined;
  const list = row.days ?? [];
  const num = (x: number | null) => (x === null ? null : Number(x));
  const c = row.connection;
  return {
    connection: c
      ? {
          status: c.status,
          statusReason: c.statusReason,
          dataThrough: c.dataThrough,
          lastFetchedAt: c.lastFetchedAt ? isoInstant(c.lastFetchedAt) : null,
          summary: "version" in c.summary ? (c.summary as unknown as WatchSummary) : null,
        }
      : null,
    days: {
      date: list.map((d) => d[0]),
      views: list.map((d) => num(d[1])),
      profileViews: list.map((d) => num(d[2])),
      followersGained: list.map((d) => num(d[3])),
      followersLost: list.map((d) => num(d[4])),
    },
  };
}

/**
 * A video's watch copies (newest 14) and its account's watch summary, for a video of one of
 * `accountIds` (undefined otherwise: the same as a missing video).
 */
export async function readVideoWatch(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
): Promise<{ connected: boolean; summary: WatchSummary | null; copies: WatchCopy[] } | undefined> {
  const { rows } = await db.execute<{
    connected: boolean;
    summary: Record<string, unknown> | null;
    copies: CopyRow[] | null;
  }>(sql`
    SELECT w.account_id IS NOT NULL AS connected, w.summary,
      (SELECT json_agg(json_build_array(c.video_id, 0, ${ms(sql`c.fetched_at`)}, c.video_views, c.reach,
          c.average_time_watched, c.total_time_watched, c.full_video_watched_rate, c.duration_seconds, c.retention,
          c.impression_sources, c.audience_types, c.audience_countries) ORDER BY c.day)
        FROM (SELECT * FROM tiktok_video_watch WHERE video_id = v.id ORDER BY day DESC LIMIT 14) c) AS copies
    FROM tiktok_videos v LEFT JOIN tiktok_watch_connections w ON w.account_id = v.account_id
    WHERE v.id = ${videoId} AND v.account_id = ANY(${`{${accountIds.join(",")}}`}::bigint[])`);
  const row = rows[0];
  if (!row) return undefined;
  return {
    connected: row.connected,
    summary: row.summary && "version" in row.summary ? (row.summary as unknown as WatchSummary) : null,
    copies: (row.copies ?? []).map(copyOf),
  };
}

function copyOf(row: CopyRow): WatchCopy {
  const [, , fetchedAtMs, views, reach, avg, total, completion, duration, retention, sources, audience, countries] =
    row;
  return {
    fetchedAtMs: Number(fetchedAtMs),
    views: views === null ? null : Number(views),
    reach: reach === null ? null : Number(reach),
    averageSeconds: avg,
    totalSeconds: total,
    completion,
    durationSeconds: duration,
    retention,
    sources,
    audience,
    countries,
  };
}
