import type { MiddlewareHandler } from "hono";
import { cors as honoCors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { Config } from "../../env";
import type { AppEnv } from "../types";

const handlers = new WeakMap<Config, MiddlewareHandler>();

/** Browsers may call the API only from the dashboard's origin(s), with credentials for the refresh cookie. */
export const cors = createMiddleware<AppEnv>(async function cors(c, next) {
  const config = c.var.config;
  let handler = handlers.get(config);
  if (!handler) {
    const allowed = config.dashboardOrigins;
    handler = honoCors({
      origin: (origin) => (allowed.includes(origin) ? origin : null),
      credentials: true,
      allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type", "Cache-Control"],
      exposeHeaders: ["X-Request-Id", "Retry-After", "X-Cache", "Age", "Content-Disposition"],
      maxAge: 600,
    });
    handlers.set(config, handler);
  }
  return handler(c, next);
});
