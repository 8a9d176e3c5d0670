import { sql } from "drizzle-orm";
import type { AccountSummary, Anomaly, Insight, RecentAnomaly, VideoAnalytics, VideoSnapshot } from "../../analytics";
import type { AlertDraft } from "../../alerts/drafts";
import type { Profile } from "../../tiktok/profile";
import type { TiktokDb } from "../client";
import { runNamedBatch, type NamedBatch } from "../named-batch";
import { refreshLease, toStoredCredentials, type StoredCredentials } from "./credentials";

/**
 * The snapshot job's database work: everything it needs in one read, everything it learnt in
 * one atomic batch. Two round trips per job whatever the number of videos (plus one when a token
 * is refreshed).
 */
const HOUR_MS = 3_600_000;
/** Video snapshots the analytics see again (their recent window). */
export const RECENT_VIDEO_MS = 72 * HOUR_MS;
export const RECENT_FOLLOWERS_MS = 14 * 24 * HOUR_MS;
export const RECENT_ANOMALIES_MS = 7 * 24 * HOUR_MS;

export interface JobVideo {
  id: string;
  createdAtMs: number;
  status: "public" | "unavailable";
  nextRefreshAtMs: number;
  analytics: VideoAnalytics | null;
  recent: VideoSnapshot[];
}

export interface JobContext {
  account: {
    id: string;
    openId: string;
    status: string;
    grantedScopes: string[];
    newestVideoAtMs: number | null;
    summary: AccountSummary | null;
  };
  credentials: StoredCredentials | undefined;
  /** The job already succeeded for this slot (a redelivery). */
  done: boolean;
  videos: JobVideo[];
  followers: { t: number; count: number }[];
  recentAnomalies: RecentAnomaly[];
}

type ContextRow = {
  ctx: {
    account: {
      id: string;
      open_id: string;
      status: string;
      granted_scopes: string[];
      newest_video_at: number | null;
      summary: Record<string, unknown>;
    } | null;
    credentials: Parameters<typeof toStoredCredentials>[0] | null;
    done: boolean;
    videos: [string, number, "public" | "unavailable", number, VideoAnalytics | Record<string, never>][] | null;
    recent: [string, number, number, number, number, number][] | null;
    followers: [number, number][] | null;
    anomalies: [string, string | null, string, "spike" | "drop", number, number][] | null;
  };
};

const ms = (column: ReturnType<typeof sql>) => sql`(extract(epoch FROM ${column}) * 1000)::bigint`;

export async function loadJobContext(
  db: TiktokDb,
  accountId: string,
  jobKey: string,
  options: { nowMs: number; refreshBefore: Date },
): Promise<JobContext | undefined> {
  const since = (windowMs: number) => new Date(options.nowMs - windowMs).toISOString();
  const { rows } = await db.execute<ContextRow>(sql`
    WITH ${refreshLease(
      accountId,
      options.refreshBefore,
      // only for a job that will run: not a redelivery of a finished slot, not an inactive account
      sql`NOT EXISTS (SELECT 1 FROM tiktok_ingest_logs WHERE job_key = ${jobKey} AND status = 'ok')
        AND EXISTS (SELECT 1 FROM tiktok_accounts WHERE id = ${accountId} AND status = 'active')`,
    )}
    SELECT json_build_object(
      'account', (SELECT json_build_object('id', a.id::text, 'open_id', a.open_id, 'status', a.status,
          'granted_scopes', a.granted_scopes, 'newest_video_at', ${ms(sql`a.newest_video_at`)}, 'summary', a.summary)
        FROM tiktok_accounts a WHERE a.id = ${accountId}),
      'credentials', (SELECT json_build_object('account_id', c.account_id::text, 'open_id', a.open_id,
          'access_token_ciphertext', c.access_token_ciphertext, 'refresh_token_ciphertext', c.refresh_token_ciphertext,
          'key_version', c.key_version, 'scope', c.scope, 'access_expires_at', c.access_expires_at,
          'refresh_expires_at', c.refresh_expires_at, 'version', c.version, 'leased', EXISTS (SELECT 1 FROM lease))
        FROM tiktok_credentials c JOIN tiktok_accounts a ON a.id = c.account_id WHERE c.account_id = ${accountId}),
      'done', EXISTS (SELECT 1 FROM tiktok_ingest_logs WHERE job_key = ${jobKey} AND status = 'ok'),
      'videos', (SELECT json_agg(json_build_array(v.id, ${ms(sql`v.create_time`)}, v.status, ${ms(sql`v.next_refresh_at`)}, v.analytics))
        FROM tiktok_videos v WHERE v.account_id = ${accountId}),
      'recent', (SELECT json_agg(json_build_array(s.video_id, ${ms(sql`s.fetched_at`)}, s.view_count, s.like_count,
          s.comment_count, s.share_count))
        FROM tiktok_video_snapshots s WHERE s.account_id = ${accountId} AND s.slot > ${since(RECENT_VIDEO_MS)}),
      'followers', (SELECT json_agg(json_build_array(${ms(sql`s.fetched_at`)}, s.follower_count) ORDER BY s.slot)
        FROM tiktok_account_snapshots s
        WHERE s.account_id = ${accountId} AND s.slot > ${since(RECENT_FOLLOWERS_MS)} AND s.follower_count IS NOT NULL),
      'anomalies', (SELECT json_agg(json_build_array(x.event_key, x.video_id, x.metric, x.kind,
          ${ms(sql`x.window_start`)}, ${ms(sql`x.window_end`)}))
        FROM tiktok_anomalies x WHERE x.account_id = ${accountId} AND x.window_end > ${since(RECENT_ANOMALIES_MS)})
    ) AS ctx`);
  const ctx = rows[0]?.ctx;
  if (!ctx?.account) return undefined;
  const recentByVideo = new Map<string, VideoSnapshot[]>();
  for (const [videoId, t, views, likes, comments, shares] of ctx.recent ?? []) {
    const list = recentByVideo.get(videoId) ?? [];
    list.push({ t, views, likes, comments, shares });
    recentByVideo.set(videoId, list);
  }
  return {
    account: {
      id: ctx.account.id,
      openId: ctx.account.open_id,
      status: ctx.account.status,
      grantedScopes: ctx.account.granted_scopes,
      newestVideoAtMs: ctx.account.newest_video_at,
      summary: "version" in ctx.account.summary ? (ctx.account.summary as unknown as AccountSummary) : null,
    },
    credentials: ctx.credentials ? toStoredCredentials(ctx.credentials) : undefined,
    done: ctx.done,
    videos: (ctx.videos ?? []).map(([id, createdAtMs, status, nextRefreshAtMs, analytics]) => ({
      id,
      createdAtMs,
      status,
      nextRefreshAtMs,
      analytics: "version" in analytics ? (analytics as VideoAnalytics) : null,
      recent: recentByVideo.get(id) ?? [],
    })),
    followers: (ctx.followers ?? []).map(([t, count]) => ({ t, count })),
    recentAnomalies: (ctx.anomalies ?? []).map(([eventKey, videoId, metric, kind, windowStart, windowEnd]) => ({
      eventKey,
      videoId,
      metric,
      kind,
      windowStart,
      windowEnd,
    })),
  };
}

/** One video as the job writes it back; absent fields are left as they are. */
export interface VideoWrite {
  id: string;
  createdAtMs: number;
  status: "public" | "unavailable";
  nextRefreshAtMs: number;
  /** The fetched counters are a snapshot (the video was new or due), not just its current figures. */
  snapshot: boolean;
  /** Set when TikTok returned the video this cycle. */
  fetched?: {
    title: string | null;
    description: string | null;
    durationSeconds: number | null;
    shareUrl: string | null;
    embedLink: string | null;
    coverImageUrl: string | null;
    views: number;
    likes: number;
    comments: number;
    shares: number;
  };
  /** Set when the analytics changed this run. */
  analytics?: VideoAnalytics;
}

export interface JobResult {
  accountId: string;
  jobKey: string;
  slot: number;
  observedAtMs: number;
  startedAtMs: number;
  profile: Profile & {
    followers: number | null;
    following: number | null;
    likes: number | null;
    videoCount: number | null;
  };
  totals: { views: number; engagementRate: number | null };
  summary: AccountSummary;
  newestVideoAtMs: number | null;
  nextSnapshotAtMs: number;
  videos: VideoWrite[];
  anomalies: Anomaly[];
  insights: Insight[];
  /** Outbox rows: an alert per event, stored with the anomaly that raised it (see alerts/drafts.ts). */
  alerts: AlertDraft[];
  tiktokCalls: number;
  details: Record<string, unknown>;
}

const iso = (msValue: number) => new Date(msValue).toISOString();

export interface JobWrite {
  rowsWritten: number;
  /** Alerts this write created (an event already alerted adds none): the job queues their fan-out. */
  newAlertIds: string[];
}

/**
 * Writes a job's result in one transaction. Every insert is idempotent (unique per slot, event or
 * fact), so a redelivered job that got this far again adds nothing.
 */
export async function writeJobResult(db: TiktokDb, r: JobResult): Promise<JobWrite> {
  const snapshots = r.videos.filter((v) => v.fetched && v.snapshot);
  const videoRows = JSON.stringify(
    r.videos.map((v) => ({
      id: v.id,
      create_time: iso(v.createdAtMs),
      status: v.status,
      next_refresh_at: iso(v.nextRefreshAtMs),
      fetched: v.fetched !== undefined,
      title: v.fetched?.title ?? null,
      description: v.fetched?.description ?? null,
      duration_seconds: v.fetched?.durationSeconds ?? null,
      share_url: v.fetched?.shareUrl ?? null,
      embed_link: v.fetched?.embedLink ?? null,
      cover_image_url: v.fetched?.coverImageUrl ?? null,
      view_count: v.fetched?.views ?? 0,
      like_count: v.fetched?.likes ?? 0,
      comment_count: v.fetched?.comments ?? 0,
      share_count: v.fetched?.shares ?? 0,
      analytics: v.analytics ?? null,
    })),
  );
  const snapshotRows = JSON.stringify(
    snapshots.map((v) => ({
      video_id: v.id,
      view_count: v.fetched!.views,
      like_count: v.fetched!.likes,
      comment_count: v.fetched!.comments,
      share_count: v.fetched!.shares,
    })),
  );
  const anomalyRows = JSON.stringify(
    r.anomalies.map((a) => ({ ...a, windowStart: iso(a.windowStart), windowEnd: iso(a.windowEnd) })),
  );
  const insightRows = JSON.stringify(r.insights.map((i) => ({ ...i, expiresAt: iso(i.expiresAt) })));
  const alertRows = JSON.stringify(r.alerts);
  const slot = iso(r.slot);
  const observed = iso(r.observedAtMs);
  const p = r.profile;

  const statements: NamedBatch = [
    {
      name: "upsert videos",
      table: "tiktok_videos",
      counted: true,
      query: db.execute(sql`
      INSERT INTO tiktok_videos AS t (id, account_id, create_time, status, next_refresh_at, title, description,
        duration_seconds, share_url, embed_link, cover_image_url, cover_image_fetched_at, view_count, like_count,
        comment_count, share_count, analytics, metrics_updated_at, last_seen_at)
      SELECT x.id, ${r.accountId}, x.create_time, x.status, x.next_refresh_at, x.title, x.description, x.duration_seconds,
        x.share_url, x.embed_link, x.cover_image_url, CASE WHEN x.fetched THEN ${observed}::timestamptz END,
        x.view_count, x.like_count, x.comment_count, x.share_count, coalesce(x.analytics, '{}'),
        CASE WHEN x.fetched THEN ${observed}::timestamptz END, ${observed}
      FROM jsonb_to_recordset(${videoRows}::jsonb) AS x(id text, create_time timestamptz, status text,
        next_refresh_at timestamptz, fetched boolean, title text, description text, duration_seconds int, share_url text,
        embed_link text, cover_image_url text, view_count bigint, like_count bigint, comment_count bigint,
        share_count bigint, analytics jsonb)
      ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, next_refresh_at = EXCLUDED.next_refresh_at,
        title = CASE WHEN EXCLUDED.metrics_updated_at IS NULL THEN t.title ELSE EXCLUDED.title END,
        description = CASE WHEN EXCLUDED.metrics_updated_at IS NULL THEN t.description ELSE EXCLUDED.description END,
        duration_seconds = coalesce(EXCLUDED.duration_seconds, t.duration_seconds),
        share_url = coalesce(EXCLUDED.share_url, t.share_url), embed_link = coalesce(EXCLUDED.embed_link, t.embed_link),
        cover_image_url = coalesce(EXCLUDED.cover_image_url, t.cover_image_url),
        cover_image_fetched_at = coalesce(EXCLUDED.cover_image_fetched_at, t.cover_image_fetched_at),
        view_count = CASE WHEN EXCLUDED.metrics_updated_at IS NULL THEN t.view_count ELSE EXCLUDED.view_count END,
        like_count = CASE WHEN EXCLUDED.metrics_updated_at IS NULL THEN t.like_count ELSE EXCLUDED.like_count END,
        comment_count = CASE WHEN EXCLUDED.metrics_updated_at IS NULL THEN t.comment_count ELSE EXCLUDED.comment_count END,
        share_count = CASE WHEN EXCLUDED.metrics_updated_at IS NULL THEN t.share_count ELSE EXCLUDED.share_count END,
        analytics = CASE WHEN EXCLUDED.analytics = '{}' THEN t.analytics ELSE EXCLUDED.analytics END,
        metrics_updated_at = coalesce(EXCLUDED.metrics_updated_at, t.metrics_updated_at),
        last_seen_at = CASE WHEN EXCLUDED.metrics_updated_at IS NULL THEN t.last_seen_at ELSE EXCLUDED.last_seen_at END
      WHERE t.account_id = ${r.accountId}`),
    },
    {
      name: "insert video snapshots",
      table: "tiktok_video_snapshots",
      counted: true,
      query: db.execute(sql`
      INSERT INTO tiktok_video_snapshots (video_id, account_id, slot, fetched_at, view_count, like_count, comment_count, share_count)
      SELECT x.video_id, ${r.accountId}, ${slot}, ${observed}, x.view_count, x.like_count, x.comment_count, x.share_count
      FROM jsonb_to_recordset(${snapshotRows}::jsonb) AS x(video_id text, view_count bigint, like_count bigint,
        comment_count bigint, share_count bigint)
      ON CONFLICT (video_id, slot) DO NOTHING`),
    },
    {
      name: "insert account snapshot",
      table: "tiktok_account_snapshots",
      counted: true,
      query: db.execute(sql`
      INSERT INTO tiktok_account_snapshots (account_id, slot, fetched_at, follower_count, following_count, likes_count,
        video_count, view_count)
      VALUES (${r.accountId}, ${slot}, ${observed}, ${p.followers}, ${p.following}, ${p.likes}, ${p.videoCount}, ${r.totals.views})
      ON CONFLICT (account_id, slot) DO NOTHING`),
    },
    {
      name: "update account",
      table: "tiktok_accounts",
      counted: true,
      query: db.execute(sql`
      UPDATE tiktok_accounts SET display_name = coalesce(${p.displayName}, display_name),
        username = coalesce(${p.username}, username), avatar_url = coalesce(${p.avatarUrl}, avatar_url),
        bio_description = coalesce(${p.bioDescription}, bio_description),
        profile_deep_link = coalesce(${p.profileDeepLink}, profile_deep_link),
        is_verified = coalesce(${p.isVerified}, is_verified), follower_count = ${p.followers},
        following_count = ${p.following}, likes_count = ${p.likes}, video_count = ${p.videoCount},
        view_count = ${r.totals.views}, engagement_rate = ${r.totals.engagementRate}, summary = ${JSON.stringify(r.summary)}::jsonb,
        last_synced_at = greatest(last_synced_at, ${observed}::timestamptz),
        newest_video_at = ${r.newestVideoAtMs === null ? null : iso(r.newestVideoAtMs)},
        next_snapshot_at = ${iso(r.nextSnapshotAtMs)}, updated_at = now()
      WHERE id = ${r.accountId}`),
    },
    {
      name: "upsert anomalies",
      table: "tiktok_anomalies",
      counted: true,
      query: db.execute(sql`
      INSERT INTO tiktok_anomalies (account_id, video_id, metric, kind, severity, score, confidence, window_start,
        window_end, observed, expected, event_key, details)
      SELECT ${r.accountId}, x."videoId", x.metric, x.kind, x.severity, x.score, coalesce(x.confidence, 0),
        x."windowStart", x."windowEnd", x.observed, x.expected, x."eventKey", x.details
      FROM jsonb_to_recordset(${anomalyRows}::jsonb) AS x("eventKey" text, "videoId" text, metric text, kind text,
        severity text, score float8, confidence float8, "windowStart" timestamptz, "windowEnd" timestamptz,
        observed float8, expected float8, details jsonb)
      ON CONFLICT (account_id, event_key) DO UPDATE SET severity = EXCLUDED.severity, score = EXCLUDED.score,
        confidence = EXCLUDED.confidence, window_end = EXCLUDED.window_end, observed = EXCLUDED.observed,
        expected = EXCLUDED.expected, details = EXCLUDED.details`),
    },
    {
      name: "upsert insights",
      table: "tiktok_insights",
      counted: true,
      query: db.execute(sql`
      INSERT INTO tiktok_insights (account_id, video_id, kind, severity, title, body, evidence, rank, fact_key, expires_at)
      SELECT ${r.accountId}, x."videoId", x.kind, x.severity, x.title, x.body, x.evidence, x.rank, x."factKey", x."expiresAt"
      FROM jsonb_to_recordset(${insightRows}::jsonb) AS x("factKey" text, "videoId" text, kind text, severity text,
        title text, body text, evidence jsonb, rank float8, "expiresAt" timestamptz)
      ON CONFLICT (account_id, fact_key) DO UPDATE SET severity = EXCLUDED.severity, title = EXCLUDED.title,
        body = EXCLUDED.body, evidence = EXCLUDED.evidence, rank = EXCLUDED.rank, expires_at = EXCLUDED.expires_at,
        video_id = EXCLUDED.video_id, kind = EXCLUDED.kind, updated_at = now()`),
    },
    {
      name: "delete expired insights",
      table: "tiktok_insights",
      query: db.execute(
        sql`DELETE FROM tiktok_insights WHERE account_id = ${r.accountId} AND expires_at < ${observed}`,
      ),
    },
    // The outbox: one row per event, the first time it reaches the threshold; a continuing event
    // finds its row and adds nothing, so it is announced once.
    // A follower goal reached by its deadline is announced by the snapshot that shows it, once
    // (its key is the goal's); a views goal needs the daily closes and is left to the plan's page.
    {
      name: "insert alerts",
      table: "tiktok_alerts",
      query: db.execute(sql`
      INSERT INTO tiktok_alerts (account_id, alert_key, kind, video_id, title, body, confidence, observed_at)
      SELECT ${r.accountId}, x.key, x.kind, x."videoId", x.title, x.body, x.confidence, ${observed}::timestamptz
      FROM jsonb_to_recordset(${alertRows}::jsonb) AS x(key text, kind text, "videoId" text, title text, body text,
        confidence float8)
      UNION ALL
      SELECT g.account_id, 'goal:' || g.id, 'goal_reached', NULL,
        'Goal reached: ' || to_char(g.target, 'FM999,999,999,999') || ' followers',
        'You now have ' || to_char(${r.profile.followers}::bigint, 'FM999,999,999,999') || ' followers, '
          || CASE g.deadline::date - ${observed}::date
               WHEN 0 THEN 'on the day of your deadline.'
               WHEN 1 THEN 'a day before your deadline.'
               ELSE (g.deadline::date - ${observed}::date) || ' days before your deadline.' END,
        1, ${observed}::timestamptz
      FROM tiktok_goals g
      WHERE g.account_id = ${r.accountId} AND g.kind = 'followers' AND ${r.profile.followers}::bigint >= g.target
        AND g.deadline >= ${observed}::timestamptz
      ON CONFLICT (account_id, alert_key) DO NOTHING
      RETURNING id::text AS id`),
    },
    {
      name: "log the job",
      table: "tiktok_ingest_logs",
      query: db.execute(sql`
      INSERT INTO tiktok_ingest_logs (kind, job_key, account_id, status, started_at, duration_ms, tiktok_calls,
        rows_written, details)
      VALUES ('snapshot', ${r.jobKey}, ${r.accountId}, 'ok', ${iso(r.startedAtMs)},
        ${Math.max(0, Date.now() - r.startedAtMs)}, ${r.tiktokCalls},
        ${snapshots.length + 2 + r.anomalies.length + r.insights.length}, ${JSON.stringify(r.details)}::jsonb)
      ON CONFLICT (job_key) WHERE status = 'ok' DO NOTHING`),
    },
  ];
  const results = await runNamedBatch(db, statements);
  // the facts the job learnt: not the housekeeping delete, the outbox or the log row
  const rowsWritten = statements.reduce(
    (sum, { counted }, i) => sum + (counted ? ((results[i] as { rowCount?: number | null }).rowCount ?? 0) : 0),
    0,
  );
  const created = (results[statements.findIndex((s) => s.name === "insert alerts")] as { rows: { id: string }[] }).rows;
  return { rowsWritten, newAlertIds: created.map((row) => row.id) };
}

/** A job attempt that did not succeed, kept so failures show in the ingest log and /healthz. */
export async function logJobFailure(
  db: TiktokDb,
  entry: {
    jobKey: string;
    accountId: string | null;
    status: "failed" | "skipped" | "dead_lettered";
    attempt: number;
    startedAtMs: number;
    tiktokCalls?: number;
    errorCode: string;
    errorMessage: string;
    kind?: string;
  },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO tiktok_ingest_logs (kind, job_key, account_id, status, attempt, started_at, duration_ms, tiktok_calls,
      error_code, error_message)
    VALUES (${entry.kind ?? "snapshot"}, ${entry.jobKey}, ${entry.accountId}, ${entry.status}, ${entry.attempt},
      ${iso(entry.startedAtMs)}, ${Math.max(0, Date.now() - entry.startedAtMs)}, ${entry.tiktokCalls ?? 0},
      ${entry.errorCode}, ${entry.errorMessage.slice(0, 500)})`);
}

/** Forces the next job to refresh the token (TikTok refused one we thought valid). */
export async function expireAccessToken(db: TiktokDb, accountId: string): Promise<void> {
  await db.execute(sql`UPDATE tiktok_credentials SET access_expires_at = now() WHERE account_id = ${accountId}`);
}

/**
 * What an account's snapshot job cost the busiest TikTok endpoint over the hour before `at`: the
 * highest per-endpoint average of calls per successful job (`details.calls`), or null without such
 * jobs. user/info is one call a job; video/query grows with the videos due, video/list with pages.
 */
export async function busiestEndpointCallsPerJob(db: TiktokDb, at: string): Promise<number | null> {
  const { rows } = await db.execute<{ busiest: number | null }>(sql`
    WITH jobs AS (
      SELECT details->'calls' AS calls FROM tiktok_ingest_logs
      WHERE kind = 'snapshot' AND status = 'ok' AND details->'calls' IS NOT NULL
        AND finished_at > ${at}::timestamptz - interval '1 hour' AND finished_at <= ${at}::timestamptz
    )
    SELECT max(per.total) / (SELECT count(*) FROM jobs)::float8 AS busiest
    FROM (SELECT sum(e.value::float8) AS total FROM jobs, jsonb_each_text(jobs.calls) e GROUP BY e.key) per`);
  const busiest = rows[0]?.busiest;
  return busiest === null || busiest === undefined ? null : Number(busiest);
}

/** One page of the planner's walk over the accounts due in a slot: most overdue first, keyset-paged. */
export async function dueAccountsPage(
  db: TiktokDb,
  slotEndMs: number,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<{ id: string; at: string }[]> {
  // `at` travels as Postgres' own text, so the keyset comparison is exact to the microsecond
  const { rows } = await db.execute<{ id: string; at: string }>(sql`
    SELECT a.id::text AS id, a.next_snapshot_at::text AS at
    FROM tiktok_accounts a
    WHERE a.status = 'active' AND a.next_snapshot_at < ${iso(slotEndMs)}
      ${after ? sql`AND (a.next_snapshot_at, a.id) > (${after.at}::timestamptz, ${after.id}::bigint)` : sql``}
    ORDER BY a.next_snapshot_at, a.id LIMIT ${limit}`);
  return rows;
}
