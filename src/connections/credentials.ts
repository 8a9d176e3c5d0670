import type { TiktokDb } from "../db/client";
import {
  disconnectAccount,
  readCredentials,
  storeRotatedTokens,
  type SealedTokens,
  type StoredCredentials,
} from "../db/queries/credentials";
import { isDatabaseUnavailable } from "../db/errors";
import { log } from "../log";
import type { TikTokClient } from "../tiktok/client";
import { TikTokError } from "../tiktok/errors";
import type { TokenResponse } from "../tiktok/schemas";
import { parseScopes } from "../tiktok/scopes";
import { tokenContext, type TokenVault } from "./token-vault";

/**
 * A usable access token for an account: refreshed ahead of expiry (when it would not outlive the
 * next cycle), by exactly one job at a time. The job whose read took
 * the refresh lease refreshes and writes the new pair in one statement; a job that finds the lease
 * taken waits for that write instead of spending the same single-use refresh token.
 */
export interface CredentialDeps {
  db: TiktokDb;
  vault: TokenVault;
  client: TikTokClient;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

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
const WAIT_STEP_MS = 200;
const WAIT_LIMIT_MS = 15_000;

export const refreshDeadline = (nowMs: number) => new Date(nowMs + REFRESH_MARGIN_MS);

/** A token pair from TikTok as it is stored: encrypted, with its key version and its lifetimes. */
export async function sealTokens(
  vault: TokenVault,
  openId: string,
  tokens: TokenResponse,
  nowMs: number,
): Promise<SealedTokens> {
  return {
    accessCiphertext: await vault.encrypt(tokens.access_token, tokenContext(openId, "access")),
    refreshCiphertext: await vault.encrypt(tokens.refresh_token, tokenContext(openId, "refresh")),
    keyVersion: vault.currentVersion,
    scope: tokens.scope,
    accessExpiresAt: new Date(nowMs + tokens.expires_in * 1000),
    refreshExpiresAt: new Date(nowMs + tokens.refresh_expires_in * 1000),
  };
}

async function decryptAccess(deps: CredentialDeps, c: StoredCredentials): Promise<UsableToken> {
  return {
    accessToken: await deps.vault.decrypt(c.accessCiphertext, tokenContext(c.openId, "access")),
    scopes: parseScopes(c.scope),
    refreshed: false,
  };
}

async function writeWithRetries(deps: CredentialDeps, write: () => Promise<boolean>): Promise<boolean> {
  // The old refresh token is already dead at TikTok: losing this write would lose the account.
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || attempt >= 4) throw error;
      await (deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(250 * attempt);
    }
  }
}

async function refreshNow(deps: CredentialDeps, c: StoredCredentials): Promise<UsableToken> {
  const refreshToken = await deps.vault.decrypt(c.refreshCiphertext, tokenContext(c.openId, "refresh"));
  let tokens;
  try {
    tokens = await deps.client.refresh(refreshToken);
  } catch (error) {
    if (error instanceof TikTokError && error.action === "reconnect") {
      await disconnectAccount(deps.db, { accountId: c.accountId }, "needs_reconnect", `refresh failed: ${error.code}`, {
        version: c.version,
      });
      throw new NeedsReconnectError(c.accountId, error.code);
    }
    throw error;
  }
  const now = deps.now();
  const stored = await writeWithRetries(deps, async () =>
    storeRotatedTokens(deps.db, c.accountId, c.version, await sealTokens(deps.vault, c.openId, tokens, now)),
  );
  if (!stored) log("warn", "refresh_write_lost_race", { accountId: c.accountId });
  log("info", "tiktok_token_refreshed", { accountId: c.accountId, expiresIn: tokens.expires_in });
  return { accessToken: tokens.access_token, scopes: parseScopes(tokens.scope), refreshed: true };
}

/**
 * `current` is the credentials as the job read them (with `readCredentials`, which also decided
 * the lease). Returns a token valid for at least the refresh margin.
 */
export async function usableAccessToken(
  deps: CredentialDeps,
  current: StoredCredentials | undefined,
  accountId: string,
): Promise<UsableToken> {
  if (!current) throw new NeedsReconnectError(accountId, "no credentials");
  const fresh = (c: StoredCredentials) => c.accessExpiresAt - deps.now() > REFRESH_MARGIN_MS;
  if (fresh(current)) return decryptAccess(deps, current);
  if (current.refreshExpiresAt <= deps.now()) {
    await disconnectAccount(deps.db, { accountId }, "needs_reconnect", "refresh token expired");
    throw new NeedsReconnectError(accountId, "refresh token expired");
  }
  if (current.leased) return refreshNow(deps, current);

  // Another job holds the lease: wait for its write (or for the lease to lapse, then take it).
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = deps.now() + WAIT_LIMIT_MS;
  // polling backs off (0.2 s, 0.4 s … 2 s): a handful of reads, not one every 200 ms
  for (let step = WAIT_STEP_MS; deps.now() < deadline; step = Math.min(step * 2, 2_000)) {
    await sleep(step);
    const again = await readCredentials(deps.db, accountId, refreshDeadline(deps.now()));
    if (!again) throw new NeedsReconnectError(accountId, "credentials removed while waiting");
    if (again.version !== current.version && fresh(again)) return decryptAccess(deps, again);
    if (again.leased) return refreshNow(deps, again);
  }
  throw new TikTokError("timeout", "waited too long for another job's token refresh", { endpoint: "refresh" });
}
