import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { userOverride } from "../../limits/overrides";
import { ApiError } from "../errors";
import { clientIp } from "../request-context";
import type { AppEnv } from "../types";

export const BUDGETS = { free: 10, paid: 100 } as const;

/**
 * Per-user request budgets with the Workers Rate Limiting binding (one namespace per budget,
 * keyed by the verified user id), checked before the cache and the database so a limited request
 * costs neither. KV holds only the rare per-user overrides.
 */
export const rateLimit = createMiddleware<AppEnv>(async function rateLimit(c, next) {
  const user = c.var.user;
  const override = await userOverride(c.env.KV, user.sub, Date.now());
  if (override?.blocked) throw new ApiError("forbidden", "This account is suspended; contact support.");
  const budget = override?.budget ?? (user.tier === "free" ? "free" : "paid");
  const limiter = budget === "free" ? c.env.RL_FREE : c.env.RL_PAID;
  const { success } = await limiter.limit({ key: `user:${user.sub}` });
  if (!success) {
    throw new ApiError("rate_limited", `Rate limit reached: ${BUDGETS[budget]} requests per minute on this plan.`, {
      headers: { "retry-after": "60" },
    });
  }
  await next();
});

/**
 * Budgets of their own, beside the data budget, counted by the Rate Limiting binding before any
 * database work: the session routes (`/me`, `/auth/refresh`: 30 a minute, so renewing a session
 * never spends the free plan's ten data requests) and the health probe (30 a minute per IP).
 */
export const SIDE_BUDGETS = { session: 30, probe: 30 } as const;

function sideBudget(
  binding: (env: Env) => RateLimit,
  key: (c: Context<AppEnv>) => string,
  limit: number,
  what: string,
) {
  return createMiddleware<AppEnv>(async function checkSideBudget(c, next) {
    const { success } = await binding(c.env).limit({ key: key(c) });
    if (!success) {
      throw new ApiError("rate_limited", `Too many ${what}: at most ${limit} a minute.`, {
        headers: { "retry-after": "60" },
      });
    }
    await next();
  });
}

/** For signed-in session routes (after `requireUser`): by user, and a blocked user is refused. */
export const sessionBudget = createMiddleware<AppEnv>(async function sessionBudget(c, next) {
  const user = c.var.user;
  if ((await userOverride(c.env.KV, user.sub, Date.now()))?.blocked) {
    throw new ApiError("forbidden", "This account is suspended; contact support.");
  }
  return sideBudget(
    (env) => env.RL_SESSION,
    () => `me:${user.sub}`,
    SIDE_BUDGETS.session,
    "session requests",
  )(c, next);
});

/** For the refresh route, before the database: by IP (the cookie's owner is not known yet). */
export const refreshBudget = sideBudget(
  (env) => env.RL_SESSION,
  (c) => `refresh:${clientIp(c)}`,
  SIDE_BUDGETS.session,
  "session renewals",
);

/** For the health probe, by IP. */
export const probeBudget = sideBudget(
  (env) => env.RL_PROBE,
  (c) => `probe:${clientIp(c)}`,
  SIDE_BUDGETS.probe,
  "health checks",
);
