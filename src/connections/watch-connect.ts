import { randomBytes, sha256Hex, toBase64Url } from "../lib/crypto";
import type { TiktokDb, UsersDb } from "../db/client";
import { postgresCode } from "../db/errors";
import { accountUsername } from "../db/queries/connect";
import { storeWatchConnection } from "../db/queries/watch";
import { consumeOAuthState, holdsAccount, saveOAuthState } from "../db/queries/users";
import type { Config } from "../env";
import { watchMessage } from "../ingest/messages";
import { log } from "../log";
import { authorizeUrl } from "../tiktok/authorize-url";
import { TikTokError } from "../tiktok/errors";
import { parseScopes } from "../tiktok/scopes";
import type { TokenVault } from "./token-vault";
import type { WatchClient } from "../tiktok/business/client";
import { sealWatchTokens } from "./watch-credentials";
import { missingWatchScopes } from "../tiktok/business/fields";

/**
 * Adding watch-time insights to an account the user holds: a second, optional consent, for
 * TikTok's Accounts API app (its own client key, authorize URL and token endpoint). The `state`
 * works as the first connect's does (256 bits, stored as a hash bound to the user and, here, the
 * account; 10 minutes; single-use; echoed in an httpOnly cookie of its own), and each callback
 * refuses the other flow's states. The grant must be the same TikTok user as the account: a
 * consent given from another TikTok login is refused, and nothing is stored.
 */
export const WATCH_STATE_COOKIE = "__Host-adam_watch_state";
export const WATCH_STATE_TTL_SECONDS = 600;

export type WatchConnectFailure =
  | "access_denied"
  | "invalid_state"
  | "expired_state"
  | "code_rejected"
  | "tiktok_unavailable"
  | "other_account"
  | "not_configured";

export class WatchConnectError extends Error {
  constructor(
    readonly failure: WatchConnectFailure,
    detail: string,
  ) {
    super(detail);
  }
}

export async function startWatchConnect(
  db: UsersDb,
  config: Config,
  userId: string,
  accountId: string,
): Promise<{ url: string; state: string }> {
  const watch = config.watch;
  if (!watch) throw new WatchConnectError("not_configured", "watch-time insights are not configured");
  const state = toBase64Url(randomBytes(32));
  await saveOAuthState(db, await sha256Hex(state), userId, WATCH_STATE_TTL_SECONDS, accountId);
  return {
    state,
    url: authorizeUrl({
      authBase: watch.authBase,
      clientKey: watch.clientKey,
      scopes: watch.scopes,
      redirectUri: watch.redirectUri,
      state,
    }),
  };
}

export interface WatchCallbackDeps {
  usersDb: UsersDb;
  tiktokDb: TiktokDb;
  client: WatchClient;
  vault: TokenVault;
  config: Config;
  queue: Queue;
  now: number;
}

/** Finishes the flow: nothing is stored unless every check passes and TikTok accepts the code. */
export async function finishWatchConnect(
  deps: WatchCallbackDeps,
  input: { code?: string; state?: string; error?: string; cookieState?: string },
): Promise<{ accountId: string; missingScopes: string[] }> {
  const watch = deps.config.watch;
  if (!watch) throw new WatchConnectError("not_configured", "watch-time insights are not configured");
  if (!input.state || !/^[\w-]{43}$/.test(input.state))
    throw new WatchConnectError("invalid_state", "missing or malformed state");
  if (input.cookieState !== input.state)
    throw new WatchConnectError("invalid_state", "state does not belong to this browser");
  const owner = await consumeOAuthState(deps.usersDb, await sha256Hex(input.state));
  if (!owner || owner.purpose !== "watch" || !owner.accountId)
    throw new WatchConnectError("invalid_state", "unknown, used or foreign state");
  if (owner.expired) throw new WatchConnectError("expired_state", "state expired");
  if (input.error) throw new WatchConnectError("access_denied", `TikTok answered ${input.error}`);
  if (!input.code) throw new WatchConnectError("code_rejected", "no code");
  const accountId = owner.accountId;
  // The user may have lost the account in the ten minutes since: the database decides.
  if (!(await holdsAccount(deps.usersDb, owner.userId, accountId)))
    throw new WatchConnectError("invalid_state", "the account is no longer the user's");

  let tokens;
  let profile;
  try {
    tokens = await deps.client.exchangeCode(input.code, watch.redirectUri);
    profile = await deps.client.account(tokens.access_token, tokens.open_id, parseScopes(tokens.scope));
  } catch (error) {
    if (error instanceof TikTokError && !error.retryable) throw new WatchConnectError("code_rejected", error.message);
    throw new WatchConnectError("tiktok_unavailable", (error as Error).message);
  }
  // The same TikTok user as the account (the two apps see different open_ids; the username is shared).
  const account = await accountUsername(deps.tiktokDb, accountId);
  const username = account?.username ?? null;
  if (!account || (username && profile.username && username !== profile.username)) {
    await deps.client.revoke(tokens.access_token).catch(() => undefined);
    throw new WatchConnectError("other_account", "the consent came from another TikTok account");
  }

  const scopes = parseScopes(tokens.scope);
  const missing = missingWatchScopes(scopes);
  const sealed = await sealWatchTokens(deps.vault, tokens.open_id, tokens, deps.now);
  const stored = await storeWatchConnection(deps.tiktokDb, {
    accountId,
    businessId: tokens.open_id,
    grantedScopes: scopes,
    status: missing.length ? "missing_scopes" : "active",
    statusReason: missing.length ? `not granted: ${missing.join(", ")}` : null,
    tokens: sealed,
  }).catch((error: unknown) => {
    // business_id is unique: this TikTok user's insights already feed another Adam account
    if (postgresCode(error) === "23505") return false;
    throw error;
  });
  if (!stored) throw new WatchConnectError("other_account", "that TikTok account's insights belong to another account");
  if (!missing.length) await deps.queue.send(watchMessage(accountId, deps.now, "connect"), { contentType: "json" });
  log("info", "watch_connected", { accountId, userId: owner.userId, missingScopes: missing });
  return { accountId, missingScopes: missing };
}
