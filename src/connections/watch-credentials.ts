import type { TiktokDb } from "../db/client";
import type { SealedTokens, StoredCredentials } from "../db/queries/credentials";
import { disconnectWatch, readWatchCredentials, storeRotatedWatchTokens } from "../db/queries/watch";
import { isDatabaseUnavailable } from "../db/errors";
import { log } from "../log";
import { NeedsReconnectError, REFRESH_MARGIN_MS, type UsableToken } from "./credentials";
import { TikTokError } from "../tiktok/errors";
import { parseScopes } from "../tiktok/scopes";
import { tokenContext, type TokenVault } from "./token-vault";
import type { WatchClient } from "../tiktok/business/client";
import type { BusinessToken } from "../tiktok/business/schemas";

/**
 * The Accounts API's tokens, kept like the Display API's: in the same vault (associated data names
 * the Accounts API's open_id and `watch-…` purposes, so neither API's ciphertext opens as the
 * other's), refreshed ahead of expiry by the one job holding the lease; a refresh token TikTok
 * refuses ends the watch connection only (the snapshots go on).
 */
export interface WatchCredentialDeps {
  db: TiktokDb;
  vault: TokenVault;
  client: WatchClient;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const watchTokenContext = (businessId: string, purpose: "access" | "refresh") =>
  tokenContext(`watch:${businessId}`, purpose);

export async function sealWatchTokens(
  vault: TokenVault,
  businessId: string,
  tokens: BusinessToken,
  nowMs: number,
): Promise<SealedTokens> {
  return {
    accessCiphertext: await vault.encrypt(tokens.access_token, watchTokenContext(businessId, "access")),
    refreshCiphertext: await vault.encrypt(tokens.refresh_token, watchTokenContext(businessId, "refresh")),
    keyVersion: vault.currentVersion,
    scope: tokens.scope,
    accessExpiresAt: new Date(nowMs + tokens.expires_in * 1000),
    refreshExpiresAt: new Date(nowMs + tokens.refresh_token_expires_in * 1000),
  };
}

const decryptAccess = async (deps: WatchCredentialDeps, c: StoredCredentials): Promise<UsableToken> => ({
  accessToken: await deps.vault.decrypt(c.accessCiphertext, watchTokenContext(c.openId, "access")),
  scopes: parseScopes(c.scope),
  refreshed: false,
});

async function refreshNow(deps: WatchCredentialDeps, c: StoredCredentials): Promise<UsableToken> {
  const refreshToken = await deps.vault.decrypt(c.refreshCiphertext, watchTokenContext(c.openId, "refresh"));
  let tokens: BusinessToken;
  try {
    tokens = await deps.client.refresh(refreshToken);
  } catch (error) {
    if (error instanceof TikTokError && error.action === "reconnect") {
      await disconnectWatch(deps.db, c.accountId, "needs_reconnect", `refresh failed: ${error.code}`, c.version);
      throw new NeedsReconnectError(c.accountId, error.code);
    }
    throw error;
  }
  const sealed = await sealWatchTokens(deps.vault, c.openId, tokens, deps.now());
  // The old refresh token is spent: losing this write would lose the connection, so it is retried.
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await storeRotatedWatchTokens(deps.db, c.accountId, c.version, sealed)))
        log("warn", "watch_refresh_write_lost_race", { accountId: c.accountId });
      break;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || attempt >= 4) throw error;
      await (deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(250 * attempt);
    }
  }
  log("info", "watch_token_refreshed", { accountId: c.accountId, expiresIn: tokens.expires_in });
  return { accessToken: tokens.access_token, scopes: parseScopes(tokens.scope), refreshed: true };
}

/** A watch access token valid for at least the refresh margin (see ./credentials.ts). */
export async function usableWatchToken(
  deps: WatchCredentialDeps,
  current: StoredCredentials | undefined,
  accountId: string,
): Promise<UsableToken> {
  if (!current) throw new NeedsReconnectError(accountId, "no watch credentials");
  const fresh = (c: StoredCredentials) => c.accessExpiresAt - deps.now() > REFRESH_MARGIN_MS;
  if (fresh(current)) return decryptAccess(deps, current);
  if (current.refreshExpiresAt <= deps.now()) {
    await disconnectWatch(deps.db, accountId, "needs_reconnect", "refresh token expired");
    throw new NeedsReconnectError(accountId, "watch refresh token expired");
  }
  if (current.leased) return refreshNow(deps, current);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = deps.now() + 15_000;
  for (let step = 200; deps.now() < deadline; step = Math.min(step * 2, 2_000)) {
    await sleep(step);
    const again = await readWatchCredentials(deps.db, accountId);
    if (!again) throw new NeedsReconnectError(accountId, "watch credentials removed while waiting");
    if (again.version !== current.version && fresh(again)) return decryptAccess(deps, again);
  }
  throw new TikTokError("timeout", "waited too long for another job's watch token refresh", {
    endpoint: "watch_refresh",
  });
}
