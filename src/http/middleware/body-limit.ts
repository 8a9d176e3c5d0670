import { createMiddleware } from "hono/factory";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../errors";
import type { AppEnv } from "../types";

/**
 * A request body of at most `maxBytes`, enforced while it is read: a declared Content-Length over
 * the limit is refused before anything is read, and a body without one (chunked) is counted as it
 * streams in and refused as soon as it passes the limit, so no oversized body is ever buffered.
 */
export function limitBody(maxBytes: number) {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError("payload_too_large", `Body too large: at most ${maxBytes} bytes.`);
    },
  });
  return createMiddleware<AppEnv>(async function enforceBodyLimit(c, next) {
    await limit(c, next);
  });
}
