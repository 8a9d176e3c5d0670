import { createMiddleware } from "hono/factory";
import { userOverride } from "../../limits/overrides";
import { ApiError } from "../errors";
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
