import type { TiktokDb } from "../db/client";
import type { SealedTokens, StoredCredentials } from "../db/queries/credentials";
import { disconnectWatch, readWatchCredentials, storeRotatedWatchTokens } from "../db/queries/watch";
import { keepTokenUsable, sealPair, type TokenKeeper, type TokenPair, type UsableToken } from "./token-keeper";
import { tokenContext, type TokenVault } from "./token-vault";
import type { WatchClient } from "../tiktok/business/client";
import type { BusinessToken } from "../tiktok/business/schemas";

/**
 * The Accounts API's tokens, kept like the Display API's: in the same vault (associated data names
 * the Accounts API's open_id and `watch-…` purposes, so neither API's ciphertext opens as the
 * other's), refreshed by the same algorithm (./token-keeper.ts); a refresh token TikTok refuses
 * ends the watch connection only (the snapshots go on).
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

const watchPair = (tokens: BusinessToken): TokenPair => ({
  access: tokens.access_token,
  refresh: tokens.refresh_token,
  scope: tokens.scope,
  accessLifetimeSeconds: tokens.expires_in,
  refreshLifetimeSeconds: tokens.refresh_token_expires_in,
});

export function sealWatchTokens(
  vault: TokenVault,
  businessId: string,
  tokens: BusinessToken,
  nowMs: number,
): Promise<SealedTokens> {
  return sealPair(vault, (purpose) => watchTokenContext(businessId, purpose), watchPair(tokens), nowMs);
}

function watchKeeper(deps: WatchCredentialDeps): TokenKeeper<BusinessToken> {
  return {
    api: "watch",
    vault: deps.vault,
    now: deps.now,
    sleep: deps.sleep,
    context: watchTokenContext,
    refreshAtTikTok: (refreshToken) => deps.client.refresh(refreshToken),
    pairOf: watchPair,
    store: (accountId, fromVersion, sealed) => storeRotatedWatchTokens(deps.db, accountId, fromVersion, sealed),
    disconnect: (accountId, reason, version) => disconnectWatch(deps.db, accountId, "needs_reconnect", reason, version),
    // the watch credentials have no lease of their own: a waiting job only waits
    reread: (accountId) => readWatchCredentials(deps.db, accountId),
  };
}

/** A watch access token valid for at least the refresh margin (./token-keeper.ts). */
export function usableWatchToken(
  deps: WatchCredentialDeps,
  current: StoredCredentials | undefined,
  accountId: string,
): Promise<UsableToken> {
  return keepTokenUsable(watchKeeper(deps), current, accountId);
}
