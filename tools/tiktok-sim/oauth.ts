/**
 * `POST /v2/oauth/token/` and `POST /v2/oauth/revoke/` (tiktok-api.md §1.2–1.4). Both take
 * `x-www-form-urlencoded` bodies only (sending JSON is pitfall 11), authenticate the app with
 * `client_key`/`client_secret`, and answer errors in the flat OAuth shape.
 */
import type { SimContext } from "./context.ts";
import { oauthError } from "./envelope.ts";
import { json, mediaType, type Reply, type SimRequest } from "./http.ts";
import type { Grant } from "./tokens.ts";
import { sendAuthorizationRemoved } from "./webhook.ts";

const FORM = "application/x-www-form-urlencoded";

/** The form body, or an `invalid_request` answer when the body is not a form. */
function readForm(req: SimRequest): URLSearchParams | Reply {
  if (mediaType(req.headers) !== FORM) {
    return oauthError("invalid_request", `Content-Type must be ${FORM}.`, req.logId);
  }
  return new URLSearchParams(req.body);
}

function checkClient(ctx: SimContext, form: URLSearchParams, req: SimRequest): Reply | undefined {
  if (form.get("client_key") !== ctx.app.clientKey || form.get("client_secret") !== ctx.app.clientSecret) {
    return oauthError(
      "invalid_client",
      "Client authentication failed: unknown client_key or wrong client_secret.",
      req.logId,
    );
  }
  return undefined;
}

/** Whose code or refresh token a token request carries (valid or not), for call counts and per-account faults. */
export function tokenRequestOwner(ctx: SimContext, req: SimRequest): { grant?: Grant; refresh: boolean } {
  if (mediaType(req.headers) !== FORM) return { refresh: false };
  const form = new URLSearchParams(req.body);
  const grantType = form.get("grant_type");
  if (grantType === "refresh_token") {
    return { grant: ctx.tokens.ownerOf("refresh", form.get("refresh_token") ?? ""), refresh: true };
  }
  if (grantType === "authorization_code")
    return { grant: ctx.tokens.ownerOf("code", form.get("code") ?? ""), refresh: false };
  return { refresh: false };
}

export function revokeRequestOwner(ctx: SimContext, req: SimRequest): Grant | undefined {
  if (mediaType(req.headers) !== FORM) return undefined;
  return ctx.tokens.ownerOf("access", new URLSearchParams(req.body).get("token") ?? "");
}

/** The form of a request from this app: its body read, its client credentials checked. */
function clientForm(ctx: SimContext, req: SimRequest): URLSearchParams | Reply {
  const form = readForm(req);
  if (!(form instanceof URLSearchParams)) return form;
  return checkClient(ctx, form, req) ?? form;
}

export function tokenEndpoint(ctx: SimContext, req: SimRequest): Reply {
  const form = clientForm(ctx, req);
  if (!(form instanceof URLSearchParams)) return form;
  const grantType = form.get("grant_type");
  const missing = (name: string) => oauthError("invalid_request", `Missing required parameter: ${name}.`, req.logId);
  let outcome;
  if (grantType === "authorization_code") {
    const code = form.get("code");
    const redirectUri = form.get("redirect_uri");
    if (!code) return missing("code");
    if (!redirectUri) return missing("redirect_uri");
    outcome = ctx.tokens.redeemCode(code, ctx.app.clientKey, redirectUri);
  } else if (grantType === "refresh_token") {
    const refreshToken = form.get("refresh_token");
    if (!refreshToken) return missing("refresh_token");
    outcome = ctx.tokens.refreshTokens(refreshToken, ctx.app.clientKey);
  } else if (!grantType) {
    return missing("grant_type");
  } else {
    // client_credentials exists on TikTok (client tokens for the Research API) but this product never uses it.
    return oauthError("unsupported_grant_type", `grant_type ${grantType} is not supported here.`, req.logId);
  }
  if (!outcome.ok) return oauthError("invalid_grant", outcome.description, req.logId);
  return json(200, outcome.tokens, { "cache-control": "no-store" });
}

/**
 * Revoking a user's access token ends that user's whole authorization of the app, refresh
 * tokens included. An unknown or already revoked token is not an error (RFC 7009 §2.2): the
 * caller's goal, "this token no longer works", is met either way. As on TikTok, the app then
 * receives `authorization.removed` with reason 5 (developer revoked), in the background, when a
 * webhook URL is configured.
 */
export function revokeEndpoint(ctx: SimContext, req: SimRequest): Reply {
  const form = clientForm(ctx, req);
  if (!(form instanceof URLSearchParams)) return form;
  const token = form.get("token");
  if (!token) return oauthError("invalid_request", "Missing required parameter: token.", req.logId);
  const owner = ctx.tokens.ownerOf("access", token);
  const revoked = owner ? ctx.tokens.revokeUser(owner.openId) : 0;
  if (owner && revoked > 0 && ctx.app.webhookUrl) {
    void sendAuthorizationRemoved(ctx, { openId: owner.openId, reason: 5 }, (ms) => ctx.timers.sleep(ms)).catch(
      () => undefined,
    );
  }
  return json(200, {});
}
