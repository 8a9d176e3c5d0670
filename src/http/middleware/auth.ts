import { createMiddleware } from "hono/factory";
import { checkAccessToken } from "../cache/verified-tokens";
import { ApiError } from "../errors";
import type { AppEnv } from "../types";

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/**
 * Verifies the access token and puts its claims on the context. Signature and claims only: no
 * database, so the data routes stay one round trip and work for tokens from any trusted issuer.
 */
export const requireUser = createMiddleware<AppEnv>(async function requireUser(c, next) {
  const header = c.req.header("authorization");
  if (!header) {
    throw new ApiError("unauthorized", "Missing access token: send Authorization: Bearer <token>.", {
      headers: { "www-authenticate": 'Bearer realm="adam"' },
    });
  }
  const match = BEARER.exec(header);
  const result = match?.[1] ? await checkAccessToken(match[1], c.var.config.jwt) : undefined;
  if (!result?.ok) {
    const expired = result?.reason === "expired";
    throw new ApiError("unauthorized", expired ? "Access token expired: refresh it." : "Invalid access token.", {
      headers: {
        "www-authenticate": `Bearer realm="adam", error="invalid_token", error_description="${expired ? "expired" : "invalid"}"`,
      },
    });
  }
  c.set("user", result.claims);
  await next();
});
