import { createRoute, z } from "@hono/zod-openapi";
import { readInsights } from "../../db/queries/signals";
import { accountNotFound, assertAccountClaim } from "../access";
import { requireUser } from "../middleware/auth";
import { withEdgeCache } from "../cache/edge-cache";
import { rateLimit } from "../middleware/rate-limit";
import { createRouter } from "../router";
import { AccountId, bearerSecurity, dataRouteErrors, NoQuery, VideoId } from "../schemas";

const Insight = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: "early_velocity" }),
    severity: z.enum(["info", "low", "medium", "high"]),
    title: z.string().openapi({ example: "3.1x your usual first-hour pace" }),
    body: z.string(),
    video_id: VideoId.nullable(),
    evidence: z.record(z.string(), z.unknown()).openapi({ description: "The figures the card is based on" }),
    rank: z.number(),
    updated_at: z.string(),
    expires_at: z.string(),
  })
  .openapi("Insight");

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
      content: { "application/json": { schema: z.object({ account_id: AccountId, insights: z.array(Insight) }) } },
    },
    ...dataRouteErrors,
  },
});

export const insightRoutes = createRouter().openapi(route, async (c) => {
  const { accountId } = c.req.valid("param");
  assertAccountClaim(c, accountId);
  return withEdgeCache(c, async () => {
    const insights = await readInsights(c.var.services.db, accountId);
    if (!insights) throw accountNotFound();
    return c.json(
      {
        account_id: accountId,
        insights: insights.map((i) => ({
          id: i.id,
          kind: i.kind,
          severity: i.severity,
          title: i.title,
          body: i.body,
          video_id: i.videoId,
          evidence: i.evidence,
          rank: i.rank,
          updated_at: i.updatedAt,
          expires_at: i.expiresAt,
        })),
      },
      200,
    );
  });
});
