/**
 * `GET /v2/auth/authorize/` (Login Kit for Web, tiktok-api.md §1.1) and the consent form it
 * posts back to. Requests whose client or redirect_uri cannot be trusted get an error page;
 * once the redirect_uri is known good, every outcome goes back to it as a 302 (RFC 6749 §4.1.2):
 * `?code=…&scopes=…&state=…` on Allow, `?error=…&error_description=…&state=…` otherwise.
 */
import { businessOpenId } from "./accounts-app.ts";
import { renderAuthorizeErrorPage, renderConsentPage, type ConsentRequest } from "./consent-page.ts";
import { appOf, type AppConfig, type SimContext } from "./context.ts";
import { html, mediaType, redirect, type Reply, type SimRequest } from "./http.ts";
import { DEFAULT_SCOPE, isScope, parseScopeList, scopeString } from "./scopes.ts";

/** How many creators the consent page lists by name. */
const FEATURED_CREATORS = 8;

/** Redirect URIs are exact strings; TikTok also requires them static: no query, no fragment. */
export function redirectUriAllowed(app: AppConfig, uri: string): boolean {
  if (app.redirectUris !== "loopback") return app.redirectUris.includes(uri);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return (
    url.protocol === "http:" &&
    (url.hostname === "127.0.0.1" || url.hostname === "localhost") &&
    !uri.includes("?") &&
    !uri.includes("#")
  );
}

type Checked = { ok: true; request: ConsentRequest } | { ok: false; reply: Reply };

/**
 * Validates the authorize parameters (from the query string, or the consent form's hidden fields).
 * The same page serves both apps, as www.tiktok.com does: the client_key says which.
 */
export function checkAuthorizeParams(ctx: Pick<SimContext, "app" | "business">, params: URLSearchParams): Checked {
  const clientKey = params.get("client_key") ?? "";
  const redirectUri = params.get("redirect_uri") ?? "";
  const state = params.get("state") ?? undefined;
  const app = appOf(ctx, clientKey);
  if (!app) {
    return { ok: false, reply: html(400, renderAuthorizeErrorPage(`Unknown client_key "${clientKey}".`)) };
  }
  if (!redirectUriAllowed(app, redirectUri)) {
    return {
      ok: false,
      reply: html(400, renderAuthorizeErrorPage(`redirect_uri "${redirectUri}" is not registered for this app.`)),
    };
  }
  const back = (error: string, description: string) => ({
    ok: false as const,
    reply: redirect(callbackUrl(redirectUri, { error, error_description: description, state })),
  });
  if (params.get("response_type") !== "code") {
    return back("unsupported_response_type", "response_type must be code.");
  }
  const scope = params.get("scope") ?? "";
  const { scopes, unknown } = parseScopeList(scope, app.kind);
  if (unknown.length > 0) return back("invalid_scope", `Unknown scope: ${unknown.join(",")}.`);
  if (scopes.length === 0) return back("invalid_scope", "scope is required (comma-separated).");
  return { ok: true, request: { app: app.kind, clientKey, redirectUri, scope, requested: scopes, state } };
}

export function callbackUrl(redirectUri: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  return `${redirectUri}?${query}`;
}

export interface AuthorizationInput {
  creator: number;
  /** Scopes the user grants; `user.info.basic` is added. */
  scopes: string[];
  clientKey: string;
  redirectUri: string;
}

/**
 * Issues a single-use authorization code bound to the redirect_uri: the step after "Allow". The
 * user's open_id is per app, as on TikTok: the Accounts API's app sees another one.
 */
export function grantAuthorization(ctx: SimContext, input: AuthorizationInput) {
  const profile = ctx.world.creator(input.creator);
  const business = appOf(ctx, input.clientKey)?.kind === "business";
  const openId = business ? businessOpenId(profile.openId) : profile.openId;
  const scopes = [DEFAULT_SCOPE, ...input.scopes.filter((s) => s !== DEFAULT_SCOPE)];
  const code = ctx.tokens.issueCode(
    { clientKey: input.clientKey, openId, index: input.creator, scopes },
    input.redirectUri,
  );
  return { code, openId, scopes: scopeString(scopes) };
}

export class AuthorizationInputError extends Error {}

/**
 * The same grant without the HTML form, for tests and seeding scripts: checks what the
 * authorize page would (client, redirect_uri, creator, scope names), then issues the code.
 */
export function authorizeDirectly(ctx: SimContext, input: AuthorizationInput) {
  const { creator, clientKey, redirectUri, scopes } = input;
  if (!Number.isInteger(creator) || creator < 0 || creator >= ctx.creators) {
    throw new AuthorizationInputError(`creator must be an index from 0 to ${ctx.creators - 1}`);
  }
  const app = appOf(ctx, clientKey);
  if (!app) throw new AuthorizationInputError(`unknown client_key "${clientKey}"`);
  if (!redirectUriAllowed(app, redirectUri)) {
    throw new AuthorizationInputError(`redirect_uri "${redirectUri}" is not registered (the code is bound to it)`);
  }
  const unknown = scopes.filter((s) => !isScope(s, app.kind));
  if (unknown.length > 0) throw new AuthorizationInputError(`unknown scopes: ${unknown.join(", ")}`);
  return grantAuthorization(ctx, input);
}

function consentPage(ctx: SimContext, request: ConsentRequest, status = 200, selected?: number, error?: string) {
  const count = Math.min(FEATURED_CREATORS, ctx.creators);
  const featured = Array.from({ length: count }, (_, i) => ctx.world.creator(i));
  return html(status, renderConsentPage({ request, featured, creators: ctx.creators, selected, error }));
}

/** GET: show the consent screen (always: there is no remembered consent to skip it). */
export function authorizePage(ctx: SimContext, req: SimRequest): Reply {
  ctx.calls.record("authorize");
  const checked = checkAuthorizeParams(ctx, req.url.searchParams);
  return checked.ok ? consentPage(ctx, checked.request) : checked.reply;
}

/** POST: the consent form's answer. */
export function authorizeDecision(ctx: SimContext, req: SimRequest): Reply {
  const form = new URLSearchParams(mediaType(req.headers) === "application/x-www-form-urlencoded" ? req.body : "");
  const checked = checkAuthorizeParams(ctx, form);
  const creatorText = form.get("creator") ?? "";
  const creator = /^\d+$/.test(creatorText) ? Number(creatorText) : -1;
  const profile = creator >= 0 && creator < ctx.creators ? ctx.world.creator(creator) : undefined;
  const asApp = appOf(ctx, form.get("client_key") ?? "")?.kind === "business" ? businessOpenId : (id: string) => id;
  ctx.calls.record("authorize", profile ? asApp(profile.openId) : undefined);
  if (!checked.ok) return checked.reply;
  const { request } = checked;
  if (form.get("decision") !== "allow") {
    return redirect(
      callbackUrl(request.redirectUri, {
        error: "access_denied",
        error_description: "The user denied the authorization request.",
        state: request.state,
      }),
    );
  }
  if (creator < 0 || creator >= ctx.creators) {
    return consentPage(ctx, request, 400, 0, `Pick a creator index between 0 and ${ctx.creators - 1}.`);
  }
  // Only scopes that were asked for can be granted; unticked ones are declined.
  const granted = form.getAll("grant").filter((s) => isScope(s, request.app) && request.requested.includes(s));
  const { code, scopes } = grantAuthorization(ctx, {
    creator,
    scopes: granted,
    clientKey: request.clientKey,
    redirectUri: request.redirectUri,
  });
  return redirect(callbackUrl(request.redirectUri, { code, scopes, state: request.state }));
}
