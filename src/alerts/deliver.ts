import type { TiktokDb, UsersDb } from "../db/client";
import { claimDelivery, finishDelivery, readAlert } from "../db/queries/alerts";
import { disableTarget, readAlertSettings } from "../db/queries/alert-settings";
import { alertUrl, type AlertContent } from "./content";
import { alertEmail } from "./email/render";
import { sendEmail, type EmailSender } from "./email/send";
import { unsubscribeUrl, webhookSecret } from "./links";
import type { SendOutcome } from "./outcome";
import type { VapidKeys } from "./push/vapid";
import { sendPush } from "./push/send";
import { sendWebhook } from "./webhook/send";
import { targetProblem } from "./webhook/target-policy";

/**
 * One delivery: claimed first (a redelivered message, or a second message for it, finds it sent
 * or in flight and sends nothing), then sent on its channel, then its outcome recorded. A target
 * that answers 404/410 is disabled for good; a 429/5xx/timeout is retried by the queue with
 * backoff; anything else is recorded and left. The target is read again at send time: a
 * subscription removed, a webhook deleted or email turned off since the fan-out sends nothing.
 */
export interface DeliverDeps {
  db: TiktokDb;
  usersDb: UsersDb;
  now: () => number;
  apiUrl: string;
  dashboardUrl: string;
  secret: string;
  email: EmailSender | null;
  vapid: VapidKeys | null;
  publicTargetsOnly: boolean;
}

export type DeliverResult =
  | { status: "not_claimed"; current: string | null; waitMs: number }
  | { status: "skipped"; reason: string }
  | { status: "sent" | "failed" | "gone" | "rejected"; outcome: SendOutcome; channel: string; attempts: number };

export function contentOf(
  alert: NonNullable<Awaited<ReturnType<typeof readAlert>>>,
  dashboardUrl: string,
): AlertContent {
  return { ...alert, url: alertUrl(dashboardUrl, alert.videoId) };
}

export async function deliver(deps: DeliverDeps, deliveryId: string): Promise<DeliverResult> {
  const claim = await claimDelivery(deps.db, deliveryId);
  if (!claim.claimed) return { status: "not_claimed", current: claim.status, waitMs: claim.waitMs };
  const d = claim.claimed;
  const skip = async (reason: string): Promise<DeliverResult> => {
    await finishDelivery(deps.db, d.id, { skipped: reason });
    return { status: "skipped", reason };
  };
  const alert = d.alertId ? await readAlert(deps.db, d.alertId) : undefined;
  if (!alert) return skip("the alert is gone");
  const settings = await readAlertSettings(deps.usersDb, d.userId);
  if (!settings) return skip("the user is gone");
  const content = contentOf(alert, deps.dashboardUrl);
  const nowSeconds = Math.floor(deps.now() / 1000);

  let outcome: SendOutcome;
  if (d.channel === "email") {
    if (!deps.email) return skip("email is not configured");
    if (!settings.preferences.emailEnabled) return skip("alert emails were turned off");
    const unsubscribe = await unsubscribeUrl(deps.apiUrl, deps.secret, d.userId, "email");
    const mail = alertEmail(content, unsubscribe, `${deps.dashboardUrl}#/settings`);
    outcome = await sendEmail(deps.email, {
      to: settings.email,
      ...mail,
      unsubscribeUrl: unsubscribe,
      idempotencyKey: `adam-${d.key}`,
      alertId: alert.id,
    });
  } else if (d.channel === "push") {
    if (!deps.vapid) return skip("push is not configured");
    const sub = settings.push.find((s) => s.id === d.targetId);
    if (!sub || sub.disabledAt) return skip("the push subscription was removed");
    if (targetProblem(sub.endpoint, deps.publicTargetsOnly)) return skip("the push endpoint is not allowed");
    outcome = await sendPush(deps.vapid, sub, content, nowSeconds);
    if (!outcome.ok && outcome.kind === "gone")
      await disableTarget(deps.usersDb, "push", sub.id, `push service answered ${outcome.status}`);
  } else if (d.channel === "webhook") {
    const hook = settings.webhooks.find((w) => w.id === d.targetId);
    if (!hook || hook.disabledAt) return skip("the webhook was removed");
    const problem = targetProblem(hook.url, deps.publicTargetsOnly);
    if (problem) return skip(`the webhook URL ${problem}`);
    const secret = await webhookSecret(deps.secret, hook.id);
    outcome = await sendWebhook({ url: hook.url, format: hook.format, secret }, content, d.key, nowSeconds);
    if (!outcome.ok && outcome.kind === "gone")
      await disableTarget(deps.usersDb, "webhook", hook.id, `the URL answered ${outcome.status}`);
  } else {
    return skip("a digest goes through the digest message");
  }
  await finishDelivery(deps.db, d.id, outcome);
  return {
    status: outcome.ok ? "sent" : outcome.kind === "retry" ? "failed" : outcome.kind,
    outcome,
    channel: d.channel,
    attempts: d.attempts,
  };
}
