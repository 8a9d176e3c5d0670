import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { isDatabaseUnavailable } from "../../db/errors";
import { ConfigError } from "../../env";
import { errorFields, log } from "../../log";
import { ApiError, apiErrorOf, errorResponse, type ErrorCode } from "../errors";

/** Hono's HTTPExceptions (body limit, bad content type, …) mapped onto our codes. */
const HTTP_EXCEPTION_CODES: Record<number, ErrorCode> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

export function onError(error: Error, c: Context): Response {
  const answer = apiErrorOf(error);
  if (answer) return errorResponse(c, answer);
  const requestId = c.get("requestId") as string | undefined;
  if (error instanceof HTTPException && HTTP_EXCEPTION_CODES[error.status]) {
    return errorResponse(
      c,
      new ApiError(HTTP_EXCEPTION_CODES[error.status] as ErrorCode, error.message || "bad request"),
    );
  }
  if (isDatabaseUnavailable(error)) {
    log("error", "database_unavailable", { requestId, path: c.req.path, ...errorFields(error) });
    return errorResponse(
      c,
      new ApiError("database_unavailable", "The database is unavailable; try again shortly.", {
        headers: { "retry-after": "5" },
      }),
    );
  }
  if (error instanceof ConfigError) {
    log("error", "bad_environment", { requestId, issues: error.issues });
  } else {
    log("error", "unhandled_error", {
      requestId,
      path: c.req.path,
      ...errorFields(error),
    });
  }
  return errorResponse(c, new ApiError("internal_error", "Something went wrong on our side; it has been logged."));
}

/** A registered route as Hono lists it (`app.routes`). */
interface RouteEntry {
  method: string;
  path: string;
}

/** Each route's method and path as a pattern (`:param` matches one segment; paths are strict). */
function compileRoutes(routes: readonly RouteEntry[]): { method: string; pattern: RegExp }[] {
  return routes
    .filter((route) => route.method !== "ALL") // middleware
    .map((route) => ({
      method: route.method,
      pattern: new RegExp(`^${route.path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:[^/]+/g, "[^/]+")}$`),
    }));
}

/**
 * No route: 405 with Allow when the path exists under other methods, else 404. The routes are
 * compiled on the first miss, once every route is registered.
 */
export function notFound(routes: readonly RouteEntry[]) {
  let compiled: ReturnType<typeof compileRoutes> | undefined;
  return (c: Context): Response => {
    compiled ??= compileRoutes(routes);
    const allow = new Set<string>();
    for (const { method, pattern } of compiled) {
      if (!pattern.test(c.req.path)) continue;
      allow.add(method);
      if (method === "GET") allow.add("HEAD");
    }
    // The method is allowed and still nothing answered (a handler's own notFound): a plain 404.
    if (allow.size > 0 && !allow.has(c.req.method)) {
      const list = [...allow].sort().join(", ");
      return errorResponse(
        c,
        new ApiError("method_not_allowed", `${c.req.path} answers ${list}, not ${c.req.method}.`, {
          headers: { allow: list },
        }),
      );
    }
    return errorResponse(c, new ApiError("not_found", `No route for ${c.req.method} ${c.req.path}.`));
  };
}

/** zod failures from route validation: which parameter, and what is wrong with it. */
export function validationError(error: ZodError, target: string): ApiError {
  const details = error.issues.map((issue) => ({
    path: [target, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const code: ErrorCode = target === "json" ? "validation_failed" : "invalid_request";
  const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
  return new ApiError(code, `Invalid ${target === "json" ? "body" : target}: ${summary}`, { details });
}
