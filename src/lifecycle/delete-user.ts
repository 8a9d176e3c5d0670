import { deleteUserDeliveries } from "../db/queries/alerts";
import { accountsOfUser, deleteUserRow } from "../db/queries/users";
import { log } from "../log";
import type { Revocation } from "../connections/revoke";
import { endAccount, type LifecycleDeps } from "./disconnect";

/**
 * A user deletes their Adam account (`DELETE /api/v1/me`, after giving their password again). The
 * TikTok data of every account they hold is erased at once, after Adam's access is revoked at
 * TikTok (an account has one holder at most, so nobody else holds these), and so is the history
 * of accounts they let go of that waits out its grace period (nobody has connected them since);
 * then the user goes, and with them their sessions, links and pending connects. Irreversible. The log line says that
 * it happened and how many accounts went, never who: no id, email or address.
 * Idempotent: a request that failed half-way is simply made again.
 */
export interface DeletedUser {
  accountsErased: number;
  revocations: Record<Revocation, number>;
}

export async function deleteUser(deps: LifecycleDeps, userId: string): Promise<DeletedUser | undefined> {
  const { held, released } = await accountsOfUser(deps.usersDb, userId);
  const accounts = [...held, ...released];
  const revocations: Record<Revocation, number> = { revoked: 0, queued: 0, ended: 0 };
  for (const accountId of accounts) {
    // a released account has no tokens left: its revocation is "ended", its erasure still counts
    const { revocation } = await endAccount(deps, accountId, true);
    revocations[revocation]++;
  }
  // deliveries tied to no account (the digests) carry the user's id in the TikTok database
  await deleteUserDeliveries(deps.db, userId);
  if (!(await deleteUserRow(deps.usersDb, userId))) return undefined;
  log("info", "user_deleted", { accountsErased: accounts.length, revocations });
  return { accountsErased: accounts.length, revocations };
}
