import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { videoWatchReport } from "../../analytics/watch";
import { describeDatabaseError } from "../../db/errors";
import { readAccountWatch, readVideoWatch } from "../../db/queries/watch";
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
import { accountNotFound, assertAccountClaim, videoNotFound } from "../access";
import { withEdgeCache } from "../cache/edge-cache";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { rateLimit, sessionBudget } from "../middleware/rate-limit";
import { lifecycleDeps } from "../request-context";
import { createRouter } from "../router";
import {
  AccountId,
  bearerSecurity,
  dataRouteErrors,
  errorResponse,
  NoQuery,
  OAuthCallbackQuery,
  oauthCallbackErrors,
  VideoId,
} from "../schemas";

/**
 * Watch-time insights (TikTok's Accounts API): the optional second connection, and what it adds:
 * the account's watch time, audience activity by hour and daily metrics; a video's retention
 * against the creator's typical band, hook, watch time, traffic sources and the diagnosis of its
 * drops and slow starts. Everything is precomputed by the daily job: one round trip a request.
 */
const protectedRoute = { security: bearerSecurity, middleware: [requireUser, rateLimit], tags: ["watch"] };
const accountParam = z.object({ id: AccountId }).strict();

const Share = z.number().openapi({ description: "A share, 0–1" });
const Compared = z
  .object({
    value: z.number().nullable(),
    usual: z.object({ p25: z.number(), p50: z.number(), p75: z.number(), n: z.number().int() }).nullable(),
    standing: z.enum(["below", "usual", "above"]).nullable(),
  })
  .openapi("WatchCompared", {
    description: "A video's figure against the middle half of the creator's settled videos",
  });

const Evidence = z.object({
  signal: z.string(),
  value: z.number(),
  usual: z.number().nullable(),
  range: z.tuple([z.number(), z.number()]).nullable(),
  unusual: z.boolean(),
  text: z.string(),
});

const Diagnosis = z
  .object({
    subject: z.enum(["drop", "slow_start"]),
    status: z.enum(["cause", "no_cause", "waiting", "not_connected"]).openapi({
      description:
        "cause: one named with its evidence; no_cause: nothing stands out, or TikTok did not report what a " +
        "comparison needs; waiting: TikTok's data (24–48 h late) does not cover it yet; not_connected: no watch-time insights",
    }),
    cause: z.enum(["distribution", "hook", "audience"]).nullable(),
    headline: z.string(),
    evidence: z.array(Evidence),
    also: z.array(z.string()),
    data_fetched_at: z.string().nullable(),
    window_start: z.string().nullable(),
  })
  .openapi("WatchDiagnosis");

const Connection = z
  .object({
    available: z.boolean().openapi({ description: "Whether this deployment offers watch-time insights" }),
    status: z
      .enum(["active", "needs_reconnect", "missing_scopes", "revoked"])
      .nullable()
      .openapi({ description: "null: not added" }),
    status_reason: z.string().nullable(),
    data_through: z.string().nullable().openapi({ description: "The newest day TikTok has reported (UTC)" }),
    last_fetched_at: z.string().nullable(),
  })
  .openapi("WatchConnection");

const AccountWatch = z
  .object({
    account_id: AccountId,
    connection: Connection,
    activity: z
      .object({
        hours: z.array(z.number().nullable()).openapi({ description: "Followers active in each UTC hour, 0–23" }),
        days: z.number().int(),
        best_hours: z.array(z.number().int()),
      })
      .nullable()
      .openapi({ description: "null: TikTok reports none (accounts under 100 followers)" }),
    watch_time: z
      .array(z.object({ day: z.string(), hours_watched: z.number(), views: z.number(), span_days: z.number() }))
      .openapi({ description: "Watch time gained between daily fetches, over the videos reported both times" }),
    typical: z.object({
      videos: z.number().int(),
      hook: Share.nullable(),
      average_seconds: z.number().nullable(),
      completion: Share.nullable(),
      sources: z.record(z.string(), z.number()).nullable(),
    }),
    days: z
      .object({
        date: z.array(z.string()),
        views: z.array(z.number().nullable()),
        profile_views: z.array(z.number().nullable()),
        followers_gained: z.array(z.number().nullable()),
        followers_lost: z.array(z.number().nullable()),
      })
      .openapi({ description: "TikTok's daily account metrics, column-oriented; null: not reported" }),
  })
  .openapi("AccountWatch");

const VideoWatch = z
  .object({
    video_id: VideoId,
    connected: z.boolean(),
    report: z
      .object({
        fetched_at: z.string(),
        duration_seconds: z.number().nullable(),
        views: z.number().nullable(),
        retention: z.object({
          positions: z.array(z.number()).openapi({ description: "Shares of the video's length" }),
          video: z.array(z.number().nullable()).nullable(),
          band: z
            .object({
              p25: z.array(z.number().nullable()),
              p50: z.array(z.number().nullable()),
              p75: z.array(z.number().nullable()),
            })
            .nullable(),
          steepest_loss: z
            .object({ from_second: z.number(), to_second: z.number(), lost: z.number(), typical_lost: z.number() })
            .nullable(),
        }),
        hook: Compared,
        average_seconds: Compared,
        average_share: Compared,
        completion: Compared,
        sources: z
          .array(
            z.object({
              source: z.string(),
              share: z.number(),
              usual: z.number().nullable(),
              recent: z.number().nullable().openapi({ description: "Share of the views since the copy before" }),
            }),
          )
          .nullable(),
        audience: z.record(z.string(), z.number()).nullable(),
        countries: z.record(z.string(), z.number()).nullable(),
      })
      .nullable()
      .openapi({ description: "null: TikTok has not reported the video yet (or no watch-time insights)" }),
    diagnoses: z.array(Diagnosis),
  })
  .openapi("VideoWatch");

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
      content: { "application/json": { schema: z.object({ authorize_url: z.string() }) } },
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
      content: { "application/json": { schema: z.object({ account_id: AccountId, watch: z.literal("removed") }) } },
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
        days: z.coerce
          .number({ error: "must be a whole number of days" })
          .int("must be a whole number of days")
          .min(1, "must be at least 1")
          .max(365, "must be at most 365")
          .default(60)
          .openapi({ description: "Daily metrics back from the newest reported day", example: 60 }),
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

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

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
    return withEdgeCache(c, async () => {
      const view = await readAccountWatch(c.var.services.db, id, days);
      if (!view) throw accountNotFound();
      const summary = view.connection?.summary ?? null;
      const b = summary?.baseline;
      // Not added yet, or its first read still on its way: the dashboard must see the change at
      // once (after the consent), so this answer is not cached.
      if (!summary || view.connection?.status !== "active") c.header("cache-control", "no-store");
      return c.json(
        {
          account_id: id,
          connection: {
            available: c.var.config.watch !== null,
            status: (view.connection?.status ?? null) as z.infer<typeof Connection>["status"],
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
        200,
      );
    });
  })
  .openapi(videoWatchRoute, async (c) => {
    const { videoId } = c.req.valid("param");
    return withEdgeCache(c, async () => {
      const watch = await readVideoWatch(c.var.services.db, videoId, c.var.user.tiktokAccountIds);
      if (!watch) throw videoNotFound();
      const report = watch.connected ? videoWatchReport(watch.copies, watch.summary?.baseline ?? null) : null;
      if (!report) c.header("cache-control", "no-store");
      const diagnoses = (watch.summary?.diagnoses ?? []).filter((d) => d.videoId === videoId);
      return c.json(
        {
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
        200,
      );
    });
  });
