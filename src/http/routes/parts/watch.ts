import { videoWatchReport } from "../../../analytics/watch";
import type { AccountWatch, VideoWatch } from "../../../contract";
import type { TiktokDb } from "../../../db/client";
import { readAccountWatch, readVideoWatch } from "../../../db/queries/watch";
import { accountNotFound, videoNotFound } from "../../access";
import type { Part } from "./part";

/** Everything is precomputed by the daily watch-time job: one round trip a part. */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `available`: whether this deployment offers watch-time insights at all. */
export async function accountWatch(
  db: TiktokDb,
  accountId: string,
  days: number,
  available: boolean,
): Promise<Part<AccountWatch>> {
  const view = await readAccountWatch(db, accountId, days);
  if (!view) throw accountNotFound();
  const summary = view.connection?.summary ?? null;
  const b = summary?.baseline;
  return {
    body: {
      account_id: accountId,
      connection: {
        available,
        status: view.connection?.status ?? null,
        status_reason: view.connection?.statusReason ?? null,
        data_through: view.connection?.dataThrough ?? null,
        last_fetched_at: view.connection?.lastFetchedAt ?? null,
      },
      activity: summary?.activity
        ? { hours: summary.activity.hours, days: summary.activity.days, best_hours: summary.activity.bestHours }
        : null,
      watch_time: (summary?.watchDays ?? []).map((d) => ({
        day: d.day,
        hours_watched: d.hoursWatched,
        views: d.views,
        span_days: d.spanDays,
      })),
      typical: {
        videos: b?.videos ?? 0,
        hook: b?.hook?.p50 ?? null,
        average_seconds: b?.averageSeconds?.p50 ?? null,
        completion: b?.completion?.p50 ?? null,
        sources: b?.mix ?? null,
      },
      days: {
        date: view.days.date,
        views: view.days.views,
        profile_views: view.days.profileViews,
        followers_gained: view.days.followersGained,
        followers_lost: view.days.followersLost,
      },
    },
    // Not added yet, or its first read still on its way: the dashboard must see the change at
    // once (after the consent), so this answer is not cached.
    store: summary !== null && view.connection?.status === "active",
  };
}

/** Only for videos of `accountIds` (the token's claims); any other is the 404 of a missing one. */
export async function videoWatch(db: TiktokDb, videoId: string, accountIds: string[]): Promise<Part<VideoWatch>> {
  const watch = await readVideoWatch(db, videoId, accountIds);
  if (!watch) throw videoNotFound();
  const report = watch.connected ? videoWatchReport(watch.copies, watch.summary?.baseline ?? null) : null;
  const diagnoses = (watch.summary?.diagnoses ?? []).filter((d) => d.videoId === videoId);
  return {
    body: {
      video_id: videoId,
      connected: watch.connected,
      report: report && {
        fetched_at: new Date(report.fetchedAtMs).toISOString(),
        duration_seconds: report.durationSeconds,
        views: report.views,
        retention: {
          positions: report.retention.positions,
          video: report.retention.video,
          band: report.retention.band,
          steepest_loss: report.retention.steepestLoss && {
            from_second: report.retention.steepestLoss.fromSecond,
            to_second: report.retention.steepestLoss.toSecond,
            lost: report.retention.steepestLoss.lost,
            typical_lost: report.retention.steepestLoss.typicalLost,
          },
        },
        hook: report.hook,
        average_seconds: report.averageSeconds,
        average_share: report.averageShare,
        completion: report.completion,
        sources: report.sources,
        audience: report.audience,
        countries: report.countries,
      },
      diagnoses: diagnoses.map((d) => ({
        subject: d.subject,
        status: d.status,
        cause: d.cause,
        headline: d.headline,
        evidence: d.evidence,
        also: d.also,
        data_fetched_at: iso(d.dataFetchedAtMs),
        window_start: d.about?.kind === "drop" ? iso(d.about.windowStartMs) : null,
      })),
    },
    store: report !== null,
  };
}
