import { createRoute, z } from "@hono/zod-openapi";
import { readProfile } from "../../db/queries/users";
import { TIERS } from "../../db/schema/identity";
import { exportUser, linesStream } from "../../lifecycle/export";
import { errorFields, log } from "../../log";
import { describeDatabaseError } from "../../db/errors";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { createRouter } from "../router";
import { bearerSecurity, errorResponse } from "../schemas";

/** The signed-in user: who they are, everything Adam holds about them, and leaving. */
const Profile = z
  .object({
    id: z.string(),
    email: z.string(),
    tier: z.enum(TIERS),
    tiktok_account_ids: z.array(z.string()),
    created_at: z.string(),
  })
  .openapi("Profile");

const noQuery = z.object({}).strict();
const signedIn = { security: bearerSecurity, middleware: [requireUser], tags: ["me"] };

const meRoute = createRoute({
  ...signedIn,
  method: "get",
  path: "/api/v1/me",
  summary: "The signed-in user",
  request: { query: noQuery },
  responses: {
    200: { description: "The user", content: { "application/json": { schema: Profile } } },
    401: errorResponse("Missing, invalid or expired access token"),
    404: errorResponse("The user no longer exists"),
  },
});

const exportRoute = createRoute({
  ...signedIn,
  method: "get",
  path: "/api/v1/me/export",
  summary: "Everything Adam holds about you and your accounts, as one JSON-lines download",
  description:
    "Streamed as it is read: a header line, your profile and sessions, then for every account you hold its " +
    "row, 30-minute and daily history, videos with their history, anomalies and insights, and a last line " +
    '`{"type":"end","counts":{…}}`. A download without the end line was cut short: ask again.',
  request: { query: noQuery },
  responses: {
    200: {
      description: "The archive (one JSON object per line)",
      content: { "application/x-ndjson": { schema: z.string() } },
    },
    401: errorResponse("Missing, invalid or expired access token"),
    404: errorResponse("The user no longer exists"),
    429: errorResponse("Too many exports; see Retry-After"),
  },
});

export const meRoutes = createRouter()
  .openapi(meRoute, async (c) => {
    const profile = await readProfile(c.var.services.usersDb, c.var.user.sub);
    if (!profile) throw new ApiError("not_found", "This user no longer exists.");
    c.header("cache-control", "no-store");
    return c.json(
      {
        id: profile.id,
        email: profile.email,
        tier: profile.tier,
        tiktok_account_ids: profile.tiktokAccountIds,
        created_at: profile.createdAt,
      },
      200,
    );
  })
  .openapi(exportRoute, async (c) => {
    const userId = c.var.user.sub;
    const { db, usersDb } = c.var.services;
    const lines = await exportUser({ db, usersDb, now: Date.now }, userId);
    if (!lines) throw new ApiError("not_found", "This user no longer exists.");
    log("info", "user_export_started", { userId });
    const stream = linesStream(lines, (error) =>
      log("error", "user_export_failed", { userId, ...(describeDatabaseError(error) ?? errorFields(error)) }),
    );
    const day = new Date().toISOString().slice(0, 10);
    const res = new Response(stream, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="adam-export-${day}.jsonl"`,
        "cache-control": "no-store",
      },
    });
    // zod-openapi reads `application/x-ndjson` as a JSON body and types it `never`: it is a stream.
    return res as never;
  });
