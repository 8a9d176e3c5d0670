import { createRoute } from "@hono/zod-openapi";
import type { AlertHealth } from "../../db/queries/alerts";
import { readHealthAndAlerts, type HealthFigures } from "../../db/queries/health";
import { Alive, Health } from "../../contract";
import { createTiktokDb } from "../../db/client";
import { ShortCache } from "../cache/short-cache";
import { probeBudget } from "../middleware/rate-limit";
import { isOperator } from "../operator";
import { createRouter } from "../router";
import { errorResponse, NoQuery } from "../schemas";

/**
 * `/healthz` is public, so it is built to be hammered: rate limited per IP, its figures read at
 * most once per isolate every few seconds (HEALTH_CACHE_SECONDS), and the counts shown only to
 * the operator token; anyone else learns that the service and its database answer. `/livez`
 * touches nothing and stays open.
 */
/** A health check must answer fast, even when the database does not. */
const HEALTH_DB_TIMEOUT_MS = 3_000;
const figures = new ShortCache<HealthFigures & { alerts: AlertHealth }>();

const route = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Service health: database reachability; with the operator token, last ingestion and counts",
  description: "Send `Authorization: Bearer <OPERATOR_TOKEN>` for the counts. Figures may be up to a few seconds old.",
  middleware: [probeBudget],
  request: { query: NoQuery },
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: Health } } },
    429: errorResponse("Too many health checks from this address; see Retry-After"),
    503: errorResponse("The database is unreachable"),
  },
});

const liveRoute = createRoute({
  method: "get",
  path: "/livez",
  tags: ["operations"],
  summary: "Liveness: the worker answers (no database)",
  request: { query: NoQuery },
  responses: {
    200: { description: "Alive", content: { "application/json": { schema: Alive } } },
    400: errorResponse("A query string (this route takes none)"),
  },
});

export const healthRoutes = createRouter()
  .openapi(liveRoute, (c) => c.json({ status: "ok" as const }, 200, { "cache-control": "no-store" }))
  .openapi(route, async (c) => {
    const config = c.var.config;
    // one key per configuration: a worker pointed elsewhere (tests' outage endpoint) reads its own
    const read = await figures.get(config.neonHttpEndpoint ?? config.databaseUrl, config.healthCacheSeconds, () =>
      readHealthAndAlerts(createTiktokDb(config, { timeoutMs: HEALTH_DB_TIMEOUT_MS })),
    );
    const counts = (await isOperator(c))
      ? {
          last_ingestion: read.lastIngestion,
          accounts: read.accounts,
          videos: read.videos,
          ingestion: {
            failed_attempts_24h: read.failedAttempts24h,
            dead_letters_24h: read.deadLetters24h,
            accounts_needing_reconnect: read.accountsNeedingReconnect,
          },
          alerts: {
            pending: read.alerts.pending,
            held: read.alerts.held,
            undispatched: read.alerts.undispatched,
            sent_24h: read.alerts.sent24h,
            failed_attempts_24h: read.alerts.failedAttempts24h,
            dead_24h: read.alerts.dead24h,
            disabled_24h: read.alerts.disabled24h,
            latency_p50_seconds: read.alerts.latencyP50Seconds,
            latency_p95_seconds: read.alerts.latencyP95Seconds,
          },
        }
      : {};
    return c.json({ status: "ok" as const, database: "connected" as const, ...counts }, 200, {
      "cache-control": "no-store",
    });
  });
