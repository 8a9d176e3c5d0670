import { sql } from "./db";
import { seedAccount, seedAccountSnapshots, seedVideo, seedVideoSnapshots, slotOf } from "./fixtures";

/** Two creators' data as the data routes read it: mine (two videos, history, an anomaly, insights) and theirs. */
export const VIDEO_A = "7300000000000000001";
export const VIDEO_A2 = "7300000000000000002";
export const VIDEO_B = "7300000000000000009";

/** Call after `resetDatabase()`; `prefix` keeps the open_ids of two test files apart. */
export async function seedDataWorld(prefix = "open") {
  const mine = await seedAccount(`${prefix}-mine`, { displayName: "Mina" });
  const theirs = await seedAccount(`${prefix}-theirs`, { displayName: "Theo" });
  await seedVideo(mine, VIDEO_A, 5000, "2026-11-19T10:00:00Z");
  await seedVideo(mine, VIDEO_A2, 9000, "2026-11-18T10:00:00Z");
  await seedVideo(theirs, VIDEO_B, 7000);
  const base = slotOf(Date.parse("2026-11-19T10:00:00Z"));
  await seedAccountSnapshots(mine, base, 4);
  await seedVideoSnapshots(mine, VIDEO_A, base, 3);
  await sql`INSERT INTO tiktok_anomalies (account_id, video_id, metric, kind, severity, score, confidence, window_start, window_end,
    observed, expected, event_key, details)
    VALUES (${mine}, ${VIDEO_A}, 'views', 'spike', 'high', 7.5, 0.91, '2026-11-19T11:00:00Z', '2026-11-19T12:00:00Z', 900, 120,
      'video:a:views:spike', '{"ratio": 7.5}')`;
  await sql`INSERT INTO tiktok_insights (account_id, video_id, kind, severity, title, body, evidence, rank, fact_key, expires_at)
    VALUES (${mine}, ${VIDEO_A}, 'early_velocity', 'high', '3.1x your usual first-hour pace',
      'Reply to comments in the next hour.', '{"ratio": 3.1}', 0.9, 'velocity:a', now() + interval '6 hours'),
      (${mine}, NULL, 'stale', 'low', 'expired', 'old', '{}', 0.1, 'old', now() - interval '1 hour')`;
  return { mine, theirs, base };
}
