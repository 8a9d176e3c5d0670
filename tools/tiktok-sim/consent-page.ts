/**
 * The HTML of the simulated TikTok consent screen: log in as one of the synthetic creators,
 * untick scopes you do not want to grant, then Allow or Deny. Plain HTML, no script, so tests
 * can parse the form and post it as a browser would.
 */
import { AUTHORIZE_PATH } from "./endpoints.ts";
import type { CreatorProfile } from "./model/index.ts";
import { DEFAULT_SCOPE, type AppKind } from "./scopes.ts";

/** What the screen says each scope allows (paraphrasing TikTok's wording), per app. */
const SCOPE_TEXT: Record<AppKind, Record<string, string>> = {
  display: {
    "user.info.basic": "Read your profile info (avatar, display name)",
    "user.info.profile": "Read your profile details (username, bio, verified badge, profile link)",
    "user.info.stats": "Read your stats (followers, following, likes, number of videos)",
    "video.list": "Read your public videos and their view, like, comment and share counts",
  },
  business: {
    "user.info.basic": "Read your profile info (avatar, display name)",
    "user.info.username": "Read your username",
    "user.info.stats": "Read your stats (followers, following, likes, number of videos)",
    "user.insights": "Read your account analytics (daily views, followers gained and lost, audience)",
    "user.account.type": "Read whether this is a personal or business account",
    "video.list": "Read your public videos and their counts",
    "video.insights": "Read your videos' analytics (watch time, retention, traffic sources, viewers)",
    "comment.list": "Read comments on your videos",
    "comment.list.manage": "Reply to and manage comments on your videos",
    "video.publish": "Publish videos to your account",
    "video.upload": "Upload video drafts to your account",
  },
};

export interface ConsentRequest {
  app: AppKind;
  clientKey: string;
  redirectUri: string;
  /** The scopes asked for, as the client sent them (comma-separated). */
  scope: string;
  requested: string[];
  state: string | undefined;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

export function renderConsentPage(options: {
  request: ConsentRequest;
  /** The first few creators, listed so a developer can pick one without knowing indexes. */
  featured: CreatorProfile[];
  creators: number;
  selected?: number;
  error?: string;
}): string {
  const { request, featured, creators } = options;
  const scopes = [DEFAULT_SCOPE, ...request.requested.filter((s) => s !== DEFAULT_SCOPE)];
  const scopeRows = scopes
    .map((scope) =>
      scope === DEFAULT_SCOPE
        ? // Login Kit always grants basic: shown, ticked, not optional (a disabled box is not submitted).
          `<li><label><input type="checkbox" checked disabled> ${escapeHtml(SCOPE_TEXT[request.app][scope] ?? scope)} <code>${scope}</code> (always granted)</label></li>`
        : `<li><label><input type="checkbox" name="grant" value="${scope}" checked> ${escapeHtml(SCOPE_TEXT[request.app][scope] ?? scope)} <code>${scope}</code></label></li>`,
    )
    .join("\n        ");
  const creatorRows = featured
    .map(
      (c) =>
        `<li value="${c.index}"><b>${escapeHtml(c.displayName)}</b> @${escapeHtml(c.username)}${c.isVerified ? " ✔" : ""}</li>`,
    )
    .join("\n          ");
  const state = request.state === undefined ? "" : hidden("state", request.state);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Authorize ${escapeHtml(request.clientKey)} – TikTok simulator</title>
  <style>
    body { font: 15px/1.5 system-ui, sans-serif; max-width: 34rem; margin: 2rem auto; padding: 0 1rem; color: #161823; }
    fieldset { border: 1px solid #ddd; border-radius: 8px; margin: 1rem 0; }
    ul { list-style: none; padding-left: 0; }
    .error { color: #b00020; }
    .note { color: #666; font-size: 13px; }
    button { font: inherit; padding: .5rem 1.5rem; border-radius: 4px; border: 1px solid #ccc; cursor: pointer; }
    button[value=allow] { background: #fe2c55; color: #fff; border-color: #fe2c55; }
  </style>
</head>
<body>
  <h1>Authorize <code>${escapeHtml(request.clientKey)}</code></h1>
  <p class="note">Local TikTok simulator: a development tool, not TikTok. After you decide, you go back to
    <code>${escapeHtml(request.redirectUri)}</code>.</p>
  ${options.error ? `<p class="error">${escapeHtml(options.error)}</p>` : ""}
  <form method="post" action="${AUTHORIZE_PATH}">
    ${hidden("client_key", request.clientKey)}
    ${hidden("redirect_uri", request.redirectUri)}
    ${hidden("response_type", "code")}
    ${hidden("scope", request.scope)}
    ${state}
    <fieldset>
      <legend>Log in as</legend>
      <ol start="0">
          ${creatorRows}
      </ol>
      <label>Creator index (0 – ${creators - 1})
        <input type="number" name="creator" value="${options.selected ?? 0}" min="0" max="${creators - 1}" required></label>
    </fieldset>
    <fieldset>
      <legend>This app would like to</legend>
      <ul>
        ${scopeRows}
      </ul>
    </fieldset>
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </form>
</body>
</html>
`;
}

/** A page for requests TikTok cannot send back to the app (unknown client, unregistered redirect_uri). */
export function renderAuthorizeErrorPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Something went wrong – TikTok simulator</title></head>
<body style="font: 15px/1.5 system-ui, sans-serif; max-width: 34rem; margin: 2rem auto">
  <h1>Something went wrong</h1>
  <p class="error">${escapeHtml(message)}</p>
  <p>Local TikTok simulator: a development tool, not TikTok.</p>
</body>
</html>
`;
}
