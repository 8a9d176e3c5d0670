/**
 * One call to a TikTok API endpoint, start to finish:
 *   1. tie it to an account (by bearer or Access-Token, code or refresh token) and count it;
 *   2. apply matching fault rules (latency first, then at most one failure);
 *   3. enforce the per-endpoint rate limit (Display API and the Accounts API's data endpoints:
 *      TikTok documents none for OAuth);
 *   4. run the endpoint's handler.
 * Faulted and throttled calls do not use up the rate-limit window.
 */
import { businessGet, businessVideoList, type AnswerOptions } from "./accounts-api.ts";
import {
  businessOAuthOwner,
  businessRefreshEndpoint,
  businessRevokeEndpoint,
  businessTokenEndpoint,
} from "./accounts-oauth.ts";
import type { SimContext } from "./context.ts";
import { bearerToken, userInfo, videoList, videoQuery } from "./display-api.ts";
import { BUSINESS_DATA_ENDPOINTS, isBusinessEndpoint, isDisplayEndpoint, type Endpoint } from "./endpoints.ts";
import { apiError, businessError, oauthError } from "./envelope.ts";
import type { Fault } from "./faults.ts";
import type { Reply, SimRequest } from "./http.ts";
import { revokeEndpoint, revokeRequestOwner, tokenEndpoint, tokenRequestOwner } from "./oauth.ts";

const HANDLERS: Record<Endpoint, (ctx: SimContext, req: SimRequest, options: AnswerOptions) => Reply> = {
  user_info: userInfo,
  video_list: videoList,
  video_query: videoQuery,
  token: tokenEndpoint,
  revoke: revokeEndpoint,
  business_token: businessTokenEndpoint,
  business_refresh: businessRefreshEndpoint,
  business_revoke: businessRevokeEndpoint,
  business_get: businessGet,
  business_video_list: businessVideoList,
};

function headerToken(req: SimRequest): string {
  const raw = req.headers["access-token"];
  return (Array.isArray(raw) ? raw[0] : raw) ?? "";
}

function countCall(ctx: SimContext, endpoint: Endpoint, req: SimRequest): string | undefined {
  if (isBusinessEndpoint(endpoint)) {
    const owner = BUSINESS_DATA_ENDPOINTS.includes(endpoint)
      ? ctx.tokens.ownerOf("access", headerToken(req))
      : businessOAuthOwner(ctx, endpoint, req);
    ctx.calls.record(endpoint, owner?.openId);
    return owner?.openId;
  }
  if (endpoint === "token") {
    const { grant, refresh } = tokenRequestOwner(ctx, req);
    ctx.calls.record("token", grant?.openId);
    if (refresh) ctx.calls.record("refresh", grant?.openId);
    return grant?.openId;
  }
  const owner =
    endpoint === "revoke" ? revokeRequestOwner(ctx, req) : ctx.tokens.ownerOf("access", bearerToken(req) ?? "");
  ctx.calls.record(endpoint, owner?.openId);
  return owner?.openId;
}

export async function handleApiCall(ctx: SimContext, endpoint: Endpoint, req: SimRequest): Promise<Reply> {
  const openId = countCall(ctx, endpoint, req);
  const { delayMs, fault } = ctx.faults.take(endpoint, openId);
  if (delayMs > 0) await ctx.timers.sleep(delayMs);
  const rewrites = fault?.kind === "malformed_json" || fault?.kind === "sparse";
  if (fault && !rewrites) return faultReply(fault, endpoint, req.logId);
  if (isDisplayEndpoint(endpoint) && !ctx.limiter.tryAcquire(endpoint, ctx.clock.now())) {
    return apiError("rate_limit_exceeded", req.logId);
  }
  if (BUSINESS_DATA_ENDPOINTS.includes(endpoint) && !ctx.businessLimiter.tryAcquire(endpoint, ctx.clock.now())) {
    return businessError("rate_limited", req.logId);
  }
  const reply = HANDLERS[endpoint](ctx, req, { sparse: fault?.kind === "sparse" });
  return fault?.kind === "malformed_json" ? malformed(reply) : reply;
}

/** The answer a fault forces on the Accounts API: HTTP 200 and a non-zero code, as TikTok does. */
function businessFaultReply(fault: Fault, endpoint: Endpoint, logId: string): Reply {
  switch (fault.kind) {
    case "timeout":
      return fault.delayMs === undefined ? { kind: "hold" } : { kind: "hold", forMs: fault.delayMs };
    case "rate_limit":
      return businessError("rate_limited", logId);
    case "server_error":
      return businessError("internal_error", logId);
    case "access_token_invalid":
      return businessError("access_token_invalid", logId);
    case "scope_not_authorized":
      return businessError("no_permission", logId);
    case "invalid_grant":
      return businessError(endpoint === "business_refresh" ? "refresh_token_invalid" : "auth_code_invalid", logId);
    default:
      throw new Error(`fault ${fault.kind} does not decide an answer on its own`);
  }
}

/** The answer a fault forces, in the endpoint's own error shape. */
function faultReply(fault: Fault, endpoint: Endpoint, logId: string): Reply {
  if (isBusinessEndpoint(endpoint)) return businessFaultReply(fault, endpoint, logId);
  const display = isDisplayEndpoint(endpoint);
  switch (fault.kind) {
    case "timeout":
      return fault.delayMs === undefined ? { kind: "hold" } : { kind: "hold", forMs: fault.delayMs };
    case "rate_limit":
      return display
        ? apiError("rate_limit_exceeded", logId)
        : oauthError("temporarily_unavailable", "Too many requests. Please try again later.", logId, 429);
    case "server_error":
      return display
        ? apiError("internal_error", logId, "Internal error. Please try again later.")
        : oauthError("server_error", "Internal server error. Please try again later.", logId);
    case "access_token_invalid":
      return apiError("access_token_invalid", logId);
    case "scope_not_authorized":
      return apiError("scope_not_authorized", logId);
    case "invalid_grant":
      return oauthError("invalid_grant", "The refresh token or authorization code is invalid or expired.", logId);
    default:
      // `slow` only adds latency and `malformed_json` rewrites the real answer: neither gets here.
      throw new Error(`fault ${fault.kind} does not decide an answer on its own`);
  }
}

/** The real answer cut off halfway: status 200 and a JSON content type, but a body no parser accepts. */
function malformed(reply: Reply): Reply {
  if (reply.kind !== "send") return reply;
  const cut = reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2)));
  return { ...reply, status: 200, body: cut === reply.body ? "{" : cut };
}
