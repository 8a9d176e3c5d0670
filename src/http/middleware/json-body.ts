import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";
import type { AppEnv } from "../types";
import { limitBody } from "./body-limit";

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * For routes that take a JSON body: the right content type (415), a bounded size read as it
 * streams (413, see `limitBody`) and valid JSON (400) are checked here, so route validation only
 * ever sees parsed JSON.
 */
export function jsonBody(maxBytes: number) {
  const limit = limitBody(maxBytes);
  return createMiddleware<AppEnv>(async function checkJsonBody(c, next) {
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!JSON_TYPE.test(type)) {
      throw new ApiError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
    }
    await limit(c, async () => {
      const buffer = await c.req.arrayBuffer();
      try {
        JSON.parse(new TextDecoder().decode(buffer));
      } catch {
        throw new ApiError("invalid_json", "The body is not valid JSON.");
      }
      await next();
    });
  });
}
