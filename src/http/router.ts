import { OpenAPIHono } from "@hono/zod-openapi";
import { validationError } from "./middleware/errors";
import type { AppEnv } from "./types";

/** A router whose zod validation failures leave through the one error envelope. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
}
