import { createRoute, z } from "@hono/zod-openapi";
import { readHealth } from "../../db/queries/health";
import { createTiktokDb } from "../../db/client";
import { createRouter } from "../router";
import { NoQuery } from "../schemas";

/** A health check must answer fast, even when the database does not. */
const HEALTH_DB_TIMEOUT_MS = 3_000;

const HealthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.literal("connected"),
    last_ingestion: z.string().nullable().openapi({ description: "When the last snapshot job succeeded (ISO 8601)." }),
    accounts: z.number().int(),
    videos: z.number().int().openapi({ description: "Exact below 100,000; above, the planner's estimate" }),
    ingestion: z.object({
      failed_attempts_24h: z
        .number()
        .int()
        .openapi({ description: "Queue job attempts (snapshot, plan and revoke) that failed (most are retried)" }),
      dead_letters_24h: z.number().int().openapi({ description: "Jobs that gave up after their last retry" }),
      accounts_needing_reconnect: z
        .number()
        .int()
        .openapi({ description: "Held accounts whose creator must connect again (revoked ones are not counted)" }),
    }),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["operations"],
  summary: "Service health: database reachability, last ingestion, counts",
  request: { query: NoQuery },
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
    503: { description: "The database is unreachable" },
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
    const figures = await readHealth(createTiktokDb(c.var.config, { timeoutMs: HEALTH_DB_TIMEOUT_MS }));
    return c.json(
      {
        status: "ok" as const,
        database: "connected" as const,
        last_ingestion: figures.lastIngestion,
        accounts: figures.accounts,
        videos: figures.videos,
        ingestion: {
          failed_attempts_24h: figures.failedAttempts24h,
          dead_letters_24h: figures.deadLetters24h,
          accounts_needing_reconnect: figures.accountsNeedingReconnect,
        },
      },

      200,
      { "cache-control": "no-store" },
    );
  });
