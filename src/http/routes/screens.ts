import { createRoute, z } from "@hono/zod-openapi";
import { AccountOverview, DETAIL_HOURS, VIDEO_LIMIT_MAX, VideoDetail } from "../../contract";
import { assertAccountClaim } from "../access";
import { withEdgeCache } from "../cache/edge-cache";
import { requireUser } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery, VideoId } from "../schemas";
import { accountHistory, accountMetrics, videoOwnerMetrics } from "./parts/accounts";
import { accountInsights } from "./parts/insights";
import { answer } from "./parts/part";
import { videoAnomalies, videoHistory, videoList } from "./parts/videos";
import { accountWatch, videoWatch } from "./parts/watch";

/**
 * The dashboard's screens, each answered whole in one rate-limited, edge-cached request (a free
 * plan's ten requests a minute are ten screens, not two). Each part is built by the very function
 * behind its granular route; the parts are read in parallel, one round trip each, so a screen
 * costs no more round trips than the granular requests it replaces.
 */
const protectedRoute = { security: bearerSecurity, middleware: [requireUser, rateLimit], tags: ["screens"] };

/** The overview's history and video table, as the dashboard has always asked for them. */
const OVERVIEW_DAYS = 30;
/** The watch route's default window of daily metrics. */
const WATCH_DAYS = 60;

const overviewRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/accounts/{id}/overview",
  summary: "The overview screen: metrics, 30-day history, top 100 videos by views, insights and watch time",
  request: { params: z.object({ id: AccountId }).strict(), query: NoQuery },
  responses: {
    200: { description: "The overview", content: { "application/json": { schema: AccountOverview } } },
    ...dataRouteErrors,
  },
});

const detailRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{videoId}/detail",
  summary: "The video screen: the video with its 90-day curve, its account's metrics, anomalies and watch time",
  request: { params: z.object({ videoId: VideoId }).strict(), query: NoQuery },
  responses: {
    200: { description: "The video page", content: { "application/json": { schema: VideoDetail } } },
    ...dataRouteErrors,
  },
});

export const screenRoutes = createRouter()
  .openapi(overviewRoute, async (c) => {
    const { id } = c.req.valid("param");
    assertAccountClaim(c, id);
    return withEdgeCache(c, async () => {
      const db = c.var.services.db;
      const [account, history, list, insights, watch] = await Promise.all([
        accountMetrics(db, id),
        accountHistory(db, id, OVERVIEW_DAYS),
        videoList(db, id, { sort: "views", limit: VIDEO_LIMIT_MAX }),
        accountInsights(db, id),
        accountWatch(db, id, WATCH_DAYS, c.var.config.watch !== null),
      ]);
      // An account not snapshotted yet is not kept (as /metrics), nor watch-time insights just
      // added whose first read is on its way; insights never added do not stop the caching.
      const watchPending = watch.body.connection.status === "active" && !watch.store;
      return answer(c, {
        body: {
          account: account.body,
          series: history.body.series,
          videos: list.body.videos,
          insights: insights.body.insights,
          watch: watch.body,
        },
        store: account.store && !watchPending,
      });
    });
  })
  .openapi(detailRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    const claims = c.var.user.tiktokAccountIds;
    return withEdgeCache(c, async () => {
      const db = c.var.services.db;
      const [account, history, anomalies, watch] = await Promise.all([
        videoOwnerMetrics(db, videoId, claims),
        videoHistory(db, videoId, claims, { hours: DETAIL_HOURS, anchor: "posted" }),
        videoAnomalies(db, videoId, claims),
        videoWatch(db, videoId, claims),
      ]);
      const body: VideoDetail = {
        account_id: history.body.account_id,
        account: account.body,
        video: history.body.video,
        hours: DETAIL_HOURS,
        series: history.body.series,
        anomalies: anomalies.body.anomalies,
        watch: watch.body,
      };
      // as /metrics: the owning account not snapshotted yet is not kept
      return answer(c, { body, store: account.store });
    });
  });
