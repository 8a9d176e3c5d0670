import { z } from "zod";
import type { TiktokDb } from "../db/client";
import { disconnectAccount } from "../db/queries/credentials";
import { log } from "../log";

/**
 * TikTok webhook deliveries (tiktok-api.md §5), after the signature check. At-least-once: every
 * handler is idempotent, so a duplicate changes nothing. Only `authorization.removed` matters to
 * Adam; other events are acknowledged and ignored.
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

/** no_change: no such account, or it reconnected after the removal. */
export type WebhookOutcome = "disconnected" | "no_change" | "ignored" | "invalid";

export async function handleWebhook(db: TiktokDb, clientKey: string, rawBody: string): Promise<WebhookOutcome> {
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
  // TikTok redelivers for up to 72 hours: a removal from before the account's current credentials
  // (a reconnect since; create_time is whole seconds) must not wipe them.
  const accountId = await disconnectAccount(
    db,
    { openId },
    "needs_reconnect",
    `authorization removed: ${REASONS[reason] ?? `reason ${reason}`}`,
    { before: new Date((createTime + 1) * 1000) },
  );
  log("info", "tiktok_authorization_removed", { accountId, reason, createTime });
  return accountId ? "disconnected" : "no_change";
}
