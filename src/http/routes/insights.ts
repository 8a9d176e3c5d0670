import { createRoute, z } from "@hono/zod-openapi";
import { AccountInsights } from "../../contract";
import { assertAccountClaim } from "../access";
import { requireUser } from "../middleware/auth";
import { withEdgeCache } from "../cache/edge-cache";
import { rateLimit } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { accountInsights } from "./parts/insights";
import { answer } from "./parts/part";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery } from "../schemas";

const route = createRoute({
  method: "get",
  path: "/api/v1/insights/{accountId}",
  tags: ["insights"],
  summary: "Insight cards for an account, best first",
  security: bearerSecurity,
  middleware: [requireUser, rateLimit],
  request: { params: z.object({ accountId: AccountId }).strict(), query: NoQuery },
  responses: {
    200: {
      description: "Unexpired insight cards",
      content: { "application/json": { schema: AccountInsights } },
    },
    ...dataRouteErrors,
  },
});

export const insightRoutes = createRouter().openapi(route, async (c) => {
  const { accountId } = c.req.valid("param");
  assertAccountClaim(c, accountId);
  return withEdgeCache(c, async () => answer(c, await accountInsights(c.var.services.db, accountId)));
});
