import { z } from "@hono/zod-openapi";
import { ErrorEnvelope } from "../contract/errors";

/** Schemas shared by several routes: the error envelope, the standard error responses (ids: the contract's). */

export { AccountId, VideoId } from "../contract/ids";

/**
 * The query of a route that takes none: any parameter is a 400, so nothing a route does not know
 * can reach a cache key or a handler.
 */
export const NoQuery = z.object({}).strict();

/** A whole-number query parameter with its bounds and default, in words a client can act on (`unit`: "days"). */
export const wholeNumber = (description: string, min: number, max: number, fallback: number, unit?: string) => {
  const whole = unit ? `must be a whole number of ${unit}` : "must be a whole number";
  return z.coerce
    .number({ error: whole })
    .int(whole)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback)
    .openapi({ description, example: fallback });
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

/** The failures every authenticated data route can answer with. */
export const dataRouteErrors = {
  400: errorResponse("Invalid path or query parameter"),
  401: errorResponse("Missing, malformed, forged or expired access token"),
  404: errorResponse("Not found, or not one of the token's accounts (the same answer either way)"),
  429: errorResponse("Rate limit reached (10/min free, 100/min paid); see Retry-After"),
  503: errorResponse("The database is unavailable"),
} as const;

export const authRouteErrors = {
  400: errorResponse("Malformed JSON"),
  413: errorResponse("Body too large"),
  415: errorResponse("Body is not JSON"),
  422: errorResponse("Body does not match the schema"),
  429: errorResponse("Too many attempts; see Retry-After"),
  503: errorResponse("The database is unavailable"),
} as const;

export { errorResponse };

export const bearerSecurity = [{ bearerAuth: [] }];

// Lenient, the one kind of query that is not strict: TikTok's redirect back from a consent may carry
// parameters of its own, and a browser must never land on a validation error there. Unknown
// parameters are dropped (never read, never cached); a value that is oversized or repeated (the
// validator sees `?state=a&state=b` as an array) is dropped too, and the flow then fails with a message.
const bounded = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (typeof value === "string" && value.length <= max ? value : undefined))
    .openapi({ type: "string", maxLength: max });

/** The query of an OAuth redirect back from TikTok (the Display API's consent and the Accounts API's). */
export const OAuthCallbackQuery = z.object({
  code: bounded(2048),
  scopes: bounded(1024),
  state: bounded(256),
  error: bounded(256),
  error_description: bounded(2048),
});

/** What an OAuth callback answers besides its redirect: never a 4xx (see OAuthCallbackQuery), only the envelope of a fault. */
export const oauthCallbackErrors = {
  default: errorResponse("A fault on our side (500) or an unreachable database (503), in the one error envelope"),
};
