import { thinWatchCopies } from "../db/queries/watch";
import type { TiktokDb, UsersDb } from "../db/client";
import {
  purgeEndedIdentityRows,
  purgeExpiredApiCache,
  recordHealthMetrics,
  rollUpAccountDays,
  thinSnapshotBands,
} from "../db/queries/housekeeping";
import { eraseDueAccounts } from "../db/queries/lifecycle";
import { log } from "../log";

/** Accounts past their deletion date erased per statement (each with its whole history), and statements per run. */
const ERASE_BATCH = 25;
const ERASE_ROUNDS = 20;

/** Rows one retention statement deletes at most: each statement stays short. */
export const THIN_LIMIT = 50_000;
/** Statements per run at most: a run deletes up to 1M rows per tier and table, then leaves the rest for the next. */
const THIN_ROUNDS = 20;

/**
 * Thins the snapshots that aged into a coarser tier, in rounds until a round finds less than
 * its limit. Hourly runs look one day back from each tier's edge, the daily run a week, so a
 * week without housekeeping is still caught up; history older than that keeps its finer grain.
 */
async function thin(db: TiktokDb, at: string, bandDays: number) {
  const total = { videos: 0, accounts: 0, complete: false };
  for (let round = 0; round < THIN_ROUNDS && !total.complete; round++) {
    const { videos, accounts, full } = await thinSnapshotBands(db, at, bandDays, THIN_LIMIT);
    total.videos += videos;
    total.accounts += accounts;
    total.complete = !full;
  }
  if (!total.complete) log("warn", "retention_backlog", { bandDays, ...total });
  return total;
}

/** Hourly: expired TikTok answer cache rows purged, health gauges recorded, the newest band thinned. */
export async function hourlyHousekeeping(db: TiktokDb, atMs: number) {
  const at = new Date(atMs).toISOString();
  const result = {
    cachePurged: await purgeExpiredApiCache(db),
    metricsRecorded: await recordHealthMetrics(db, at),
    thinned: await thin(db, at, 1),
  };
  log("info", "housekeeping_hourly", result);
  return result;
}

/** Accounts nobody has held for the whole grace period, deleted with their history, a batch at a time. */
async function eraseDue(db: TiktokDb, at: string): Promise<number> {
  let erased = 0;
  for (let round = 0; round < ERASE_ROUNDS; round++) {
    const n = await eraseDueAccounts(db, at, ERASE_BATCH);
    erased += n;
    if (n < ERASE_BATCH) return erased;
  }
  log("warn", "erasure_backlog", { erased });
  return erased;
}

/**
 * Daily: accounts past their deletion date erased, the last three UTC days rolled up (late
 * snapshots included), a week's band thinned, ended sessions and expired OAuth states deleted.
 */
export async function dailyHousekeeping(db: TiktokDb, usersDb: UsersDb, atMs: number) {
  const at = new Date(atMs).toISOString();
  const result = {
    accountsErased: await eraseDue(db, at),
    daysRolledUp: await rollUpAccountDays(db, at, 3),
    thinned: await thin(db, at, 7),
    watchCopiesThinned: await thinWatchCopies(db, at, THIN_LIMIT),
    purged: await purgeEndedIdentityRows(usersDb, at),
  };
  log("info", "housekeeping_daily", result);
  return result;
}
