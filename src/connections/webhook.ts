import { z } from "zod";
import type { TiktokDb, UsersDb } from "../db/client";
import { disconnectAccount } from "../db/queries/credentials";
import { accountIdForOpenId } from "../db/queries/lifecycle";
import { unlinkAccount } from "../db/queries/users";
import { DELETION_GRACE_DAYS } from "../lifecycle/grace";
import { log } from "../log";

/**
 * TikTok webhook deliveries (tiktok-api.md §5), after the signature check. At-least-once: every
 * handler is idempotent, so a duplicate changes nothing. Only `authorization.removed` matters to
 * Adam; other events are acknowledged and ignored.
 *
 * A removed authorisation ends the account's collection and every Adam user's hold on it: the
 * account is marked revoked, its tokens are wiped, every link made before the removal is deleted
 * (so no refreshed access token lists it), and its history is deleted after the grace period
 * unless someone reconnects it first.
 */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

const DeliverySchema = z.object({
  client_key: z.string(),
  event: z.string(),
  create_time: z.number().int(),
  user_openid: z.string().optional(),
  /** A JSON string, parsed a second time. */
  content: z.string().optional(),
});

const RemovedContentSchema = z.object({ reason: z.number().int().optional() });

/** tiktok-api.md §5: why the authorisation ended. */
const REASONS: Record<number, string> = {
  0: "unknown",
  1: "user disconnected Adam in TikTok",
  2: "account deleted",
  3: "age changed",
  4: "account banned",
  5: "developer revoked",
};

/** no_change: no such account, it reconnected after the removal, or it was already revoked. */
export type WebhookOutcome = "disconnected" | "no_change" | "ignored" | "invalid";

export async function handleWebhook(
  dbs: { db: TiktokDb; usersDb: UsersDb },
  clientKey: string,
  rawBody: string,
): Promise<WebhookOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return "invalid";
  }
  const delivery = DeliverySchema.safeParse(json);
  if (!delivery.success || delivery.data.client_key !== clientKey) return "invalid";
  const { event, user_openid: openId, content, create_time: createTime } = delivery.data;
  if (event !== "authorization.removed") {
    log("info", "tiktok_webhook_ignored", { event });
    return "ignored";
  }
  if (!openId) return "invalid";
  let reason = 0;
  try {
    reason = RemovedContentSchema.parse(JSON.parse(content ?? "{}")).reason ?? 0;
  } catch {
    // a garbled content string still means the authorisation ended
  }
  const accountId = await accountIdForOpenId(dbs.db, openId);
  if (!accountId) return "no_change";
  // TikTok redelivers for up to 72 hours: a removal from before the account's current credentials
  // (a reconnect since; create_time is whole seconds) must not wipe them, nor the new link.
  const before = new Date((createTime + 1) * 1000);
  const changed = await disconnectAccount(
    dbs.db,
    { accountId },
    "revoked",
    `authorization removed: ${REASONS[reason] ?? `reason ${reason}`}`,
    { before },
    { deleteAfterDays: DELETION_GRACE_DAYS },
  );
  // Always, also when the account was already revoked: a delivery that failed after the first
  // write (and is being retried) must still end the links.
  const unlinked = await unlinkAccount(dbs.usersDb, accountId, before);
  log("info", "tiktok_authorization_removed", { accountId, reason, createTime, changed: !!changed, unlinked });
  return changed ? "disconnected" : "no_change";
}
