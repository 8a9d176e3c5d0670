import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie } from "hono/cookie";
import { confirmPassword } from "../../auth/service";
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from "../refresh-cookie";
import { listAccounts } from "../../db/queries/accounts";
import { readProfile } from "../../db/queries/users";
import { deleteUser } from "../../lifecycle/delete-user";
import { exportUser, linesStream } from "../../lifecycle/export";
import { useQuota } from "../../limits/ip-quota";
import { errorFields, log } from "../../log";
import { describeDatabaseError } from "../../db/errors";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { jsonBody } from "../middleware/json-body";
import { sessionBudget } from "../middleware/rate-limit";
import { authContext, lifecycleDeps, limiter } from "../request-context";
import { createRouter } from "../router";
import { DeletedUser, Me } from "../../contract";
import { toAccount } from "../account-card";
import { authRouteErrors, bearerSecurity, errorResponse, NoQuery } from "../schemas";

/** The signed-in user: who they are, everything Adam holds about them, and leaving. */
const signedIn = { security: bearerSecurity, middleware: [requireUser, sessionBudget], tags: ["me"] };

const meRoute = createRoute({
  ...signedIn,
  method: "get",
  path: "/api/v1/me",
  summary: "The signed-in user, and the TikTok accounts they hold",
  request: { query: NoQuery },
  responses: {
    200: { description: "The user", content: { "application/json": { schema: Me } } },
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
  request: { query: NoQuery },
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

const deleteRoute = createRoute({
  ...signedIn,
  method: "delete",
  path: "/api/v1/me",
  summary: "Delete your Adam account, irreversibly: give your password again",
  description:
    "Revokes Adam's access at TikTok for every account you hold and deletes their stored history at once, " +
    "then deletes you, your sessions and your links. The refresh cookie is cleared. Your current access " +
    "token finds nothing afterwards and expires within 15 minutes.",
  middleware: [requireUser, sessionBudget, jsonBody(4 * 1024)],
  request: {
    query: NoQuery,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({ password: z.string().min(1, "is required").max(256, "must be at most 256 characters") })
            .strict()
            .openapi("PasswordConfirmation"),
        },
      },
    },
  },
  responses: {
    200: {
      description: "Deleted",
      content: {
        "application/json": {
          schema: DeletedUser,
        },
      },
    },
    401: errorResponse("Missing, invalid or expired access token"),
    403: errorResponse("The password is not right"),
    404: errorResponse("The user no longer exists"),
    ...authRouteErrors,
  },
});

export const meRoutes = createRouter()
  .openapi(meRoute, async (c) => {
    const profile = await readProfile(c.var.services.usersDb, c.var.user.sub);
    if (!profile) throw new ApiError("not_found", "This user no longer exists.");
    const accounts = await listAccounts(c.var.services.db, profile.tiktokAccountIds);
    c.header("cache-control", "no-store");
    return c.json(
      {
        id: profile.id,
        email: profile.email,
        tier: profile.tier,
        tiktok_account_ids: profile.tiktokAccountIds,
        accounts: accounts.map(toAccount),
        created_at: profile.createdAt,
      },
      200,
    );
  })
  .openapi(exportRoute, async (c) => {
    const userId = c.var.user.sub;
    const waiting = await useQuota(limiter(c), "export", userId);
    if (waiting > 0) {
      throw new ApiError("rate_limited", "That is enough exports for now; try again later.", {
        headers: { "retry-after": String(waiting) },
      });
    }
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
  })
  .openapi(deleteRoute, async (c) => {
    const userId = c.var.user.sub;
    if (!(await confirmPassword(authContext(c), userId, c.req.valid("json").password))) {
      throw new ApiError("not_found", "This user no longer exists.");
    }
    const deleted = await deleteUser(lifecycleDeps(c), userId);
    if (!deleted) throw new ApiError("not_found", "This user no longer exists.");
    deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, secure: true });
    c.header("cache-control", "no-store");
    return c.json({ deleted: true as const, accounts_erased: deleted.accountsErased }, 200);
  });
