import type { SealedTokens, StoredCredentials } from "../db/queries/credentials";
import { isDatabaseUnavailable } from "../db/errors";
import { log } from "../log";
import { TikTokError } from "../tiktok/errors";
import { parseScopes } from "../tiktok/scopes";
import type { TokenVault } from "./token-vault";

/**
 * The one refresh algorithm for both TikTok APIs' tokens (the Display API's in ./credentials.ts,
 * the Accounts API's in ./watch-credentials.ts): a usable access token, refreshed ahead of expiry
 * by exactly one job at a time. The job whose read took the refresh lease refreshes and writes the
 * new pair in one statement; a job that finds the lease taken waits for that write instead of
 * spending the same single-use refresh token. A refresh token TikTok refuses, or one that has
 * expired, ends the connection (the user must consent again).
 */
export class NeedsReconnectError extends Error {
  override readonly name = "NeedsReconnectError";
  constructor(
    readonly accountId: string,
    readonly reason: string,
  ) {
    super(`account ${accountId} needs reconnecting: ${reason}`);
  }
}

export interface UsableToken {
  accessToken: string;
  scopes: string[];
  refreshed: boolean;
}

/** Refresh when the access token expires within this margin (the next cycles must not find it dead). */
export const REFRESH_MARGIN_MS = 35 * 60 * 1000;

/** A token pair from TikTok, in the API's own names' stead. */
export interface TokenPair {
  access: string;
  refresh: string;
  scope: string;
  accessLifetimeSeconds: number;
  refreshLifetimeSeconds: number;
}

/** A pair as it is stored: encrypted under its owner's associated data, with the key version and both lifetimes. */
export async function sealPair(
  vault: TokenVault,
  context: (purpose: "access" | "refresh") => string,
  pair: TokenPair,
  nowMs: number,
): Promise<SealedTokens> {
  return {
    accessCiphertext: await vault.encrypt(pair.access, context("access")),
    refreshCiphertext: await vault.encrypt(pair.refresh, context("refresh")),
    keyVersion: vault.currentVersion,
    scope: pair.scope,
    accessExpiresAt: new Date(nowMs + pair.accessLifetimeSeconds * 1000),
    refreshExpiresAt: new Date(nowMs + pair.refreshLifetimeSeconds * 1000),
  };
}

/** One API's tokens as the algorithm sees them: where they are kept, and how TikTok refreshes them. */
export interface TokenKeeper<T> {
  vault: TokenVault;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The vault's associated data for the owner's token of this purpose. */
  context(openId: string, purpose: "access" | "refresh"): string;
  refreshAtTikTok(refreshToken: string): Promise<T>;
  /** The answer's pair, for sealing. */
  pairOf(tokens: T): TokenPair;
  /** Writes the new pair over `fromVersion` and releases the lease; false when another write came first. */
  store(accountId: string, fromVersion: number, sealed: SealedTokens): Promise<boolean>;
  /** Ends the connection; with `version`, only while the tokens are still that pair. */
  disconnect(accountId: string, reason: string, version?: number): Promise<unknown>;
  /** The stored credentials again, taking the lease if it is free and due. */
  reread(accountId: string): Promise<StoredCredentials | undefined>;
  /** Which API: it names the logs' events and the errors' reasons. */
  api: keyof typeof WORDS;
}

/** Each API's words in logs and errors. */
const WORDS = {
  display: {
    noCredentials: "no credentials",
    expired: "refresh token expired",
    removedWhileWaiting: "credentials removed while waiting",
    waitedTooLong: "waited too long for another job's token refresh",
    refreshEndpoint: "refresh",
    lostRaceEvent: "refresh_write_lost_race",
    refreshedEvent: "tiktok_token_refreshed",
  },
  watch: {
    noCredentials: "no watch credentials",
    expired: "watch refresh token expired",
    removedWhileWaiting: "watch credentials removed while waiting",
    waitedTooLong: "waited too long for another job's watch token refresh",
    refreshEndpoint: "watch_refresh",
    lostRaceEvent: "watch_refresh_write_lost_race",
    refreshedEvent: "watch_token_refreshed",
  },
} as const;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function decryptAccess<T>(keeper: TokenKeeper<T>, c: StoredCredentials): Promise<UsableToken> {
  return {
    accessToken: await keeper.vault.decrypt(c.accessCiphertext, keeper.context(c.openId, "access")),
    scopes: parseScopes(c.scope),
    refreshed: false,
  };
}

async function refreshNow<T>(keeper: TokenKeeper<T>, c: StoredCredentials): Promise<UsableToken> {
  const refreshToken = await keeper.vault.decrypt(c.refreshCiphertext, keeper.context(c.openId, "refresh"));
  let tokens: T;
  try {
    tokens = await keeper.refreshAtTikTok(refreshToken);
  } catch (error) {
    if (error instanceof TikTokError && error.action === "reconnect") {
      await keeper.disconnect(c.accountId, `refresh failed: ${error.code}`, c.version);
      throw new NeedsReconnectError(c.accountId, error.code);
    }
    throw error;
  }
  const context = (purpose: "access" | "refresh") => keeper.context(c.openId, purpose);
  const pair = keeper.pairOf(tokens);
  const sealed = await sealPair(keeper.vault, context, pair, keeper.now());
  // The old refresh token is already dead at TikTok: losing this write would lose the connection,
  // so it is tried up to 4 times while the database is unavailable.
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await keeper.store(c.accountId, c.version, sealed))) {
        log("warn", WORDS[keeper.api].lostRaceEvent, { accountId: c.accountId });
      }
      break;
    } catch (error) {
      if (!isDatabaseUnavailable(error) || attempt >= 4) throw error;
      await (keeper.sleep ?? defaultSleep)(250 * attempt);
    }
  }
  log("info", WORDS[keeper.api].refreshedEvent, { accountId: c.accountId, expiresIn: pair.accessLifetimeSeconds });
  return { accessToken: pair.access, scopes: parseScopes(pair.scope), refreshed: true };
}

/**
 * `current` is the credentials as the job read them (a read that also decided the lease).
 * Returns a token valid for at least the refresh margin.
 */
export async function keepTokenUsable<T>(
  keeper: TokenKeeper<T>,
  current: StoredCredentials | undefined,
  accountId: string,
): Promise<UsableToken> {
  const words = WORDS[keeper.api];
  if (!current) throw new NeedsReconnectError(accountId, words.noCredentials);
  const fresh = (c: StoredCredentials) => c.accessExpiresAt - keeper.now() > REFRESH_MARGIN_MS;
  if (fresh(current)) return decryptAccess(keeper, current);
  if (current.refreshExpiresAt <= keeper.now()) {
    await keeper.disconnect(accountId, "refresh token expired");
    throw new NeedsReconnectError(accountId, words.expired);
  }
  if (current.leased) return refreshNow(keeper, current);

  // Another job holds the lease: wait for its write (or for the lease to lapse, then take it), at
  // most 15 s. Polling backs off (0.2 s, 0.4 s … 2 s): a handful of reads, not one every 200 ms.
  const sleep = keeper.sleep ?? defaultSleep;
  const deadline = keeper.now() + 15_000;
  for (let step = 200; keeper.now() < deadline; step = Math.min(step * 2, 2_000)) {
    await sleep(step);
    const again = await keeper.reread(accountId);
    if (!again) throw new NeedsReconnectError(accountId, words.removedWhileWaiting);
    if (again.version !== current.version && fresh(again)) return decryptAccess(keeper, again);
    if (again.leased) return refreshNow(keeper, again);
  }
  throw new TikTokError("timeout", words.waitedTooLong, { endpoint: words.refreshEndpoint });
}
