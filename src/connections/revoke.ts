import type { TiktokDb } from "../db/client";
import { readCredentials } from "../db/queries/credentials";
import { revokeMessage, type RevokeMessage } from "../ingest/messages";
import { log } from "../log";
import type { TikTokClient } from "../tiktok/client";
import { NeedsReconnectError, refreshDeadline, usableAccessToken } from "./credentials";
import { TikTokError } from "../tiktok/errors";
import { tokenContext, type TokenVault } from "./token-vault";

/**
 * Ending Adam's authorisation at TikTok (`POST /v2/oauth/revoke/`, tiktok-api.md §1.3): the app
 * leaves the creator's connected apps and every token of the grant stops working. Called before
 * the credentials are wiped, with a token refreshed first if the stored one is about to expire.
 * When TikTok cannot be reached, the tokens (as vault ciphertext) go on the queue, whose consumer
 * retries with backoff, so a TikTok outage never keeps a creator connected who asked to leave.
 *
 * - revoked: TikTok confirmed it.
 * - ended: there was nothing left to revoke (no tokens stored, or TikTok already refuses them).
 * - queued: TikTok did not answer; the revocation is retried from the queue.
 */
export type Revocation = "revoked" | "ended" | "queued";

export interface RevokeDeps {
  db: TiktokDb;
  vault: TokenVault;
  client: TikTokClient;
  queue: Queue;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export async function revokeAccount(deps: RevokeDeps, accountId: string): Promise<Revocation> {
  const stored = await readCredentials(deps.db, accountId, refreshDeadline(deps.now()));
  if (!stored) return "ended";
  const queue = async (access: string, reason: string) => {
    await deps.queue.send(
      revokeMessage(accountId, stored.openId, { access, refresh: stored.refreshCiphertext }, deps.now()),
      { contentType: "json" },
    );
    log("warn", "tiktok_revoke_queued", { accountId, reason });
    return "queued" as const;
  };
  let accessToken: string;
  try {
    accessToken = (await usableAccessToken(deps, stored, accountId)).accessToken;
  } catch (error) {
    if (error instanceof NeedsReconnectError) return "ended";
    if (error instanceof TikTokError && error.retryable) return queue(stored.accessCiphertext, error.code);
    throw error;
  }
  try {
    await deps.client.revoke(accessToken);
    return "revoked";
  } catch (error) {
    if (!(error instanceof TikTokError)) throw error;
    if (error.retryable) {
      return queue(await deps.vault.encrypt(accessToken, tokenContext(stored.openId, "access")), error.code);
    }
    // TikTok no longer takes the token: the grant is gone already.
    log("warn", "tiktok_revoke_refused", { accountId, code: error.code });
    return "ended";
  }
}

/**
 * A queued revocation, from the consumer: revoke with the access token, or with a fresh one when
 * TikTok no longer takes it (a refresh spends the refresh token: if TikTok then fails again, the
 * new pair goes back on the queue, encrypted). Throws a retryable TikTokError while TikTok is
 * unreachable, for the consumer's backoff.
 */
export async function revokeQueued(
  deps: Pick<RevokeDeps, "vault" | "client" | "queue" | "now">,
  message: RevokeMessage,
): Promise<Revocation> {
  const access = await deps.vault.decrypt(message.access, tokenContext(message.openId, "access"));
  try {
    await deps.client.revoke(access);
    return "revoked";
  } catch (error) {
    if (!(error instanceof TikTokError) || error.retryable) throw error;
    if (!message.refresh) return "ended";
  }
  const refreshToken = await deps.vault.decrypt(message.refresh, tokenContext(message.openId, "refresh"));
  let fresh;
  try {
    fresh = await deps.client.refresh(refreshToken);
  } catch (error) {
    if (error instanceof TikTokError && !error.retryable) return "ended";
    throw error;
  }
  try {
    await deps.client.revoke(fresh.access_token);
    return "revoked";
  } catch (error) {
    if (!(error instanceof TikTokError) || !error.retryable) throw error;
    const sealed = {
      access: await deps.vault.encrypt(fresh.access_token, tokenContext(message.openId, "access")),
      refresh: await deps.vault.encrypt(fresh.refresh_token, tokenContext(message.openId, "refresh")),
    };
    await deps.queue.send(revokeMessage(message.accountId, message.openId, sealed, deps.now()), {
      contentType: "json",
    });
    return "queued";
  }
}
