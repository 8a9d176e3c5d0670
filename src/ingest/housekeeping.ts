import type { TiktokDb } from "../db/client";
import {
  purgeExpiredApiCache,
  recordHealthMetrics,
  rollUpAccountDays,
  thinOldSnapshots,
} from "../db/queries/housekeeping";
import { log } from "../log";

/** Hourly: expired TikTok answer cache rows purged, health gauges recorded. */
export async function hourlyHousekeeping(db: TiktokDb, atMs: number) {
  const at = new Date(atMs).toISOString();
  const result = { cachePurged: await purgeExpiredApiCache(db), metricsRecorded: await recordHealthMetrics(db, at) };
  log("info", "housekeeping_hourly", result);
  return result;
}

/** Rows thinned per table per daily run: bounded work, a backlog is worked off over days. */
export const THIN_LIMIT = 200_000;

/** Daily: the last three UTC days rolled up (late snapshots included), old snapshots thinned. */
export async function dailyHousekeeping(db: TiktokDb, atMs: number) {
  const at = new Date(atMs).toISOString();
  const result = {
    daysRolledUp: await rollUpAccountDays(db, at, 3),
    thinned: await thinOldSnapshots(db, at, THIN_LIMIT),
  };
  log("info", "housekeeping_daily", result);
  return result;
}
