import { createMiddleware } from "hono/factory";
import { ApiError } from "../errors";
import type { AppEnv } from "../types";

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * For routes that take a JSON body: the right content type (415), a bounded size (413) and valid
 * JSON (400) are checked here, so route validation only ever sees parsed JSON.
 */
export function jsonBody(maxBytes: number) {
  return createMiddleware<AppEnv>(async function jsonBody(c, next) {
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!JSON_TYPE.test(type)) {
      throw new ApiError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
    }
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > maxBytes) throw new ApiError("payload_too_large", `Body too large: at most ${maxBytes} bytes.`);
    const buffer = await c.req.arrayBuffer();
    if (buffer.byteLength > maxBytes)
      throw new ApiError("payload_too_large", `Body too large: at most ${maxBytes} bytes.`);
    try {
      JSON.parse(new TextDecoder().decode(buffer));
    } catch {
      throw new ApiError("invalid_json", "The body is not valid JSON.");
    }
    await next();
  });
}
