/**
 * The Accounts API's OAuth endpoints (tiktok-api.md §7): `POST /tt_user/oauth2/token/` exchanges
 * the consent's code (`auth_code`), `/tt_user/oauth2/refresh_token/` renews, `/tt_user/oauth2/revoke/`
 * ends the grant. JSON bodies with `client_id`/`client_secret` (the Accounts API app's, not Login
 * Kit's), and the Accounts API's envelope: HTTP 200 always, a non-zero `code` on failure.
 * Refresh tokens rotate here too (the stricter reading): a client must keep the one it gets back.
 */
import type { SimContext } from "./context.ts";
import { businessError, businessOk } from "./envelope.ts";
import { mediaType, type Reply, type SimRequest } from "./http.ts";
import type { Grant, TokenResponse } from "./tokens.ts";

/** The JSON body, or an `invalid_params` answer. */
function readJsonBody(req: SimRequest): Record<string, unknown> | Reply {
  if (mediaType(req.headers) !== "application/json") {
    return businessError("invalid_params", req.logId, "Content-Type must be application/json.");
  }
  try {
    const value: unknown = JSON.parse(req.body);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  return businessError("invalid_params", req.logId, "The request body must be a JSON object.");
}

const isReply = (value: unknown): value is Reply =>
  typeof value === "object" && value !== null && "kind" in value && "status" in value;

/**
 * What every endpoint here checks first, in this order: a JSON body, the Accounts API app's
 * credentials, the grant type (where the endpoint has one), then each required string field.
 * Returns those fields, or the answer that refuses the request.
 */
function clientRequest<K extends string>(
  ctx: SimContext,
  req: SimRequest,
  grantType: string | undefined,
  required: readonly K[],
): Record<K, string> | Reply {
  const body = readJsonBody(req);
  if (isReply(body)) return body;
  if (body.client_id !== ctx.business.clientKey || body.client_secret !== ctx.business.clientSecret) {
    return businessError("invalid_client", req.logId);
  }
  if (grantType !== undefined && body.grant_type !== grantType) {
    return businessError("invalid_params", req.logId, `grant_type must be ${grantType}.`);
  }
  const fields = {} as Record<K, string>;
  for (const name of required) {
    const value = body[name];
    if (typeof value !== "string" || !value) return businessError("invalid_params", req.logId, `${name} is required.`);
    fields[name] = value;
  }
  return fields;
}

/** The Accounts API's token payload: Login Kit's, with `refresh_token_expires_in` for `refresh_expires_in`. */
function tokenData(tokens: TokenResponse) {
  return {
    access_token: tokens.access_token,
    expires_in: tokens.expires_in,
    open_id: tokens.open_id,
    refresh_token: tokens.refresh_token,
    refresh_token_expires_in: tokens.refresh_expires_in,
    scope: tokens.scope,
    token_type: tokens.token_type,
  };
}

function parsed(req: SimRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(req.body);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Whose code, refresh token or access token a call carries (valid or not), for call counts and faults. */
export function businessOAuthOwner(ctx: SimContext, endpoint: string, req: SimRequest): Grant | undefined {
  const body = parsed(req);
  const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
  if (endpoint === "business_token") return ctx.tokens.ownerOf("code", text("auth_code"));
  if (endpoint === "business_refresh") return ctx.tokens.ownerOf("refresh", text("refresh_token"));
  return ctx.tokens.ownerOf("access", text("access_token"));
}

export function businessTokenEndpoint(ctx: SimContext, req: SimRequest): Reply {
  const asked = clientRequest(ctx, req, "authorization_code", ["auth_code", "redirect_uri"]);
  if (isReply(asked)) return asked;
  const outcome = ctx.tokens.redeemCode(asked.auth_code, ctx.business.clientKey, asked.redirect_uri);
  if (!outcome.ok) return businessError("auth_code_invalid", req.logId, outcome.description);
  return businessOk(tokenData(outcome.tokens), req.logId);
}

export function businessRefreshEndpoint(ctx: SimContext, req: SimRequest): Reply {
  const asked = clientRequest(ctx, req, "refresh_token", ["refresh_token"]);
  if (isReply(asked)) return asked;
  const outcome = ctx.tokens.refreshTokens(asked.refresh_token, ctx.business.clientKey);
  if (!outcome.ok) return businessError("refresh_token_invalid", req.logId, outcome.description);
  return businessOk(tokenData(outcome.tokens), req.logId);
}

/** Ends the user's whole grant to the Accounts API app; an unknown token is not an error (the goal is met). */
export function businessRevokeEndpoint(ctx: SimContext, req: SimRequest): Reply {
  const asked = clientRequest(ctx, req, undefined, ["access_token"]);
  if (isReply(asked)) return asked;
  const owner = ctx.tokens.ownerOf("access", asked.access_token);
  if (owner && owner.clientKey === ctx.business.clientKey) ctx.tokens.revokeUser(owner.openId);
  return businessOk({}, req.logId);
}
