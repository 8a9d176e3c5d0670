import type { TiktokDb, UsersDb } from "../db/client";
import { disconnectAccount } from "../db/queries/credentials";
import { eraseAccount } from "../db/queries/lifecycle";
import { holdsAccount, releaseAccount } from "../db/queries/users";
import { disconnectWatch, readWatchCredentials } from "../db/queries/watch";
import { errorFields, log } from "../log";
import type { WatchClient } from "../tiktok/business/client";
import { watchTokenContext } from "../connections/watch-credentials";
import type { TikTokClient } from "../tiktok/client";
import { revokeAccount, type Revocation } from "../connections/revoke";
import type { TokenVault } from "../connections/token-vault";
import { DELETION_GRACE_DAYS } from "./grace";

/**
 * A creator disconnects one of their TikTok accounts (`DELETE /api/v1/accounts/{id}`). In order:
 * 1. the users database says whether they hold it now (a token's claims may be up to one access
 *    token old, so they are not enough to act on: an account that moved to another user is a 404);
 * 2. Adam's authorisation is revoked at TikTok (or queued for retry when TikTok is down);
 * 3. the tokens are wiped and the account leaves the schedule, marked revoked; its history is
 *    deleted after the grace period, or at once with `erase`;
 * 4. the link goes: from their next access token on, the account is not in their claims.
 * Every step is idempotent, so a request that failed halfway is simply made again.
 */
export interface LifecycleDeps {
  db: TiktokDb;
  usersDb: UsersDb;
  vault: TokenVault;
  client: TikTokClient;
  queue: Queue;
  now: () => number;
  /** The Accounts API's client, when watch-time insights are offered: its grant is ended too. */
  watchClient?: WatchClient | null;
}

export interface Disconnected {
  accountId: string;
  revocation: Revocation;
  /** When the history will be deleted; null when it already is. */
  deleteAfter: Date | null;
}

/** The revocation, then the account's TikTok data erased at once or scheduled for deletion. */
export async function endAccount(deps: LifecycleDeps, accountId: string, erase: boolean) {
  const revocation = await revokeAccount(deps, accountId);
  await endWatch(deps, accountId);
  if (erase) {
    await eraseAccount(deps.db, accountId);
    return { revocation, deleteAfter: null };
  }
  await disconnectAccount(
    deps.db,
    { accountId },
    "revoked",
    "disconnected by its holder",
    {},
    {
      deleteAfterDays: DELETION_GRACE_DAYS,
    },
  );
  return { revocation, deleteAfter: new Date(deps.now() + DELETION_GRACE_DAYS * 86_400_000) };
}

/**
 * Watch-time insights end with the account: the Accounts API's grant revoked at TikTok (once,
 * best effort: its tokens are wiped either way, and TikTok ends an unused grant when its refresh
 * token expires), the connection marked revoked. Its history goes with the account's.
 */
export async function endWatch(deps: LifecycleDeps, accountId: string): Promise<void> {
  const credentials = await readWatchCredentials(deps.db, accountId);
  if (credentials && deps.watchClient) {
    try {
      const token = await deps.vault.decrypt(
        credentials.accessCiphertext,
        watchTokenContext(credentials.openId, "access"),
      );
      await deps.watchClient.revoke(token);
    } catch (error) {
      log("warn", "watch_revoke_failed", { accountId, ...errorFields(error) });
    }
  }
  await disconnectWatch(deps.db, accountId, "revoked", "disconnected by its holder");
}

/** Undefined when the user does not hold the account (never did, or not any more). */
export async function disconnectHeldAccount(
  deps: LifecycleDeps,
  userId: string,
  accountId: string,
  options: { erase: boolean },
): Promise<Disconnected | undefined> {
  if (!(await holdsAccount(deps.usersDb, userId, accountId))) return undefined;
  const { revocation, deleteAfter } = await endAccount(deps, accountId, options.erase);
  await releaseAccount(deps.usersDb, userId, accountId);
  log("info", "tiktok_account_disconnected", { accountId, userId, erase: options.erase, revocation });
  return { accountId, revocation, deleteAfter };
}

/**
 * Removes watch-time insights only (`DELETE /api/v1/accounts/{id}/watch`): the Accounts API's
 * grant ends, the 30-minute snapshots go on. What was read stays with the account (adding them
 * again continues it) and goes with it. False when the user does not hold the account.
 */
export async function removeWatch(deps: LifecycleDeps, userId: string, accountId: string): Promise<boolean> {
  if (!(await holdsAccount(deps.usersDb, userId, accountId))) return false;
  await endWatch(deps, accountId);
  log("info", "watch_removed", { accountId, userId });
  return true;
}
