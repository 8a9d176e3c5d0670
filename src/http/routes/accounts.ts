import { createRoute, z } from "@hono/zod-openapi";
import { listAccounts, readAccountMetrics, readAccountSeries } from "../../db/queries/accounts";
import { disconnectHeldAccount } from "../../lifecycle/disconnect";
import { DELETION_GRACE_DAYS } from "../../lifecycle/grace";
import { accountNotFound, assertAccountClaim } from "../access";
import { Account, toAccount } from "../account-card";
import { publicSummary } from "../presenters";

import { requireUser } from "../middleware/auth";
import { withEdgeCache } from "../cache/edge-cache";
import { rateLimit, sessionBudget } from "../middleware/rate-limit";
import { lifecycleDeps } from "../request-context";
import { createRouter } from "../router";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery } from "../schemas";

const Metrics = Account.extend({
  followers: z.number().int().nullable(),
  following: z.number().int().nullable(),
  likes: z.number().int().nullable(),
  videos: z.number().int().nullable(),
  views: z.number().int().nullable().openapi({ description: "Sum of the current views of the public videos" }),
  engagement_rate: z
    .number()
    .nullable()
    .openapi({ description: "(likes + comments + shares) / views over public videos" }),
  summary: z.record(z.string(), z.unknown()).openapi({
    description: "Precomputed analytics: changes, the typical first-hours curve and the 90-day follower projection",
  }),
}).openapi("AccountMetrics");

const Series = z
  .object({
    t: z.array(z.number().int()).openapi({ description: "Slot start of each snapshot, ms since the epoch" }),
    followers: z.array(z.number().int().nullable()),
    following: z.array(z.number().int().nullable()),
    likes: z.array(z.number().int().nullable()),
    videos: z.array(z.number().int().nullable()),
    views: z.array(z.number().int().nullable()),
  })
  .openapi("AccountSeries", { description: "Column-oriented: index i of every array is one snapshot" });

const accountParam = z.object({ id: AccountId }).strict();
const protectedRoute = { security: bearerSecurity, middleware: [requireUser, rateLimit], tags: ["accounts"] };

const listRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/accounts",
  summary: "The TikTok accounts this token may read",
  request: { query: NoQuery },
  responses: {
    200: {
      description: "Accounts",
      content: { "application/json": { schema: z.object({ accounts: z.array(Account) }) } },
    },
    ...dataRouteErrors,
  },
});

const metricsRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/accounts/{id}/metrics",
  summary: "Current followers, views, likes, engagement rate and precomputed analytics",
  request: { params: accountParam, query: NoQuery },
  responses: {
    200: { description: "Current metrics", content: { "application/json": { schema: Metrics } } },
    ...dataRouteErrors,
  },
});

const snapshotsRoute = createRoute({
  ...protectedRoute,
  method: "get",
  path: "/api/v1/accounts/{id}/snapshots",
  summary: "Account history for charts (30-minute snapshots)",
  request: {
    params: accountParam,
    query: z
      .object({
        days: z.coerce
          .number({ error: "must be a whole number of days" })
          .int("must be a whole number of days")
          .min(1, "must be at least 1")
          .max(365, "must be at most 365")
          .default(30)
          .openapi({ description: "How many days back from the newest snapshot", example: 30 }),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "History",
      content: {
        "application/json": { schema: z.object({ account_id: AccountId, days: z.number(), series: Series }) },
      },
    },
    ...dataRouteErrors,
  },
});

const Disconnected = z
  .object({
    account_id: AccountId,
    tiktok_access: z.enum(["revoked", "revoking", "already_ended"]).openapi({
      description:
        "revoked: TikTok confirmed; revoking: TikTok did not answer, Adam keeps trying; already_ended: there was nothing left to revoke",
    }),
    history: z.enum(["deleted", "scheduled_for_deletion"]),
    delete_after: z
      .string()
      .nullable()
      .openapi({ description: "When the history will be deleted (ISO 8601), unless the account is connected again" }),
  })
  .openapi("Disconnected");

const REVOCATION = { revoked: "revoked", queued: "revoking", ended: "already_ended" } as const;

const disconnectRoute = createRoute({
  ...protectedRoute,
  // the session budget, not the data one: having looked at ten charts must not stop a disconnect
  middleware: [requireUser, sessionBudget],
  method: "delete",
  path: "/api/v1/accounts/{id}",
  summary: "Disconnect a TikTok account: revoke Adam's access at TikTok, wipe its tokens, stop collecting",
  description:
    `The account's stored history is deleted after ${DELETION_GRACE_DAYS} days (connecting it again before then ` +
    "keeps it), or at once with `erase=true`. From the caller's next access token on, the account is not in its claims.",
  request: {
    params: accountParam,
    query: z
      .object({
        erase: z
          .enum(["true", "false"], { error: "must be true or false" })
          .default("false")
          .openapi({ description: "Delete the stored history now instead of after the grace period" }),
      })
      .strict(),
  },
  responses: {
    200: { description: "Disconnected", content: { "application/json": { schema: Disconnected } } },
    ...dataRouteErrors,
  },
});

export const accountRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    withEdgeCache(c, async () => {
      const accounts = await listAccounts(c.var.services.db, c.var.user.tiktokAccountIds);
      if (accounts.some((a) => a.lastSyncedAt === null)) c.header("cache-control", "no-store");
      return c.json({ accounts: accounts.map(toAccount) }, 200);
    }),
  )
  .openapi(metricsRoute, async (c) => {
    const { id } = c.req.valid("param");
    assertAccountClaim(c, id);
    return withEdgeCache(c, async () => {
      const m = await readAccountMetrics(c.var.services.db, id);
      if (!m) throw accountNotFound();
      // Not snapshotted yet: the dashboard polls for the first snapshot, so this answer is not cached.
      if (m.lastSyncedAt === null) c.header("cache-control", "no-store");
      return c.json(
        {
          ...toAccount(m),
          followers: m.followers,
          following: m.following,
          likes: m.likes,
          videos: m.videos,
          views: m.views,
          engagement_rate: m.engagementRate,
          summary: publicSummary(m.summary),
        },
        200,
      );
    });
  })
  .openapi(snapshotsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { days } = c.req.valid("query");
    assertAccountClaim(c, id);
    return withEdgeCache(c, async () => {
      const series = await readAccountSeries(c.var.services.db, id, days);
      if (!series) throw accountNotFound();
      return c.json({ account_id: id, days, series }, 200);
    });
  })
  .openapi(disconnectRoute, async (c) => {
    const { id } = c.req.valid("param");
    const erase = c.req.valid("query").erase === "true";
    assertAccountClaim(c, id);
    const done = await disconnectHeldAccount(lifecycleDeps(c), c.var.user.sub, id, { erase });
    if (!done) throw accountNotFound();
    c.header("cache-control", "no-store");
    return c.json(
      {
        account_id: id,
        tiktok_access: REVOCATION[done.revocation],
        history: done.deleteAfter ? ("scheduled_for_deletion" as const) : ("deleted" as const),
        delete_after: done.deleteAfter?.toISOString() ?? null,
      },
      200,
    );
  });
