import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  addPushSubscription,
  addWebhook,
  readSettingsView,
  SettingsInputError,
  updatePreferences,
  type SettingsContext,
} from "../../alerts/settings";
import { deletePushSubscription, deleteWebhook, MAX_WEBHOOKS } from "../../db/queries/alert-settings";
import { AlertPreferences, AlertSettings, Created, Deleted, WebhookCreated } from "../../contract";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { jsonBody } from "../middleware/json-body";
import { sessionBudget } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { authRouteErrors, bearerSecurity, errorResponse, NoQuery } from "../schemas";
import type { AppEnv } from "../types";

/**
 * The alert settings panel: preferences (kinds, channels, quiet hours, digest, daily cap), the
 * browser's push subscriptions and the outgoing webhooks. Session budget, as `/me`.
 */
const Id = z.object({ id: z.string().regex(/^[1-9]\d{0,17}$/, "must be a positive integer id") }).strict();
const base = { security: bearerSecurity, tags: ["alerts"], middleware: [requireUser, sessionBudget] };
const withBody = { ...base, middleware: [requireUser, sessionBudget, jsonBody(8 * 1024)] };
const errors = {
  401: errorResponse("Missing, invalid or expired access token"),
  404: errorResponse("No such user, subscription or webhook"),
  429: errorResponse("Too many requests; see Retry-After"),
  503: errorResponse("The database is unavailable"),
};
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const getRoute = createRoute({
  ...base,
  method: "get",
  path: "/api/v1/alerts/settings",
  summary: "Your alert preferences, push subscriptions and webhooks",
  request: { query: NoQuery },
  responses: { 200: { description: "Settings", ...json(AlertSettings) }, ...errors },
});

const putRoute = createRoute({
  ...withBody,
  method: "put",
  path: "/api/v1/alerts/settings/preferences",
  summary: "Replace your alert preferences",
  request: { query: NoQuery, body: { required: true, ...json(AlertPreferences) } },
  responses: { 200: { description: "Settings", ...json(AlertSettings) }, ...authRouteErrors, ...errors },
});

const addPushRoute = createRoute({
  ...withBody,
  method: "post",
  path: "/api/v1/alerts/push-subscriptions",
  summary: "Add this browser's push subscription (PushSubscription.toJSON())",
  request: {
    query: NoQuery,
    body: {
      required: true,
      ...json(
        z.object({
          endpoint: z.string().min(1).max(2048),
          expirationTime: z.number().nullable().optional(),
          keys: z
            .object({
              p256dh: z.string().regex(/^B[A-Za-z0-9_-]{86}$/, "must be an uncompressed P-256 key, base64url"),
              auth: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "must be 16 bytes, base64url"),
            })
            .strict(),
        }),
      ),
    },
  },
  responses: { 201: { description: "Added", ...json(Created) }, ...authRouteErrors, ...errors },
});

const deletePushRoute = createRoute({
  ...base,
  method: "delete",
  path: "/api/v1/alerts/push-subscriptions/{id}",
  summary: "Remove a push subscription (this browser or another)",
  request: { params: Id, query: NoQuery },
  responses: { 200: { description: "Removed", ...json(Deleted) }, ...errors },
});

const addWebhookRoute = createRoute({
  ...withBody,
  method: "post",
  path: "/api/v1/alerts/webhooks",
  summary: `Add an outgoing webhook (Slack, Discord or any https URL; ${MAX_WEBHOOKS} at most)`,
  description:
    "In production the URL must be https, on the default port, and must not name a private or loopback address.",
  request: {
    query: NoQuery,
    body: { required: true, ...json(z.object({ url: z.string().min(1).max(2048) }).strict()) },
  },
  responses: {
    201: {
      description: "Added, with the secret its requests are signed with",
      ...json(WebhookCreated),
    },
    409: errorResponse(`Already ${MAX_WEBHOOKS} webhooks`),
    ...authRouteErrors,
    ...errors,
  },
});

const deleteWebhookRoute = createRoute({
  ...base,
  method: "delete",
  path: "/api/v1/alerts/webhooks/{id}",
  summary: "Remove a webhook",
  request: { params: Id, query: NoQuery },
  responses: { 200: { description: "Removed", ...json(Deleted) }, ...errors },
});

function settingsContext(c: Context<AppEnv>): SettingsContext {
  const { alerts } = c.var.config;
  return {
    usersDb: c.var.services.usersDb,
    secret: alerts.secret,
    publicTargetsOnly: alerts.publicTargetsOnly,
    channels: {
      email: alerts.email !== null,
      push: alerts.vapid !== null,
      vapidPublicKey: alerts.vapid?.publicKey ?? null,
    },
  };
}

/** A rule the schema cannot state (a time zone, a private address) answers like a schema failure. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SettingsInputError) {
      throw new ApiError("validation_failed", `${error.path} ${error.message}.`, {
        details: [{ path: error.path, message: error.message }],
      });
    }
    throw error;
  }
}

const userGone = () => new ApiError("not_found", "This user no longer exists.");
const noStore = { "cache-control": "no-store" };

export const alertSettingsRoutes = createRouter()
  .openapi(getRoute, async (c) => {
    const view = await readSettingsView(settingsContext(c), c.var.user.sub);
    if (!view) throw userGone();
    return c.json(view, 200, noStore);
  })
  .openapi(putRoute, async (c) => {
    const view = await checked(() => updatePreferences(settingsContext(c), c.var.user.sub, c.req.valid("json")));
    if (!view) throw userGone();
    return c.json(view, 200, noStore);
  })
  .openapi(addPushRoute, async (c) => {
    const userAgent = c.req.header("user-agent")?.slice(0, 256) ?? null;
    const id = await checked(() =>
      addPushSubscription(settingsContext(c), c.var.user.sub, c.req.valid("json"), userAgent),
    );
    return c.json({ id }, 201, noStore);
  })
  .openapi(deletePushRoute, async (c) => {
    if (!(await deletePushSubscription(c.var.services.usersDb, c.var.user.sub, c.req.valid("param").id))) {
      throw new ApiError("not_found", "No such push subscription.");
    }
    return c.json({ deleted: true as const }, 200, noStore);
  })
  .openapi(addWebhookRoute, async (c) => {
    const added = await checked(() => addWebhook(settingsContext(c), c.var.user.sub, c.req.valid("json").url));
    if (!added) throw new ApiError("conflict", `You already have ${MAX_WEBHOOKS} webhooks; remove one first.`);
    return c.json(added, 201, noStore);
  })
  .openapi(deleteWebhookRoute, async (c) => {
    if (!(await deleteWebhook(c.var.services.usersDb, c.var.user.sub, c.req.valid("param").id))) {
      throw new ApiError("not_found", "No such webhook.");
    }
    return c.json({ deleted: true as const }, 200, noStore);
  });
