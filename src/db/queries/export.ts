import { sql, type SQL } from "drizzle-orm";
import type { TiktokDb, UsersDb } from "../client";

/**
 * The pages of a data export (`GET /api/v1/me/export`): each is one round trip that returns ready
 * JSON lines (Postgres builds them) and the key to continue after, so the export streams page by
 * page and never holds more than one page. Keyset pagination: every page is an index range.
 * Credentials, password hashes and refresh-token hashes are never exported.
 */
export interface ExportPage {
  lines: string[];
  /** Where the next page starts; null after the last page. */
  next: string | null;
}

type Row = { line: string; k1: string; k2: string | null };

/** Cursors carry up to two key columns as JSON text (an empty first page has none). */
const cursorOf = (row: Row) => JSON.stringify([row.k1, row.k2]);
const keysOf = (cursor: string | null): [string | null, string | null] =>
  cursor ? (JSON.parse(cursor) as [string, string | null]) : [null, null];

async function page(
  db: TiktokDb | UsersDb,
  query: (k1: string | null, k2: string | null) => SQL,
  after: string | null,
  limit: number,
): Promise<ExportPage> {
  const [k1, k2] = keysOf(after);
  const { rows } = await db.execute<Row>(sql`${query(k1, k2)} LIMIT ${limit}`);
  const last = rows[rows.length - 1];
  return { lines: rows.map((r) => r.line), next: rows.length === limit && last ? cursorOf(last) : null };
}

export async function profileLine(db: UsersDb, userId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ line: string }>(sql`
    SELECT json_build_object('type', 'profile', 'id', id::text, 'email', email, 'tier', tier,
      'created_at', created_at, 'updated_at', updated_at)::text AS line
    FROM identity.users WHERE id = ${userId}`);
  return rows[0]?.line;
}

/** Every refresh-token row of the user's sessions (each rotation is one), without the token hashes. */
export const sessionsPage = (db: UsersDb, userId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1, k2) => sql`
      SELECT json_build_object('type', 'session', 'family_id', family_id, 'created_at', created_at,
        'authenticated_at', authenticated_at, 'expires_at', expires_at, 'rotated_at', rotated_at,
        'revoked_at', revoked_at, 'user_agent', user_agent)::text AS line, created_at::text AS k1, id::text AS k2
      FROM identity.sessions WHERE user_id = ${userId}
        ${k1 === null ? sql`` : sql`AND (created_at, id) > (${k1}::timestamptz, ${k2}::uuid)`}
      ORDER BY created_at, id`,
    after,
    limit,
  );

export async function accountLine(db: TiktokDb, accountId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ line: string }>(sql`
    SELECT json_build_object('type', 'account', 'id', id::text, 'open_id', open_id, 'union_id', union_id,
      'display_name', display_name, 'username', username, 'avatar_url', avatar_url,
      'bio_description', bio_description, 'profile_deep_link', profile_deep_link, 'is_verified', is_verified,
      'status', status, 'status_reason', status_reason, 'granted_scopes', granted_scopes,
      'followers', follower_count, 'following', following_count, 'likes', likes_count, 'videos', video_count,
      'views', view_count, 'engagement_rate', engagement_rate, 'summary', summary,
      'last_synced_at', last_synced_at, 'delete_after', delete_after, 'created_at', created_at)::text AS line
    FROM tiktok_accounts WHERE id = ${accountId}`);
  return rows[0]?.line;
}

export const accountSnapshotsPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT json_build_object('type', 'account_snapshot', 'account_id', account_id::text, 'slot', slot,
        'fetched_at', fetched_at, 'followers', follower_count, 'following', following_count,
        'likes', likes_count, 'videos', video_count, 'views', view_count)::text AS line, slot::text AS k1, NULL AS k2
      FROM tiktok_account_snapshots WHERE account_id = ${accountId}
        ${k1 === null ? sql`` : sql`AND slot > ${k1}::timestamptz`}
      ORDER BY slot`,
    after,
    limit,
  );

export const accountDaysPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT json_build_object('type', 'account_day', 'account_id', account_id::text, 'day', day,
        'followers', follower_count, 'following', following_count, 'likes', likes_count,
        'videos', video_count, 'views', view_count, 'snapshots', snapshots)::text AS line, day::text AS k1, NULL AS k2
      FROM tiktok_account_daily WHERE account_id = ${accountId} ${k1 === null ? sql`` : sql`AND day > ${k1}::date`}
      ORDER BY day`,
    after,
    limit,
  );

export const videosPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT json_build_object('type', 'video', 'account_id', account_id::text, 'id', id,
        'create_time', create_time, 'title', title, 'description', description,
        'duration_seconds', duration_seconds, 'share_url', share_url, 'status', status,
        'views', view_count, 'likes', like_count, 'comments', comment_count, 'shares', share_count,
        'analytics', analytics, 'first_seen_at', first_seen_at, 'last_seen_at', last_seen_at,
        'metrics_updated_at', metrics_updated_at)::text AS line, id AS k1, NULL AS k2
      FROM tiktok_videos WHERE account_id = ${accountId} ${k1 === null ? sql`` : sql`AND id > ${k1}`}
      ORDER BY id`,
    after,
    limit,
  );

/** By slot then video: the (account, slot) index serves the range. */
export const videoSnapshotsPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1, k2) => sql`
      SELECT json_build_object('type', 'video_snapshot', 'video_id', video_id, 'slot', slot,
        'fetched_at', fetched_at, 'views', view_count, 'likes', like_count, 'comments', comment_count,
        'shares', share_count)::text AS line, slot::text AS k1, video_id AS k2
      FROM tiktok_video_snapshots WHERE account_id = ${accountId}
        ${k1 === null ? sql`` : sql`AND (slot, video_id) > (${k1}::timestamptz, ${k2})`}
      ORDER BY slot, video_id`,
    after,
    limit,
  );

export const anomaliesPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT json_build_object('type', 'anomaly', 'account_id', account_id::text, 'video_id', video_id,
        'metric', metric, 'kind', kind, 'severity', severity, 'score', score, 'confidence', confidence,
        'window_start', window_start,
        'window_end', window_end, 'observed', observed, 'expected', expected, 'details', details,
        'detected_at', detected_at)::text AS line, id::text AS k1, NULL AS k2
      FROM tiktok_anomalies WHERE account_id = ${accountId} ${k1 === null ? sql`` : sql`AND id > ${k1}::bigint`}
      ORDER BY id`,
    after,
    limit,
  );

export const insightsPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT json_build_object('type', 'insight', 'account_id', account_id::text, 'video_id', video_id,
        'kind', kind, 'severity', severity, 'title', title, 'body', body, 'evidence', evidence,
        'created_at', created_at, 'updated_at', updated_at, 'expires_at', expires_at)::text AS line,
        id::text AS k1, NULL AS k2
      FROM tiktok_insights WHERE account_id = ${accountId} ${k1 === null ? sql`` : sql`AND id > ${k1}::bigint`}
      ORDER BY id`,
    after,
    limit,
  );

/** The account's alerts and, per alert, where it went (channel and status, never the target's address). */
export const alertsPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT json_build_object('type', 'alert', 'account_id', a.account_id::text, 'id', a.id::text, 'kind', a.kind,
        'video_id', a.video_id, 'title', a.title, 'body', a.body, 'confidence', a.confidence,
        'observed_at', a.observed_at, 'created_at', a.created_at, 'read_at', a.read_at,
        'deliveries', coalesce((SELECT json_agg(json_build_object('channel', d.channel, 'status', d.status,
          'attempts', d.attempts, 'sent_at', d.sent_at) ORDER BY d.id)
          FROM tiktok_alert_deliveries d WHERE d.alert_id = a.id), '[]'))::text AS line, a.id::text AS k1, NULL AS k2
      FROM tiktok_alerts a WHERE a.account_id = ${accountId} ${k1 === null ? sql`` : sql`AND a.id > ${k1}::bigint`}
      ORDER BY a.id`,
    after,
    limit,
  );

/** What the creator set in the growth plan: time zone, goals, experiments and their own video labels. */
export const coachPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT line, k1, NULL AS k2 FROM (
        SELECT json_build_object('type', 'coach_settings', 'account_id', account_id::text, 'time_zone', time_zone,
          'updated_at', updated_at)::text AS line, 'a' AS k1
        FROM tiktok_coach_settings WHERE account_id = ${accountId}
        UNION ALL
        SELECT json_build_object('type', 'goal', 'account_id', account_id::text, 'id', id::text, 'kind', kind,
          'target', target, 'baseline', baseline, 'start_at', start_at, 'deadline', deadline,
          'created_at', created_at)::text, 'b:' || lpad(id::text, 20, '0')
        FROM tiktok_goals WHERE account_id = ${accountId}
        UNION ALL
        SELECT json_build_object('type', 'experiment', 'account_id', account_id::text, 'id', id::text, 'name', name,
          'arm_a', json_build_object('label', arm_a_label, 'negate', arm_a_negate),
          'arm_b', json_build_object('label', arm_b_label, 'negate', arm_b_negate),
          'started_at', started_at, 'ended_at', ended_at)::text, 'c:' || lpad(id::text, 20, '0')
        FROM tiktok_experiments WHERE account_id = ${accountId}
        UNION ALL
        SELECT json_build_object('type', 'video_label', 'video_id', video_id, 'label', label,
          'created_at', created_at)::text, 'd:' || video_id || ':' || label
        FROM tiktok_video_labels WHERE account_id = ${accountId}
      ) x ${k1 === null ? sql`` : sql`WHERE k1 COLLATE "C" > ${k1}`}
      ORDER BY k1 COLLATE "C"`,
    after,
    limit,
  );

/** The user's alert settings: preferences, push subscriptions (no keys) and webhooks (no secrets). */
export async function alertSettingsLine(db: UsersDb, userId: string): Promise<string> {
  const { rows } = await db.execute<{ line: string }>(sql`
    SELECT json_build_object('type', 'alert_settings',
      'preferences', (SELECT row_to_json(p) FROM identity.alert_preferences p WHERE p.user_id = ${userId}),
      'push_subscriptions', coalesce((SELECT json_agg(json_build_object('endpoint', s.endpoint,
          'user_agent', s.user_agent, 'created_at', s.created_at, 'disabled_at', s.disabled_at,
          'disabled_reason', s.disabled_reason) ORDER BY s.id) FROM identity.push_subscriptions s WHERE s.user_id = ${userId}), '[]'),
      'webhooks', coalesce((SELECT json_agg(json_build_object('url', w.url, 'format', w.format,
          'created_at', w.created_at, 'disabled_at', w.disabled_at, 'disabled_reason', w.disabled_reason) ORDER BY w.id)
        FROM identity.alert_webhooks w WHERE w.user_id = ${userId}), '[]'))::text AS line`);
  return (rows[0] as { line: string }).line;
}

/** The watch-time insights connection (status and summary; never its tokens). */
export const watchConnectionPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT json_build_object('type', 'watch_connection', 'account_id', account_id::text, 'status', status,
        'status_reason', status_reason, 'granted_scopes', granted_scopes, 'is_business_account', is_business_account,
        'data_through', data_through, 'connected_at', created_at, 'last_fetched_at', last_fetched_at,
        'summary', summary)::text AS line, account_id::text AS k1, NULL AS k2
      FROM tiktok_watch_connections WHERE account_id = ${accountId} ${k1 === null ? sql`` : sql`AND false`}`,
    after,
    limit,
  );

/** Each video's daily copies of TikTok's watch analytics. */
export const videoWatchPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1, k2) => sql`
      SELECT '{"type":"video_watch","account_id":"' || w.account_id || '",' || substr((to_jsonb(w) - 'account_id')::text, 2)
        AS line, w.video_id AS k1, w.day::text AS k2
      FROM tiktok_video_watch w WHERE w.account_id = ${accountId}
        ${k1 === null ? sql`` : sql`AND (w.video_id, w.day) > (${k1}, ${k2}::date)`}
      ORDER BY w.video_id, w.day`,
    after,
    limit,
  );

/** TikTok's daily account metrics, by day. */
export const accountWatchDaysPage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT '{"type":"account_watch_day","account_id":"' || d.account_id || '",' || substr((to_jsonb(d) - 'account_id')::text, 2)
        AS line, d.date::text AS k1, NULL AS k2
      FROM tiktok_account_watch_daily d WHERE d.account_id = ${accountId}
        ${k1 === null ? sql`` : sql`AND d.date > ${k1}::date`}
      ORDER BY d.date`,
    after,
    limit,
  );

/** The followers' demographics as TikTok reported them, by day. */
export const accountAudiencePage = (db: TiktokDb, accountId: string, after: string | null, limit: number) =>
  page(
    db,
    (k1) => sql`
      SELECT '{"type":"account_audience","account_id":"' || a.account_id || '",' || substr((to_jsonb(a) - 'account_id')::text, 2)
        AS line, a.day::text AS k1, NULL AS k2
      FROM tiktok_account_audience a WHERE a.account_id = ${accountId}
        ${k1 === null ? sql`` : sql`AND a.day > ${k1}::date`}
      ORDER BY a.day`,
    after,
    limit,
  );
