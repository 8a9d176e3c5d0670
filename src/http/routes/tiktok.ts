import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  ConnectError,
  finishConnect,
  startConnect,
  STATE_COOKIE,
  STATE_COOKIE_PATH,
  STATE_TTL_SECONDS,
} from "../../connections/connect";
import { handleWebhook, MAX_WEBHOOK_BYTES } from "../../connections/webhook";
import { verifyWebhookSignature } from "../../connections/webhook-signature";
import { describeDatabaseError } from "../../db/errors";
import { errorFields, log } from "../../log";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { rateLimit } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { bearerSecurity, errorResponse, NoQuery, OAuthCallbackQuery, oauthCallbackErrors } from "../schemas";

const connectRoute = createRoute({
  method: "get",
  path: "/api/v1/tiktok/connect",
  tags: ["tiktok"],
  summary: "Start connecting a TikTok account: a redirect to TikTok's consent page (or its URL, for scripts)",
  description:
    "Browsers are redirected (302). With `Accept: application/json` the answer is `{authorize_url}`, for a " +
    "dashboard that holds its token in memory and navigates itself. Either way an httpOnly cookie binds the " +
    "flow to this browser.",
  security: bearerSecurity,
  middleware: [requireUser, rateLimit],
  request: { query: NoQuery },
  responses: {
    200: {
      description: "The consent URL",
      content: { "application/json": { schema: z.object({ authorize_url: z.string() }) } },
    },
    302: { description: "Redirect to TikTok's consent page" },
    401: errorResponse("Not signed in"),
    429: errorResponse("Rate limit reached"),
  },
});

const callbackRoute = createRoute({
  method: "get",
  path: "/tiktok/callback",
  tags: ["tiktok"],
  summary: "TikTok's redirect back: exchange the code, store the encrypted tokens, link the account",
  request: {
    query: OAuthCallbackQuery,
  },
  responses: {
    302: {
      description:
        "Back to the dashboard: `?connected=<account id>`, or `?connect_error=` one of access_denied, " +
        "invalid_state, expired_state, code_rejected, tiktok_unavailable",
    },
    ...oauthCallbackErrors,
  },
});

const webhookRoute = createRoute({
  method: "post",
  path: "/tiktok/webhook",
  tags: ["tiktok"],
  middleware: [limitBody(MAX_WEBHOOK_BYTES)],
  request: { query: NoQuery },
  summary: "TikTok's webhook: verifies TikTok-Signature, handles authorization.removed, acknowledges the rest",
  responses: {
    200: { description: "Received (duplicates and unknown events included)" },
    400: errorResponse("Signed, but not a TikTok delivery"),
    401: errorResponse("Missing, malformed, stale or wrong signature"),
    413: errorResponse("Body over 64 KB"),
    503: errorResponse("The database is unavailable: TikTok will retry"),
  },
});

export const tiktokRoutes = createRouter()
  .openapi(connectRoute, async (c) => {
    const { url, state } = await startConnect(c.var.services.usersDb, c.var.config, c.var.user.sub);
    setCookie(c, STATE_COOKIE, state, {
      httpOnly: true,
      secure: true,
      // Lax: the cookie must come back on TikTok's top-level redirect to the callback.
      sameSite: "Lax",
      path: STATE_COOKIE_PATH,
      maxAge: STATE_TTL_SECONDS,
    });
    c.header("cache-control", "no-store");
    if ((c.req.header("accept") ?? "").includes("application/json")) return c.json({ authorize_url: url }, 200);
    return c.redirect(url, 302);
  })
  .openapi(callbackRoute, async (c) => {
    const query = c.req.valid("query");
    const dashboard = new URL(c.var.config.dashboardUrl);
    deleteCookie(c, STATE_COOKIE, { path: STATE_COOKIE_PATH, secure: true });
    c.header("cache-control", "no-store");
    try {
      const { accountId } = await finishConnect(
        {
          usersDb: c.var.services.usersDb,
          tiktokDb: c.var.services.db,
          client: c.var.services.tiktok,
          vault: c.var.services.vault,
          config: c.var.config,
          queue: c.env.SNAPSHOTS,
          now: Date.now(),
        },
        { ...query, cookieState: getCookie(c, STATE_COOKIE) },
      );
      dashboard.searchParams.set("connected", accountId);
    } catch (error) {
      // The browser navigated here: whatever failed (the database too), it goes back to the
      // dashboard with a message, never to a JSON error page.
      const failure = error instanceof ConnectError ? error.failure : "tiktok_unavailable";
      if (error instanceof ConnectError) log("warn", "tiktok_connect_failed", { failure, detail: error.message });
      else log("error", "tiktok_callback_crashed", describeDatabaseError(error) ?? errorFields(error));
      dashboard.searchParams.set("connect_error", failure);
    }
    return c.redirect(dashboard.toString(), 302);
  })
  .openapi(webhookRoute, async (c) => {
    const raw = await c.req.text();
    const { tiktok } = c.var.config;
    const secrets = [tiktok.clientSecret, ...(tiktok.previousClientSecret ? [tiktok.previousClientSecret] : [])];
    const verdict = await verifyWebhookSignature(
      c.req.header("tiktok-signature"),
      raw,
      secrets,
      Math.floor(Date.now() / 1000),
    );
    if (!verdict.ok) {
      log("warn", "tiktok_webhook_rejected", { problem: verdict.problem });
      throw new ApiError("unauthorized", `Webhook signature ${verdict.problem}.`);
    }
    const outcome = await handleWebhook(
      { db: c.var.services.db, usersDb: c.var.services.usersDb },
      tiktok.clientKey,
      raw,
    );
    if (outcome === "invalid") throw new ApiError("invalid_request", "Not a TikTok webhook delivery.");
    return c.json({ received: true, outcome }, 200);
  });
