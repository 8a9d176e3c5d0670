import { toBase64Url } from "../../lib/crypto";
import type { AlertContent } from "../content";
import { send, type SendOutcome } from "../outcome";
import { encryptPushPayload, type PushKeys } from "./encrypt";
import { vapidAuthorization, type VapidKeys } from "./vapid";

/**
 * One Web Push message (RFC 8030) to one subscription: the payload encrypted for it (RFC 8291),
 * VAPID-signed (RFC 8292). `TTL` 6 hours: an alert the phone gets later than that is stale (it
 * is in the in-app list anyway). `Topic` is the alert's id, so a push service holding an
 * undelivered copy replaces it rather than showing it twice. Spikes and jumps are `high` urgency.
 */
export const PUSH_TTL_SECONDS = 6 * 3600;

export async function sendPush(
  vapid: VapidKeys,
  subscription: PushKeys & { endpoint: string },
  alert: AlertContent,
  nowSeconds: number,
): Promise<SendOutcome> {
  const payload = new TextEncoder().encode(
    JSON.stringify({ title: alert.title, body: alert.body, url: alert.url, alert_id: alert.id, kind: alert.kind }),
  );
  const body = await encryptPushPayload(subscription, payload);
  return send(subscription.endpoint, {
    method: "POST",
    headers: {
      authorization: await vapidAuthorization(subscription.endpoint, vapid, nowSeconds),
      "content-encoding": "aes128gcm",
      "content-type": "application/octet-stream",
      ttl: String(PUSH_TTL_SECONDS),
      urgency: alert.kind === "drop" ? "normal" : "high",
      topic: toBase64Url(new TextEncoder().encode(`alert-${alert.id}`)).slice(0, 32),
    },
    body: body as BufferSource,
  });
}
