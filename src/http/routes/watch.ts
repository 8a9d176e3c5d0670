import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AccountWatch, AuthorizeUrl, VideoWatch, WatchRemoved } from "../../contract";
import { describeDatabaseError } from "../../db/errors";
import { removeWatch } from "../../lifecycle/disconnect";
import { errorFields, log } from "../../log";
import { createWatchClient } from "../../tiktok/business/client";
import {
  finishWatchConnect,
  startWatchConnect,
  WATCH_STATE_COOKIE,
  WATCH_STATE_TTL_SECONDS,
  WatchConnectError,
} from "../../connections/watch-connect";
import { accountNotFound, assertAccountClaim } from "../access";
import { withEdgeCache } from "../cache/edge-cache";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { rateLimit, sessionBudget } from "../middleware/rate-limit";
import { lifecycleDeps } from "../request-context";
import { createRouter } from "../router";
import { answer } from "./parts/part";
import { accountWatch, videoWatch } from "./parts/watch";
import {
  AccountId,
  bearerSecurity,
  dataRouteErrors,
  errorResponse,
  NoQuery,
  OAuthCallbackQuery,
  oauthCallbackErrors,
  VideoId,
  wholeNumber,
} from "../schemas";

/**
 * Watch-time insights (TikTok's Accounts API): the optional second connection, and what it adds:
 * the account's watch time, audience activity by hour and daily metrics; a video's retention
 * against the creator's typical band, hook, watch time, traffic sources and the diagnosis of its
 * drops and slow starts. Everything is precomputed by the daily job: one round trip a request.
 */
const protectedRoute = { security: bearerSecurity, middleware: [requireUser, rateLimit], tags: ["watch"] };
const accountParam = z.object({ id: AccountId }).strict();

const connectRoute = createRoute({
  ...protectedRoute,
  // the session budget, as for disconnecting: having browsed ten charts must not stop adding insights
  middleware: [requireUser, sessionBudget],
  method: "get",
  path: "/api/v1/accounts/{id}/watch/connect",
  summary: "Add watch-time insights: a redirect to TikTok's consent page for its Accounts API (or its URL)",
  description:
    "Optional: the dashboard works fully without it. Browsers are redirected (302); with `Accept: application/json` " +
    "the answer is `{authorize_url}`. An httpOnly cookie binds the flow to this browser; the state names the account.",
  request: { params: accountParam, query: NoQuery },
  responses: {
    200: {
      description: "The consent URL",
      content: { "application/json": { schema: AuthorizeUrl } },
    },
    302: { description: "Redirect to TikTok's consent page" },
    ...dataRouteErrors,
    404: errorResponse("Not one of the token's accounts, or watch-time insights are not offered here"),
  },
});

const removeRoute = createRoute({
  ...protectedRoute,
  // the session budget, as for disconnecting the account
  middleware: [requireUser, sessionBudget],
  method: "delete",
  path: "/api/v1/accounts/{id}/watch",
  summary: "Remove watch-time insights: the Accounts API's access ends at TikTok; snapshots go on",
  description:
    "What was read is kept with the account (adding the insights again continues it) and is deleted with it.",
  request: { params: accountParam, query: NoQuery },
  responses: {
    200: {
      description: "Removed (also when there was nothing to remove)",
      content: { "application/json": { schema: WatchRemoved } },
    },
    ...dataRouteErrors,
  },
});

const callbackRoute = createRoute({
  method: "get",
  path: "/tiktok/watch/callback",
  tags: ["watch"],
  summary: "TikTok's redirect back from the Accounts API's consent: exchange the code, store the encrypted tokens",
  request: {
    query: OAuthCallbackQuery,
  },
  responses: {
    302: {
      description:
        "Back to the dashboard: `?watch_connected=<account id>`, or `?watch_error=` one of access_denied, " +
        "invalid_state, expired_state, code_rejected, tiktok_unavailable, other_account, not_configured",
    },
    ...oauthCallbackErrors,
  },
});

const accountWatchRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/accounts/{id}/watch",
  summary: "Watch time, audience activity by hour and TikTok's daily metrics (with watch-time insights)",
  request: {
    params: accountParam,
    query: z
      .object({
        days: wholeNumber("Daily metrics back from the newest reported day", 1, 365, 60, "days"),
      })
      .strict(),
  },
  responses: {
    200: { description: "Watch-time insights", content: { "application/json": { schema: AccountWatch } } },
    ...dataRouteErrors,
  },
});

const videoWatchRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/videos/{videoId}/watch",
  summary: "A video's retention against the creator's typical band, hook, watch time, traffic sources and diagnoses",
  request: { params: z.object({ videoId: VideoId }).strict(), query: NoQuery },
  responses: {
    200: { description: "The video's watch-time insights", content: { "application/json": { schema: VideoWatch } } },
    ...dataRouteErrors,
  },
});

export const watchRoutes = createRouter()
  .openapi(connectRoute, async (c) => {
    const { id } = c.req.valid("param");
    assertAccountClaim(c, id);
    if (!c.var.config.watch) throw new ApiError("not_found", "Watch-time insights are not offered here.");
    const { url, state } = await startWatchConnect(c.var.services.usersDb, c.var.config, c.var.user.sub, id);
    setCookie(c, WATCH_STATE_COOKIE, state, {
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      path: "/",
      maxAge: WATCH_STATE_TTL_SECONDS,
    });
    c.header("cache-control", "no-store");
    if ((c.req.header("accept") ?? "").includes("application/json")) return c.json({ authorize_url: url }, 200);
    return c.redirect(url, 302);
  })
  .openapi(removeRoute, async (c) => {
    const { id } = c.req.valid("param");
    assertAccountClaim(c, id);
    if (!(await removeWatch(lifecycleDeps(c), c.var.user.sub, id))) throw accountNotFound();
    c.header("cache-control", "no-store");
    return c.json({ account_id: id, watch: "removed" as const }, 200);
  })
  .openapi(callbackRoute, async (c) => {
    const query = c.req.valid("query");
    const dashboard = new URL(c.var.config.dashboardUrl);
    deleteCookie(c, WATCH_STATE_COOKIE, { path: "/", secure: true });
    c.header("cache-control", "no-store");
    try {
      const watch = c.var.config.watch;
      if (!watch) throw new WatchConnectError("not_configured", "watch-time insights are not configured");
      const { accountId } = await finishWatchConnect(
        {
          usersDb: c.var.services.usersDb,
          tiktokDb: c.var.services.db,
          client: createWatchClient(watch),
          vault: c.var.services.vault,
          config: c.var.config,
          queue: c.env.SNAPSHOTS,
          now: Date.now(),
        },
        { ...query, cookieState: getCookie(c, WATCH_STATE_COOKIE) },
      );
      dashboard.searchParams.set("watch_connected", accountId);
    } catch (error) {
      const failure = error instanceof WatchConnectError ? error.failure : "tiktok_unavailable";
      if (error instanceof WatchConnectError) log("warn", "watch_connect_failed", { failure, detail: error.message });
      else log("error", "watch_callback_crashed", describeDatabaseError(error) ?? errorFields(error));
      dashboard.searchParams.set("watch_error", failure);
    }
    return c.redirect(dashboard.toString(), 302);
  })
  .openapi(accountWatchRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { days } = c.req.valid("query");
    assertAccountClaim(c, id);
    return withEdgeCache(c, async () =>
      answer(c, await accountWatch(c.var.services.db, id, days, c.var.config.watch !== null)),
    );
  })
  .openapi(videoWatchRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    return withEdgeCache(c, async () =>
      answer(c, await videoWatch(c.var.services.db, videoId, c.var.user.tiktokAccountIds)),
    );
  });
