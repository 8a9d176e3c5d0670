import type { TiktokDb } from "../db/client";
import {
  disconnectAccount,
  readCredentials,
  storeRotatedTokens,
  type SealedTokens,
  type StoredCredentials,
} from "../db/queries/credentials";
import type { TikTokClient } from "../tiktok/client";
import type { TokenResponse } from "../tiktok/schemas";
import {
  keepTokenUsable,
  REFRESH_MARGIN_MS,
  sealPair,
  type TokenKeeper,
  type TokenPair,
  type UsableToken,
} from "./token-keeper";
import { tokenContext, type TokenVault } from "./token-vault";

export { NeedsReconnectError, REFRESH_MARGIN_MS, type UsableToken } from "./token-keeper";

/** The Display API's tokens: refreshed ahead of expiry by one job at a time (./token-keeper.ts). */
export interface CredentialDeps {
  db: TiktokDb;
  vault: TokenVault;
  client: TikTokClient;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const refreshDeadline = (nowMs: number) => new Date(nowMs + REFRESH_MARGIN_MS);

const displayPair = (tokens: TokenResponse): TokenPair => ({
  access: tokens.access_token,
  refresh: tokens.refresh_token,
  scope: tokens.scope,
  accessLifetimeSeconds: tokens.expires_in,
  refreshLifetimeSeconds: tokens.refresh_expires_in,
});

/** A token pair from TikTok as it is stored: encrypted, with its key version and its lifetimes. */
export function sealTokens(
  vault: TokenVault,
  openId: string,
  tokens: TokenResponse,
  nowMs: number,
): Promise<SealedTokens> {
  return sealPair(vault, (purpose) => tokenContext(openId, purpose), displayPair(tokens), nowMs);
}

function displayKeeper(deps: CredentialDeps): TokenKeeper<TokenResponse> {
  return {
    api: "display",
    vault: deps.vault,
    now: deps.now,
    sleep: deps.sleep,
    context: tokenContext,
    refreshAtTikTok: (refreshToken) => deps.client.refresh(refreshToken),
    pairOf: displayPair,
    store: (accountId, fromVersion, sealed) => storeRotatedTokens(deps.db, accountId, fromVersion, sealed),
    disconnect: (accountId, reason, version) =>
      disconnectAccount(deps.db, { accountId }, "needs_reconnect", reason, version === undefined ? {} : { version }),
    reread: (accountId) => readCredentials(deps.db, accountId, refreshDeadline(deps.now())),
  };
}

/**
 * `current` is the credentials as the job read them (with `readCredentials`, which also decided
 * the lease). Returns a token valid for at least the refresh margin.
 */
export function usableAccessToken(
  deps: CredentialDeps,
  current: StoredCredentials | undefined,
  accountId: string,
): Promise<UsableToken> {
  return keepTokenUsable(displayKeeper(deps), current, accountId);
}
