import { sql } from "drizzle-orm";
import type { AccountSummary } from "../../analytics";
import type { TiktokDb } from "../client";
import type { goals } from "../schema/coach";

/**
 * The growth coach's reads and writes. The plan is read in one round trip: the account's summary,
 * its videos with the stored 24 h / 7 d checkpoints (or, for videos first seen older than that,
 * their latest count and age), the creator's time zone, hand-made labels, goals and experiments.
 * Every write names the account in the same statement, so an id from another account matches
 * nothing (and the route answers 404).
 */
export const MAX_GOALS = 20;
export const MAX_EXPERIMENTS = 20;
export const MAX_LABELS_PER_VIDEO = 20;

export interface CoachVideoRow {
  id: string;
  createdAtMs: number;
  title: string | null;
  description: string | null;
  durationSeconds: number | null;
  views24h: number | null;
  views7d: number | null;
  latest: { ageHours: number; views: number } | null;
  manualLabels: string[];
}

type GoalKind = (typeof goals.$inferSelect)["kind"];

export interface GoalRow {
  id: string;
  kind: GoalKind;
  target: number;
  baseline: number;
  startMs: number;
  deadlineMs: number;
  createdAtMs: number;
}

export interface ExperimentRow {
  id: string;
  name: string;
  armA: { label: string; negate: boolean };
  armB: { label: string; negate: boolean };
  startMs: number;
  endMs: number | null;
}

export interface CoachInput {
  summary: AccountSummary | null;
  timeZone: string | null;
  videos: CoachVideoRow[];
  goals: GoalRow[];
  experiments: ExperimentRow[];
}

const ms = (column: ReturnType<typeof sql>) => sql`(extract(epoch FROM ${column}) * 1000)::bigint`;
const checkpoint = (age: number) =>
  sql`(SELECT (c->>'views')::float8 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.analytics->'checkpoints') = 'array'
    THEN v.analytics->'checkpoints' ELSE '[]'::jsonb END) c WHERE (c->>'ageHours')::float8 = ${age} LIMIT 1)`;

type Row = {
  input: {
    summary: Record<string, unknown>;
    time_zone: string | null;
    videos:
      | [
          string,
          number,
          string | null,
          string | null,
          number | null,
          number | null,
          number | null,
          number | null,
          number | null,
          string[] | null,
        ][]
      | null;
    goals: [string, GoalKind, number, number, number, number, number][] | null;
    experiments: [string, string, string, boolean, string, boolean, number, number | null][] | null;
  } | null;
};

/** Undefined when the account does not exist. */
export async function readCoachInput(db: TiktokDb, accountId: string): Promise<CoachInput | undefined> {
  const { rows } = await db.execute<Row>(sql`
    SELECT (SELECT json_build_object(
      'summary', a.summary,
      'time_zone', (SELECT s.time_zone FROM tiktok_coach_settings s WHERE s.account_id = a.id),
      'videos', (SELECT json_agg(json_build_array(v.id, ${ms(sql`v.create_time`)}, v.title, v.description, v.duration_seconds,
          ${checkpoint(24)}, ${checkpoint(168)}, (v.analytics->'latest'->>'ageHours')::float8, (v.analytics->'latest'->>'views')::float8,
          (SELECT array_agg(l.label ORDER BY l.label) FROM tiktok_video_labels l WHERE l.video_id = v.id))
        ORDER BY v.create_time)
        FROM tiktok_videos v WHERE v.account_id = a.id AND v.status = 'public'),
      'goals', (SELECT json_agg(json_build_array(g.id::text, g.kind, g.target, g.baseline, ${ms(sql`g.start_at`)},
          ${ms(sql`g.deadline`)}, ${ms(sql`g.created_at`)}) ORDER BY g.deadline, g.id)
        FROM tiktok_goals g WHERE g.account_id = a.id),
      'experiments', (SELECT json_agg(json_build_array(e.id::text, e.name, e.arm_a_label, e.arm_a_negate, e.arm_b_label,
          e.arm_b_negate, ${ms(sql`e.started_at`)}, ${ms(sql`e.ended_at`)}) ORDER BY e.started_at DESC, e.id DESC)
        FROM tiktok_experiments e WHERE e.account_id = a.id)
    ) FROM tiktok_accounts a WHERE a.id = ${accountId}) AS input`);
  const input = rows[0]?.input;
  if (!input) return undefined;
  return {
    summary: "version" in input.summary ? (input.summary as unknown as AccountSummary) : null,
    timeZone: input.time_zone,
    videos: (input.videos ?? []).map(
      ([id, createdAtMs, title, description, durationSeconds, v24, v7, age, views, labels]) => ({
        id,
        createdAtMs: Number(createdAtMs),
        title,
        description,
        durationSeconds,
        views24h: v24,
        views7d: v7,
        latest: age !== null && views !== null ? { ageHours: age, views } : null,
        manualLabels: labels ?? [],
      }),
    ),
    goals: (input.goals ?? []).map(([id, kind, target, baseline, startMs, deadlineMs, createdAtMs]) => ({
      id,
      kind,
      target: Number(target),
      baseline: Number(baseline),
      startMs: Number(startMs),
      deadlineMs: Number(deadlineMs),
      createdAtMs: Number(createdAtMs),
    })),
    experiments: (input.experiments ?? []).map(([id, name, aLabel, aNegate, bLabel, bNegate, startMs, endMs]) => ({
      id,
      name,
      armA: { label: aLabel, negate: aNegate },
      armB: { label: bLabel, negate: bNegate },
      startMs: Number(startMs),
      endMs: endMs === null ? null : Number(endMs),
    })),
  };
}

export async function saveTimeZone(db: TiktokDb, accountId: string, timeZone: string): Promise<boolean> {
  const { rowCount } = await db.execute(sql`
    INSERT INTO tiktok_coach_settings (account_id, time_zone)
    SELECT id, ${timeZone} FROM tiktok_accounts WHERE id = ${accountId}
    ON CONFLICT (account_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = now()`);
  return (rowCount ?? 0) > 0;
}

/** The new goal's id; "missing" without the account, "full" at MAX_GOALS. Baseline: followers now. */
export async function addGoal(
  db: TiktokDb,
  accountId: string,
  goal: { kind: "followers" | "views"; target: number; deadline: Date },
): Promise<string | "missing" | "full"> {
  const { rows } = await db.execute<{ id: string | null; exists: boolean }>(sql`
    WITH added AS (
      INSERT INTO tiktok_goals (account_id, kind, target, baseline, start_at, deadline)
      SELECT a.id, ${goal.kind}, ${goal.target}, coalesce(a.follower_count, 0), now(), ${goal.deadline.toISOString()}
      FROM tiktok_accounts a
      WHERE a.id = ${accountId} AND (SELECT count(*) FROM tiktok_goals WHERE account_id = a.id) < ${MAX_GOALS}
      RETURNING id::text AS id)
    SELECT (SELECT id FROM added) AS id, EXISTS (SELECT 1 FROM tiktok_accounts WHERE id = ${accountId}) AS exists`);
  const row = rows[0];
  return row?.id ?? (row?.exists ? "full" : "missing");
}

export async function deleteGoal(db: TiktokDb, accountId: string, goalId: string): Promise<boolean> {
  const { rowCount } = await db.execute(
    sql`DELETE FROM tiktok_goals WHERE id = ${goalId} AND account_id = ${accountId}`,
  );
  return (rowCount ?? 0) > 0;
}

export async function addExperiment(
  db: TiktokDb,
  accountId: string,
  e: { name: string; armA: { label: string; negate: boolean }; armB: { label: string; negate: boolean } },
): Promise<{ id: string; startedAtMs: number } | "missing" | "full"> {
  const { rows } = await db.execute<{ id: string | null; started: number | null; exists: boolean }>(sql`
    WITH added AS (
      INSERT INTO tiktok_experiments (account_id, name, arm_a_label, arm_a_negate, arm_b_label, arm_b_negate)
      SELECT a.id, ${e.name}, ${e.armA.label}, ${e.armA.negate}, ${e.armB.label}, ${e.armB.negate}
      FROM tiktok_accounts a
      WHERE a.id = ${accountId} AND (SELECT count(*) FROM tiktok_experiments WHERE account_id = a.id) < ${MAX_EXPERIMENTS}
      RETURNING id::text AS id, started_at)
    SELECT (SELECT id FROM added) AS id, (SELECT ${ms(sql`started_at`)} FROM added) AS started,
      EXISTS (SELECT 1 FROM tiktok_accounts WHERE id = ${accountId}) AS exists`);
  const row = rows[0];
  if (row?.id) return { id: row.id, startedAtMs: Number(row.started) };
  return row?.exists ? "full" : "missing";
}

/** Stops a running experiment (videos posted later no longer join); false when there is no such experiment. */
export async function stopExperiment(db: TiktokDb, accountId: string, experimentId: string): Promise<boolean> {
  const { rowCount } = await db.execute(sql`
    UPDATE tiktok_experiments SET ended_at = coalesce(ended_at, now())
    WHERE id = ${experimentId} AND account_id = ${accountId}`);
  return (rowCount ?? 0) > 0;
}

export async function deleteExperiment(db: TiktokDb, accountId: string, experimentId: string): Promise<boolean> {
  const { rowCount } = await db.execute(
    sql`DELETE FROM tiktok_experiments WHERE id = ${experimentId} AND account_id = ${accountId}`,
  );
  return (rowCount ?? 0) > 0;
}

/** "missing" when the video is not this account's; "full" at MAX_LABELS_PER_VIDEO; adding twice is fine. */
export async function addVideoLabel(
  db: TiktokDb,
  accountId: string,
  videoId: string,
  label: string,
): Promise<"added" | "missing" | "full"> {
  const { rows } = await db.execute<{ added: boolean; video: boolean; present: boolean }>(sql`
    WITH video AS (SELECT id, account_id FROM tiktok_videos WHERE id = ${videoId} AND account_id = ${accountId}),
    added AS (
      INSERT INTO tiktok_video_labels (video_id, account_id, label)
      SELECT id, account_id, ${label} FROM video
      WHERE (SELECT count(*) FROM tiktok_video_labels WHERE video_id = ${videoId}) < ${MAX_LABELS_PER_VIDEO}
      ON CONFLICT (video_id, label) DO NOTHING
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM added) AS added, EXISTS (SELECT 1 FROM video) AS video,
      EXISTS (SELECT 1 FROM tiktok_video_labels WHERE video_id = ${videoId} AND label = ${label}) AS present`);
  const row = rows[0];
  if (!row?.video) return "missing";
  return row.added || row.present ? "added" : "full";
}

export async function removeVideoLabel(
  db: TiktokDb,
  accountId: string,
  videoId: string,
  label: string,
): Promise<boolean> {
  const { rowCount } = await db.execute(sql`
    DELETE FROM tiktok_video_labels WHERE video_id = ${videoId} AND account_id = ${accountId} AND label = ${label}`);
  return (rowCount ?? 0) > 0;
}
