import { createRoute, z } from "@hono/zod-openapi";
import type { AlertHealth } from "../../db/queries/alerts";
import { readHealthAndAlerts, type HealthFigures } from "../../db/queries/health";
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

const HealthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.literal("connected"),
    last_ingestion: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "When the last snapshot job succeeded (ISO 8601). Operator token only." }),
    accounts: z.number().int().optional().openapi({ description: "Operator token only" }),
    videos: z
      .number()
      .int()
      .optional()
      .openapi({ description: "Exact below 100,000; above, the planner's estimate. Operator token only." }),
    ingestion: z
      .object({
        failed_attempts_24h: z
          .number()
          .int()
          .openapi({ description: "Queue job attempts (snapshot, plan and revoke) that failed (most are retried)" }),
        dead_letters_24h: z.number().int().openapi({ description: "Jobs that gave up after their last retry" }),
        accounts_needing_reconnect: z
          .number()
          .int()
          .openapi({ description: "Held accounts whose creator must connect again (revoked ones are not counted)" }),
      })
      .optional(),
    alerts: z
      .object({
        pending: z.number().int().openapi({ description: "Deliveries waiting to be sent or retried" }),
        held: z.number().int().openapi({ description: "Deliveries held for the end of someone's quiet hours" }),
        undispatched: z.number().int().openapi({ description: "Alerts in the outbox not yet fanned out" }),
        sent_24h: z.number().int(),
        failed_attempts_24h: z
          .number()
          .int()
          .openapi({ description: "Delivery attempts that failed (most are retried)" }),
        dead_24h: z.number().int().openapi({ description: "Deliveries given up after their last retry" }),
        disabled_24h: z
          .number()
          .int()
          .openapi({ description: "Push subscriptions and webhooks switched off after a 404/410" }),
        latency_p50_seconds: z.number().nullable().openapi({ description: "From the snapshot to the first send" }),
        latency_p95_seconds: z.number().nullable(),
      })
      .optional()
      .openapi({ description: "Operator token only" }),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Service health: database reachability; with the operator token, last ingestion and counts",
  description: "Send `Authorization: Bearer <OPERATOR_TOKEN>` for the counts. Figures may be up to a few seconds old.",
  middleware: [probeBudget],
  request: { query: NoQuery },
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
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
    200: { description: "Alive", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } },
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
