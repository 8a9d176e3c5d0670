import { createRoute, z } from "@hono/zod-openapi";
import { AccountOverview, VideoDetail } from "../../contract";
import { assertAccountClaim } from "../access";
import { withEdgeCache } from "../cache/edge-cache";
import { requireUser } from "../middleware/auth";
import { rateLimit } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery, VideoId } from "../schemas";
import { answer } from "./parts/part";
import { accountOverview, videoDetail } from "./parts/screens";

/**
 * The dashboard's screens, each answered whole in one rate-limited, edge-cached request (a free
 * plan's ten requests a minute are ten screens, not two), built by parts/screens.ts from the very
 * functions behind the granular routes.
 */
const protectedRoute = { security: bearerSecurity, middleware: [requireUser, rateLimit], tags: ["screens"] };

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
    return withEdgeCache(c, async () =>
      answer(c, await accountOverview(c.var.services.db, id, c.var.config.watch !== null)),
    );
  })
  .openapi(detailRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    return withEdgeCache(c, async () =>
      answer(c, await videoDetail(c.var.services.db, videoId, c.var.user.tiktokAccountIds)),
    );
  });
