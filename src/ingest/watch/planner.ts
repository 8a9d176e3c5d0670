import type { TiktokDb } from "../../db/client";
import { dueWatchConnectionsPage } from "../../db/queries/watch";
import { log } from "../../log";
import { watchMessage } from "../messages";

/**
 * The daily watch planner (the daily cron): one `watch` message per active watch connection due,
 * on the snapshots queue, paced so the Accounts API sees at most `budgetPerMinute` calls a minute
 * (TikTok publishes no limit for it: WATCH_BUDGET_PER_MINUTE, and a 40100 still re-paces a job).
 * A job costs about three calls (business/get, one or two pages of video/list). Queues delay a
 * message 12 hours at most; past that the day is full and the rest wait for tomorrow's run
 * (their next_fetch_at stays due, so they go first).
 */
export const CALLS_PER_WATCH_JOB = 3;
const MAX_DELAY_SECONDS = 12 * 3600;
const PAGE = 1_000;

export interface WatchPlannerDeps {
  db: TiktokDb;
  queue: Queue;
  budgetPerMinute: number;
}

export async function planWatch(deps: WatchPlannerDeps, atMs: number): Promise<{ planned: number; deferred: number }> {
  const perMinute = Math.max(1, Math.floor(deps.budgetPerMinute / CALLS_PER_WATCH_JOB));
  let planned = 0;
  let deferred = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await dueWatchConnectionsPage(deps.db, atMs, after, PAGE);
    if (!ids.length) break;
    after = ids.at(-1) as string;
    const messages = ids.flatMap((id) => {
      const delaySeconds = Math.floor((planned / perMinute) * 60);
      if (delaySeconds > MAX_DELAY_SECONDS) {
        deferred++;
        return [];
      }
      planned++;
      return [{ body: watchMessage(id, atMs, "schedule"), contentType: "json" as const, delaySeconds }];
    });
    for (let i = 0; i < messages.length; i += 100) await deps.queue.sendBatch(messages.slice(i, i + 100));
    if (ids.length < PAGE) break;
  }
  log("info", "watch_planned", { planned, deferred });
  return { planned, deferred };
}
