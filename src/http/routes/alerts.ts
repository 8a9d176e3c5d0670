import { createRoute, z } from "@hono/zod-openapi";
import { listAlerts, markAlertsRead } from "../../db/queries/alerts";
import { heldAccounts } from "../../db/queries/users";
import { AlertList, Updated } from "../../contract";
import { requireUser } from "../middleware/auth";
import { jsonBody } from "../middleware/json-body";
import { sessionBudget } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { authRouteErrors, bearerSecurity, errorResponse } from "../schemas";

/**
 * The in-app notifications: the newest alerts of the accounts the user holds (the users
 * database's word, not the token's claims), and marking them read. On the session budget (30 a
 * minute), so a dashboard polling for new alerts never spends the free plan's data requests.
 */
const signedIn = { security: bearerSecurity, tags: ["alerts"] };
const errors = {
  401: errorResponse("Missing, invalid or expired access token"),
  429: errorResponse("Too many requests; see Retry-After"),
  503: errorResponse("The database is unavailable"),
};

const listRoute = createRoute({
  ...signedIn,
  middleware: [requireUser, sessionBudget],
  method: "get",
  path: "/api/v1/alerts",
  summary: "Recent alerts of the accounts you hold, newest first, with the unread count",
  request: {
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }).strict(),
  },
  responses: {
    200: {
      description: "Alerts",
      content: {
        "application/json": {
          schema: AlertList,
        },
      },
    },
    400: errorResponse("Invalid query parameter"),
    ...errors,
  },
});

const readRoute = createRoute({
  ...signedIn,
  middleware: [requireUser, sessionBudget, jsonBody(16 * 1024)],
  method: "post",
  path: "/api/v1/alerts/read",
  summary: "Mark alerts read: the listed ids, or all",
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.union([
            z
              .object({
                ids: z
                  .array(z.string().regex(/^[1-9]\d{0,17}$/))
                  .min(1)
                  .max(100),
              })
              .strict(),
            z.object({ all: z.literal(true) }).strict(),
          ]),
        },
      },
    },
  },
  responses: {
    200: {
      description: "How many alerts changed",
      content: { "application/json": { schema: Updated } },
    },
    ...authRouteErrors,
    ...errors,
  },
});

export const alertRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { db, usersDb } = c.var.services;
    const accounts = await heldAccounts(usersDb, c.var.user.sub);
    const { alerts, unread } = await listAlerts(db, accounts, c.req.valid("query").limit);
    c.header("cache-control", "no-store");
    return c.json(
      {
        unread,
        alerts: alerts.map((a) => ({
          id: a.id,
          kind: a.kind,
          title: a.title,
          body: a.body,
          account_id: a.accountId,
          video_id: a.videoId,
          confidence: a.confidence,
          observed_at: a.observedAt,
          created_at: a.createdAt,
          read: a.readAt !== null,
        })),
      },
      200,
    );
  })
  .openapi(readRoute, async (c) => {
    const { db, usersDb } = c.var.services;
    const body = c.req.valid("json");
    const accounts = await heldAccounts(usersDb, c.var.user.sub);
    const updated = await markAlertsRead(db, accounts, "all" in body ? "all" : body.ids);
    return c.json({ updated }, 200, { "cache-control": "no-store" });
  });
