/**
 * The webhook sender (tiktok-api.md §5): `authorization.removed`, signed the way TikTok signs
 * (`TikTok-Signature: t=<sec>,s=<hex HMAC-SHA256(client_secret, t + "." + raw body)>`).
 * The user's tokens are revoked before sending, as on TikTok: when the event arrives the
 * access token already no longer works. A non-200 answer is retried a few times with a short
 * backoff (TikTok keeps trying for up to 72 h; a development tool should not).
 */
import { createHmac } from "node:crypto";
import type { SimContext } from "./context.ts";

/** Reasons in `content` (tiktok-api.md §5): 0 unknown, 1 user disconnected, 2 account deleted, 3 age changed, 4 banned, 5 developer revoked. */
export const REMOVAL_REASONS = [0, 1, 2, 3, 4, 5] as const;

export const DELIVERY_BACKOFF_MS = [100, 300, 900] as const;
const ATTEMPT_TIMEOUT_MS = 5_000;

export interface AuthorizationRemovedInput {
  openId: string;
  /** @default 1 (the user disconnected the app in TikTok) */
  reason?: number;
  /** Overrides the simulator's `webhookUrl`. */
  url?: string;
  /**
   * The signature's `t` and the body's `create_time`. Default: the wall clock, not the
   * simulator clock, because the receiver checks staleness against its own wall clock; pass an
   * older time to produce a stale (replayed) delivery.
   */
  timestampSec?: number;
  /** Sign and revoke but do not send: for receivers the simulator cannot reach (tests inside workerd). */
  dryRun?: boolean;
}

export interface DeliveryAttempt {
  /** HTTP status, or null when the request failed (refused, timed out). */
  status: number | null;
  error?: string;
}

export interface DeliveryOutcome {
  url: string | null;
  delivered: boolean;
  attempts: DeliveryAttempt[];
  /** Credentials of that user the simulator revoked before sending. */
  revoked: number;
  /** Exactly what was (or would have been) sent. */
  body: string;
  headers: Record<string, string>;
}

export function signWebhook(clientSecret: string, timestampSec: number, rawBody: string): string {
  const signature = createHmac("sha256", clientSecret).update(`${timestampSec}.${rawBody}`).digest("hex");
  return `t=${timestampSec},s=${signature}`;
}

export class WebhookInputError extends Error {}

export async function sendAuthorizationRemoved(
  ctx: SimContext,
  input: AuthorizationRemovedInput,
  sleep: (ms: number) => Promise<void>,
): Promise<DeliveryOutcome> {
  const { openId, reason = 1, dryRun = false } = input;
  if (typeof openId !== "string" || openId === "") throw new WebhookInputError("open_id is required");
  if (!(REMOVAL_REASONS as readonly number[]).includes(reason)) {
    throw new WebhookInputError(`reason must be one of ${REMOVAL_REASONS.join(", ")}`);
  }
  const url = input.url ?? ctx.app.webhookUrl ?? null;
  if (!url && !dryRun) throw new WebhookInputError("no webhook URL: start the simulator with webhookUrl or pass url");
  const t = input.timestampSec ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    client_key: ctx.app.clientKey,
    event: "authorization.removed",
    create_time: t,
    user_openid: openId,
    content: JSON.stringify({ reason }),
  });
  const headers = {
    "content-type": "application/json",
    "TikTok-Signature": signWebhook(ctx.app.clientSecret, t, body),
  };
  const revoked = ctx.tokens.revokeUser(openId);
  const attempts: DeliveryAttempt[] = [];
  if (dryRun || !url) return { url, delivered: false, attempts, revoked, body, headers };

  for (let attempt = 0; ; attempt += 1) {
    try {
      const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      await res.arrayBuffer();
      attempts.push({ status: res.status });
      // TikTok counts anything but 200 as a failure, 2xx included.
      if (res.status === 200) return { url, delivered: true, attempts, revoked, body, headers };
    } catch (error) {
      attempts.push({ status: null, error: error instanceof Error ? error.message : String(error) });
    }
    const backoff = DELIVERY_BACKOFF_MS[attempt];
    if (backoff === undefined) return { url, delivered: false, attempts, revoked, body, headers };
    await sleep(backoff);
  }
}
