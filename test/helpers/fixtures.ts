import { sql } from "./db";
import { testEnv } from "./env";

/** Test data written straight into the tables the API reads, through the real driver. */

let userSeq = 1000;
/** A fresh user id per call: rate-limit counters are per user and outlive a test. */
export const nextUserId = () => String(userSeq++ + Math.floor(Math.random() * 1_000_000) * 1000);

export const SLOT_MS = 30 * 60 * 1000;
export const slotOf = (ms: number) => Math.floor(ms / SLOT_MS) * SLOT_MS;

/** A bare account: its open_id and every other column at its default (never synced, no summary). */
export async function bareAccount(openId: string): Promise<string> {
  const [row] = (await sql`INSERT INTO tiktok_accounts (open_id) VALUES (${openId}) RETURNING id::text AS id`) as {
    id: string;
  }[];
  return row!.id;
}

export async function seedAccount(openId: string, fields: { followers?: number; displayName?: string } = {}) {
  const [row] = (await sql`
    INSERT INTO tiktok_accounts (open_id, display_name, username, follower_count, following_count, likes_count,
      video_count, view_count, engagement_rate, summary, last_synced_at, granted_scopes)
    VALUES (${openId}, ${fields.displayName ?? `Creator ${openId}`}, ${openId}, ${fields.followers ?? 1200}, 80, 54000,
      2, 91000, 0.0625, ${JSON.stringify({ changes: { followers_24h: 35 } })}::jsonb, '2026-11-20T12:00:00Z',
      '{user.info.basic,user.info.stats,video.list}')
    RETURNING id::text AS id`) as { id: string }[];
  return row!.id;
}

export async function seedVideo(accountId: string, id: string, views: number, createdAt = "2026-11-19T10:00:00Z") {
  await sql`
    INSERT INTO tiktok_videos (id, account_id, create_time, title, view_count, like_count, comment_count, share_count,
      analytics, metrics_updated_at)
    VALUES (${id}, ${accountId}, ${createdAt}, ${`Video ${id.slice(-3)}`}, ${views}, ${Math.round(views / 10)},
      ${Math.round(views / 100)}, ${Math.round(views / 200)}, ${JSON.stringify({ latest: { views }, checkpoints: [{ ageHours: 1, views: 10 }] })}::jsonb,
      '2026-11-20T12:00:00Z')`;
}

export async function seedAccountSnapshots(accountId: string, startMs: number, count: number) {
  for (let i = 0; i < count; i++) {
    const slot = new Date(startMs + i * SLOT_MS).toISOString();
    await sql`INSERT INTO tiktok_account_snapshots (account_id, slot, fetched_at, follower_count, following_count,
      likes_count, video_count, view_count) VALUES (${accountId}, ${slot}, ${slot}, ${1000 + i}, 80, ${50000 + i * 10}, 2, ${90000 + i * 100})`;
  }
}

export async function seedVideoSnapshots(accountId: string, videoId: string, startMs: number, count: number) {
  for (let i = 0; i < count; i++) {
    const slot = new Date(startMs + i * SLOT_MS).toISOString();
    await sql`INSERT INTO tiktok_video_snapshots (video_id, account_id, slot, fetched_at, view_count, like_count,
      comment_count, share_count) VALUES (${videoId}, ${accountId}, ${slot}, ${slot}, ${100 * (i + 1)}, ${10 * (i + 1)}, ${i}, ${i})`;
  }
}

/** SQL requests the local Neon endpoint has served so far: the tests' database round-trip counter. */
export async function dbRequests(): Promise<number> {
  const stats = await fetch(new URL("/stats", testEnv.NEON_HTTP_ENDPOINT));
  return ((await stats.json()) as { sql_requests: number }).sql_requests;
}
