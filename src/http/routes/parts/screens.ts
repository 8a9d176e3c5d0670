import type { AccountOverview, VideoDetail } from "../../../contract";
import { DETAIL_HOURS, VIDEO_LIMIT_MAX } from "../../../contract/constants";
import type { TiktokDb } from "../../../db/client";
import { accountHistory, accountMetrics, videoOwnerMetrics } from "./accounts";
import { accountInsights } from "./insights";
import type { Part } from "./part";
import { videoAnomalies, videoHistory, videoList } from "./videos";
import { accountWatch, videoWatch } from "./watch";

/**
 * The dashboard's screens, built from the parts behind the granular routes (the same code, so the
 * same bodies), read in parallel: one round trip a part, no more than the granular requests.
 */

/** The overview's history and video table, as the dashboard has always asked for them. */
const OVERVIEW_DAYS = 30;
/** The watch route's default window of daily metrics. */
const WATCH_DAYS = 60;

/** `watchOffered`: whether this deployment offers watch-time insights at all. */
export async function accountOverview(
  db: TiktokDb,
  accountId: string,
  watchOffered: boolean,
): Promise<Part<AccountOverview>> {
  const [account, history, list, insights, watch] = await Promise.all([
    accountMetrics(db, accountId),
    accountHistory(db, accountId, OVERVIEW_DAYS),
    videoList(db, accountId, { sort: "views", limit: VIDEO_LIMIT_MAX }),
    accountInsights(db, accountId),
    accountWatch(db, accountId, WATCH_DAYS, watchOffered),
  ]);
  // Not kept: an account not snapshotted yet (as /metrics), or watch-time insights just added
  // whose first read is on its way; insights never added do not stop the caching.
  const watchPending = watch.body.connection.status === "active" && !watch.store;
  return {
    body: {
      account: account.body,
      series: history.body.series,
      videos: list.body.videos,
      insights: insights.body.insights,
      watch: watch.body,
    },
    store: account.store && !watchPending,
  };
}

/** Only for videos of `accountIds` (the token's claims); any other is the 404 of a missing one. */
export async function videoDetail(db: TiktokDb, videoId: string, accountIds: string[]): Promise<Part<VideoDetail>> {
  const [account, history, anomalies, watch] = await Promise.all([
    videoOwnerMetrics(db, videoId, accountIds),
    videoHistory(db, videoId, accountIds, { hours: DETAIL_HOURS, anchor: "posted" }),
    videoAnomalies(db, videoId, accountIds),
    videoWatch(db, videoId, accountIds),
  ]);
  return {
    body: {
      account_id: history.body.account_id,
      account: account.body,
      video: history.body.video,
      hours: DETAIL_HOURS,
      series: history.body.series,
      anomalies: anomalies.body.anomalies,
      watch: watch.body,
    },
    // as /metrics: the owning account not snapshotted yet is not kept
    store: account.store,
  };
}
