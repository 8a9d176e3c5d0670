import type { UsersDb } from "../db/client";
import { alertsSince, claimDigest, finishDelivery } from "../db/queries/alerts";
import { readAlertSettings, usersDueForDigest } from "../db/queries/alert-settings";
import { heldAccounts } from "../db/queries/users";
import { contentOf, type DeliverDeps } from "./deliver";
import { digestEmail } from "./email/render";
import { sendEmail } from "./email/send";
import { unsubscribeUrl } from "./links";
import { digestMessage, sendAll } from "./messages";
import type { SendOutcome } from "./outcome";
import { localTime } from "./preferences";

/**
 * The daily digest: at each user's chosen local hour, one email with the last 24 hours of alerts
 * of the accounts they hold (those held in quiet hours or past the cap included), once per local
 * day (its delivery key), and none on a day with nothing to tell.
 */
export async function planDigests(deps: { usersDb: UsersDb; queue: Queue }, atMs: number): Promise<number> {
  const due = await usersDueForDigest(deps.usersDb, atMs);
  await sendAll(
    deps.queue,
    due.map((u) => ({ body: digestMessage(u.userId, localTime(u.timeZone, atMs).date) })),
  );
  return due.length;
}

/** A delivery's needs but for push and webhooks: the digest goes by email only. */
export type DigestDeps = Omit<DeliverDeps, "vapid" | "publicTargetsOnly">;

export async function sendDigest(
  deps: DigestDeps,
  userId: string,
  day: string,
): Promise<{ status: "sent" | "failed" | "skipped"; alerts: number; outcome?: SendOutcome; deliveryId?: string }> {
  if (!deps.email) return { status: "skipped", alerts: 0 };
  const settings = await readAlertSettings(deps.usersDb, userId);
  if (!settings?.preferences.digestEnabled) return { status: "skipped", alerts: 0 };
  const accounts = await heldAccounts(deps.usersDb, userId);
  const alerts = await alertsSince(deps.db, accounts, deps.now() - 24 * 3600_000);
  if (alerts.length === 0) return { status: "skipped", alerts: 0 };
  const claimed = await claimDigest(deps.db, userId, day);
  if (!claimed) return { status: "skipped", alerts: alerts.length };
  const unsubscribe = await unsubscribeUrl(deps.apiUrl, deps.secret, userId, "digest");
  const mail = digestEmail(
    alerts.map((a) => contentOf(a, deps.dashboardUrl)),
    day,
    unsubscribe,
    `${deps.dashboardUrl}#/settings`,
  );
  const outcome = await sendEmail(deps.email, {
    to: settings.email,
    ...mail,
    unsubscribeUrl: unsubscribe,
    idempotencyKey: `adam-${claimed.key}`,
    alertId: null,
  });
  await finishDelivery(deps.db, claimed.id, outcome);
  return { status: outcome.ok ? "sent" : "failed", alerts: alerts.length, outcome, deliveryId: claimed.id };
}
