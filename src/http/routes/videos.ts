import { createRoute, z } from "@hono/zod-openapi";
import { VIDEO_ANCHORS, VIDEO_LIMIT_MAX, VIDEO_SORTS, VideoAnomalies, VideoHistory, VideoList } from "../../contract";
import { assertAccountClaim } from "../access";

import { requireUser } from "../middleware/auth";
import { withEdgeCache } from "../cache/edge-cache";
import { rateLimit } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { answer } from "./parts/part";
import { videoAnomalies, videoHistory, videoList } from "./parts/videos";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery, VideoId, wholeNumber } from "../schemas";

const protectedRoute = { security: bearerSecurity, middleware: [requireUser, rateLimit], tags: ["videos"] };

const listRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{accountId}",
  summary: "An account's videos with their current metrics",
  request: {
    params: z.object({ accountId: AccountId }).strict(),
    query: z
      .object({
        limit: wholeNumber("How many videos", 1, VIDEO_LIMIT_MAX, 50),
        sort: z
          .enum(VIDEO_SORTS, { error: `must be one of ${VIDEO_SORTS.join(", ")}` })
          .default("views")
          .openapi({ description: "Order, highest first (newest: by posting time)" }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "Videos",
      content: {
        "application/json": {
          schema: VideoList,
        },
      },
    },
    ...dataRouteErrors,
  },
});

const snapshotsRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{videoId}/snapshots",
  summary: "A video's history: its velocity curve",
  request: {
    params: z.object({ videoId: VideoId }).strict(),
    query: z
      .object({
        hours: wholeNumber("How many hours of history", 1, 24 * 90, 72),
        anchor: z
          .enum(VIDEO_ANCHORS, { error: "must be posted or latest" })
          .default("latest")
          .openapi({ description: "posted: the first `hours` after posting; latest: the last `hours`" }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "History",
      content: {
        "application/json": {
          schema: VideoHistory,
        },
      },
    },
    ...dataRouteErrors,
  },
});

const anomaliesRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{videoId}/anomalies",
  summary: "Detected spikes and drops of a video, newest first",
  request: { params: z.object({ videoId: VideoId }).strict(), query: NoQuery },
  responses: {
    200: {
      description: "Anomalies",
      content: { "application/json": { schema: VideoAnomalies } },
    },
    ...dataRouteErrors,
  },
});

export const videoRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { accountId } = c.req.valid("param");
    const query = c.req.valid("query");
    assertAccountClaim(c, accountId);
    return withEdgeCache(c, async () => answer(c, await videoList(c.var.services.db, accountId, query)));
  })
  .openapi(snapshotsRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    const query = c.req.valid("query");
    return withEdgeCache(c, async () =>
      answer(c, await videoHistory(c.var.services.db, videoId, c.var.user.tiktokAccountIds, query)),
    );
  })
  .openapi(anomaliesRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    return withEdgeCache(c, async () =>
      answer(c, await videoAnomalies(c.var.services.db, videoId, c.var.user.tiktokAccountIds)),
    );
  });
