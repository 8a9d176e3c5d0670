import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AuthError } from "../../auth/errors";
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from "../refresh-cookie";
import { login, logout, refresh, signup, type IssuedSession } from "../../auth/service";
import { TIERS } from "../../db/schema/identity";
import { useQuota } from "../../limits/ip-quota";
import { ApiError } from "../errors";
import { jsonBody } from "../middleware/json-body";
import { refreshBudget } from "../middleware/rate-limit";
import { authContext, clientIp, limiter } from "../request-context";
import { createRouter } from "../router";
import { authRouteErrors, errorResponse, NoQuery } from "../schemas";
import type { AppEnv } from "../types";

const MAX_BODY_BYTES = 4 * 1024;

const Credentials = z
  .object({
    email: z
      .string()
      .trim()
      .max(254, "must be at most 254 characters")
      .pipe(z.email({ error: "must be an email address" }))
      .openapi({ example: "creator@example.com", description: "Compared without case or surrounding blanks" }),
    password: z
      .string()
      .min(10, "must be at least 10 characters")
      .max(256, "must be at most 256 characters")
      .openapi({ example: "correct horse battery staple" }),
  })
  .strict()
  .openapi("Credentials");

const SessionResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().openapi({ description: "Seconds until the access token expires" }),
    user: z.object({ id: z.string(), tier: z.enum(TIERS), tiktok_account_ids: z.array(z.string()) }),
  })
  .openapi("Session");

const sessionCookie =
  "Sets the rotating refresh token `__Host-adam_refresh`: httpOnly, Secure, SameSite=Strict, Path=/; it lives 30 days " +
  "from its last use and 90 days from the log-in at most";

function respondWithSession<S extends 200 | 201>(c: Context<AppEnv>, session: IssuedSession, status: S) {
  setCookie(c, REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: REFRESH_COOKIE_PATH,
    maxAge: Math.max(0, Math.floor((session.refreshExpiresAt - Date.now()) / 1000)),
  });
  c.header("cache-control", "no-store");
  return c.json(
    {
      access_token: session.accessToken,
      token_type: "Bearer" as const,
      expires_in: session.expiresIn,
      user: { id: session.subject.id, tier: session.subject.tier, tiktok_account_ids: session.subject.accountIds },
    },
    status,
  );
}

/** Cookie-authenticated routes refuse browsers on other origins (a second line behind SameSite). */
function assertTrustedOrigin(c: Context<AppEnv>) {
  const origin = c.req.header("origin");
  if (origin && origin !== new URL(c.req.url).origin && !c.var.config.dashboardOrigins.includes(origin)) {
    throw new ApiError("forbidden", "Requests from this origin may not use the session cookie.");
  }
}

const signupRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/signup",
  tags: ["auth"],
  summary: "Create an account and start a session",
  middleware: [jsonBody(MAX_BODY_BYTES)],
  request: { query: NoQuery, body: { content: { "application/json": { schema: Credentials } }, required: true } },
  responses: {
    201: { description: sessionCookie, content: { "application/json": { schema: SessionResponse } } },
    409: errorResponse("An account with this email already exists"),
    ...authRouteErrors,
  },
});

const loginRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/login",
  tags: ["auth"],
  summary: "Log in: an access token, and the refresh cookie",
  middleware: [jsonBody(MAX_BODY_BYTES)],
  request: { query: NoQuery, body: { content: { "application/json": { schema: Credentials } }, required: true } },
  responses: {
    200: { description: sessionCookie, content: { "application/json": { schema: SessionResponse } } },
    401: errorResponse("Email or password is incorrect"),
    ...authRouteErrors,
  },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/refresh",
  tags: ["auth"],
  summary: "Trade the refresh cookie for a new access token (the cookie rotates; reusing an old one ends the session)",
  middleware: [refreshBudget],
  request: { query: NoQuery },
  responses: {
    200: { description: sessionCookie, content: { "application/json": { schema: SessionResponse } } },
    401: errorResponse("No session, or it expired, ended or was replayed"),
    403: errorResponse("Cross-origin request, or the account is suspended"),
    429: errorResponse("Too many renewals from this address; see Retry-After"),
    503: errorResponse("The database is unavailable"),
  },
});

const logoutRoute = createRoute({
  method: "post",
  path: "/api/v1/auth/logout",
  tags: ["auth"],
  summary: "End the session (every rotation of its refresh token)",
  request: { query: NoQuery },
  responses: {
    204: { description: "Logged out; the cookie is cleared" },
    403: errorResponse("Cross-origin request"),
    503: errorResponse("The database is unavailable"),
  },
});

export const authRoutes = createRouter()
  .openapi(signupRoute, async (c) => {
    const waiting = await useQuota(limiter(c), "signup", clientIp(c));
    if (waiting > 0) {
      throw new ApiError("rate_limited", "Too many sign-ups from this address; try again later.", {
        headers: { "retry-after": String(waiting) },
      });
    }
    return respondWithSession(c, await signup(authContext(c), c.req.valid("json")), 201);
  })
  .openapi(loginRoute, async (c) => respondWithSession(c, await login(authContext(c), c.req.valid("json")), 200))
  .openapi(refreshRoute, async (c) => {
    assertTrustedOrigin(c);
    try {
      return respondWithSession(c, await refresh(authContext(c), getCookie(c, REFRESH_COOKIE)), 200);
    } catch (error) {
      if (error instanceof AuthError && error.endsSession)
        deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, secure: true });
      throw error;
    }
  })
  .openapi(logoutRoute, async (c) => {
    assertTrustedOrigin(c);
    await logout(authContext(c), getCookie(c, REFRESH_COOKIE));
    deleteCookie(c, REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH, secure: true });
    return c.body(null, 204);
  });
