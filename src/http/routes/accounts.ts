import { createRoute, z } from "@hono/zod-openapi";
import { AccountHistory, AccountList, AccountMetrics, Disconnected } from "../../contract";
import { listAccounts } from "../../db/queries/accounts";
import { disconnectHeldAccount } from "../../lifecycle/disconnect";
import { DELETION_GRACE_DAYS } from "../../lifecycle/grace";
import { accountNotFound, assertAccountClaim } from "../access";
import { toAccount } from "../account-card";

import { requireUser } from "../middleware/auth";
import { withEdgeCache } from "../cache/edge-cache";
import { rateLimit, sessionBudget } from "../middleware/rate-limit";
import { lifecycleDeps } from "../request-context";
import { createRouter } from "../router";
import { accountHistory, accountMetrics } from "./parts/accounts";
import { answer } from "./parts/part";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery, wholeNumber } from "../schemas";

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
      content: { "application/json": { schema: AccountList } },
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
    200: { description: "Current metrics", content: { "application/json": { schema: AccountMetrics } } },
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
        days: wholeNumber("How many days back from the newest snapshot", 1, 365, 30, "days"),
      })
      .strict(),
  },
  responses: {
    200: {
      description: "History",
      content: {
        "application/json": { schema: AccountHistory },
      },
    },
    ...dataRouteErrors,
  },
});

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
    return withEdgeCache(c, async () => answer(c, await accountMetrics(c.var.services.db, id)));
  })
  .openapi(snapshotsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { days } = c.req.valid("query");
    assertAccountClaim(c, id);
    return withEdgeCache(c, async () => answer(c, await accountHistory(c.var.services.db, id, days)));
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
