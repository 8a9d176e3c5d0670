import { buildWatchSummary, RECENT_MS, watchDay, type WatchCopy } from "../../analytics/watch";
import { DAY_MS } from "../../analytics/time";
import {
  disconnectWatch,
  finishWatchJob,
  loadWatchContext,
  loadWatchHistory,
  writeWatchCopies,
} from "../../db/queries/watch";
import type { WatchClient } from "../../tiktok/business/client";
import { usableWatchToken } from "../../connections/watch-credentials";
import { missingWatchScopes } from "../../tiktok/business/fields";
import { refreshDeadline } from "../../connections/credentials";
import type { IngestJobDeps } from "../job-deps";
import { utcDay, type WatchMessage } from "../messages";
import { accountDayRow, audienceRow, videoWatchRow, watchCopyOf } from "./mapping";

/**
 * One account's daily watch-time insights: read the context (1 round trip, the refresh lease
 * taken in it), make sure the Accounts API token is usable, ask TikTok for the account's daily
 * metrics and its recent videos' lifetime analytics, store today's copy of each (1 round trip),
 * rebuild the summary from the stored history (1) and finish with the summary and the ingest
 * log's success row (1). Idempotent per account and UTC day: a redelivery finds the success row
 * and stops, and a rerun the same day replaces that day's copies.
 */
export type WatchJobDeps = IngestJobDeps<WatchClient>;

export type WatchJobOutcome =
  | { status: "ok"; videosFetched: number; videosStored: number; daysStored: number; diagnoses: number }
  | { status: "already_done" }
  | { status: "skipped"; reason: string }
  /** Come back later: the account's first snapshot (its videos, which the copies belong to) is not in yet. */
  | { status: "waiting"; reason: string };

/** TikTok looks back 60 days; a first run asks for all of them. */
export const LOOKBACK_DAYS = 59;
/** Later runs ask again for the last week of days (TikTok revises them) … */
const REVISED_DAYS = 7;
/** … and for the videos still changing: posted in the last three weeks. */
const CHANGING_MS = 21 * DAY_MS;
const FIRST_RUN_PAGES = 10;
const DAILY_PAGES = 5;

export async function runWatchJob(deps: WatchJobDeps, message: WatchMessage): Promise<WatchJobOutcome> {
  const startedAtMs = deps.now();
  const ctx = await loadWatchContext(deps.db, message.accountId, message.key, refreshDeadline(startedAtMs));
  if (!ctx) return { status: "skipped", reason: "no watch connection" };
  if (ctx.done) return { status: "already_done" };
  const connection = ctx.connection;
  if (connection.status !== "active") return { status: "skipped", reason: `watch connection ${connection.status}` };
  const missing = missingWatchScopes(connection.grantedScopes);
  if (missing.length) {
    await disconnectWatch(deps.db, connection.accountId, "missing_scopes", `not granted: ${missing.join(", ")}`);
    return { status: "skipped", reason: "missing scopes" };
  }
  // Both consents given within seconds: the first watch job can run while the first snapshot is
  // still being written, and would store no video's copy for the day.
  if (!ctx.snapshotted) return { status: "waiting", reason: "first snapshot not in yet" };
  const token = await usableWatchToken(deps, ctx.credentials, connection.accountId);

  // The videos first: their answer's Date header is TikTok's clock, which the days are counted by
  // (TikTok refuses a start more than 60 days before its today; days end at UTC midnight and are
  // finished a day or two late). The message's day is the job's key, not TikTok's calendar.
  const firstRun = connection.dataThrough === null;
  const dayMs = Date.parse(message.day);
  const listed = await deps.client.videosSince(
    token.accessToken,
    connection.businessId,
    token.scopes,
    firstRun ? dayMs - LOOKBACK_DAYS * DAY_MS : dayMs - CHANGING_MS,
    firstRun ? FIRST_RUN_PAGES : DAILY_PAGES,
  );
  const tiktokToday = Date.parse(utcDay(listed.observedAtMs));
  const oldest = utcDay(tiktokToday - LOOKBACK_DAYS * DAY_MS);
  const revisedFrom = connection.dataThrough
    ? utcDay(Date.parse(connection.dataThrough) - REVISED_DAYS * DAY_MS)
    : oldest;
  const range = { startDate: revisedFrom < oldest ? oldest : revisedFrom, endDate: utcDay(tiktokToday - DAY_MS) };
  const account = await deps.client.account(token.accessToken, connection.businessId, token.scopes, range);
  // Copies are timed by TikTok's clock, one per video per UTC day.
  const fetchedAtMs = account.observedAtMs;
  const today = utcDay(fetchedAtMs);
  const rows = listed.videos.map(videoWatchRow);
  const days = account.metrics.map(accountDayRow);

  // The history before today's copies: its newest copies are what today's watch time is measured from.
  const history = await loadWatchHistory(deps.db, connection.accountId, fetchedAtMs, RECENT_MS / DAY_MS);
  const written = await writeWatchCopies(deps.db, {
    accountId: connection.accountId,
    day: today,
    fetchedAtMs,
    videos: rows,
    days,
    audience: audienceRow(account),
  });

  const stored = new Set(written.videoIds);
  const createdAt = new Map(listed.videos.map((v) => [v.item_id, (v.create_time ?? 0) * 1000]));
  const byVideo = new Map(history.videos.map((v) => [v.videoId, { ...v, copies: [...v.copies] }]));
  const previous = new Map<string, WatchCopy>();
  const current = new Map<string, WatchCopy>();
  for (const v of byVideo.values()) {
    v.copies = v.copies.filter((c) => utcDay(c.fetchedAtMs) !== today);
    const last = v.copies.at(-1);
    if (last) previous.set(v.videoId, last);
  }
  for (const row of rows) {
    if (!stored.has(row.videoId)) continue;
    const copy = watchCopyOf(row, fetchedAtMs);
    current.set(row.videoId, copy);
    const entry = byVideo.get(row.videoId) ?? {
      videoId: row.videoId,
      createdAtMs: createdAt.get(row.videoId) ?? fetchedAtMs,
      copies: [],
    };
    entry.copies.push(copy);
    byVideo.set(row.videoId, entry);
  }
  const summary = buildWatchSummary({
    nowMs: fetchedAtMs,
    videos: [...byVideo.values()],
    days: [...days.map((d) => ({ date: d.date, activity: d.audienceActivity })), ...history.days].filter(
      (d, i, all) => all.findIndex((x) => x.date === d.date) === i,
    ),
    previous: connection.summary,
    watchDay: watchDay(today, previous, current),
    subjects: history.subjects,
  });
  const dataThrough = days.reduce<string | null>((max, d) => (max === null || d.date > max ? d.date : max), null);
  await finishWatchJob(deps.db, {
    accountId: connection.accountId,
    jobKey: message.key,
    summary,
    dataThrough,
    nextFetchAtMs: Date.parse(today) + DAY_MS,
    startedAtMs,
    tiktokCalls: deps.calls.total,
    rowsWritten: written.videoIds.length + written.days,
    details: { calls: deps.calls.byEndpoint, videosListed: rows.length, complete: listed.complete },
  });
  return {
    status: "ok",
    videosFetched: rows.length,
    videosStored: written.videoIds.length,
    daysStored: written.days,
    diagnoses: summary.diagnoses.length,
  };
}
