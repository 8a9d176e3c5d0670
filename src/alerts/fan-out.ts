import type { TiktokDb, UsersDb } from "../db/client";
import { alertsSentSince, readAlert, recordFanOut, type NewDelivery } from "../db/queries/alerts";
import { readHolderSettings } from "../db/queries/alert-settings";
import { deliverMessage, sendAll } from "./messages";
import { localDayStart, quietUntil } from "./preferences";

/**
 * An alert, from the outbox to its deliveries: who holds the account now, which of their
 * channels want this kind, and whether it goes now, waits for the end of quiet hours, waits for
 * the digest, or stays in the in-app list only (past the daily cap, or too old to act on: a
 * backfill's past events). The deliveries and the alert's `dispatched_at` are one write; then a
 * message per delivery to send (a held one delayed to its release). Preferences are read when
 * the alert is fanned out: a channel switched on later does not receive older alerts.
 */
export interface FanOutDeps {
  db: TiktokDb;
  usersDb: UsersDb;
  queue: Queue;
  now: () => number;
  channels: { email: boolean; push: boolean };
  maxAgeMs: number;
}

export type FanOutResult = { status: "gone" } | { status: "ok"; deliveries: number; queued: number };

export async function fanOut(deps: FanOutDeps, alertId: string): Promise<FanOutResult> {
  const alert = await readAlert(deps.db, alertId);
  if (!alert) return { status: "gone" };
  const nowMs = deps.now();
  const settings = alert.dispatchedAt ? undefined : await readHolderSettings(deps.usersDb, alert.accountId);
  const deliveries: NewDelivery[] = [];
  const fresh = nowMs - Date.parse(alert.observedAt) <= deps.maxAgeMs;
  if (settings && fresh && settings.preferences.kinds.includes(alert.kind)) {
    const p = settings.preferences;
    const targets: { channel: NewDelivery["channel"]; targetId: string }[] = [];
    if (p.emailEnabled && deps.channels.email) targets.push({ channel: "email", targetId: "0" });
    if (p.pushEnabled && deps.channels.push) {
      for (const s of settings.push) if (!s.disabledAt) targets.push({ channel: "push", targetId: s.id });
    }
    if (p.webhooksEnabled) {
      for (const w of settings.webhooks) if (!w.disabledAt) targets.push({ channel: "webhook", targetId: w.id });
    }
    if (targets.length) {
      const capped = (await alertsSentSince(deps.db, settings.userId, localDayStart(p.timeZone, nowMs))) >= p.dailyCap;
      const releaseAt = quietUntil(p, nowMs);
      const toDigest = releaseAt !== null && p.held === "digest" && p.digestEnabled;
      for (const t of targets) {
        deliveries.push({
          key: `${alert.id}:${t.channel}:${t.targetId}`,
          alertId: alert.id,
          userId: settings.userId,
          channel: t.channel,
          targetId: t.targetId,
          status: capped ? "capped" : releaseAt === null ? "pending" : toDigest ? "digested" : "held",
          releaseAtMs: capped || toDigest ? null : releaseAt,
        });
      }
    }
  }
  // A redelivered alert (already dispatched) adds no delivery; its unsent ones are nudged again.
  const queued = await recordFanOut(deps.db, alert.id, deliveries);
  await sendAll(
    deps.queue,
    queued.map((d) => ({
      body: deliverMessage(d.id),
      ...(d.status === "held" && d.releaseAtMs !== null ? { delaySeconds: (d.releaseAtMs - nowMs) / 1000 } : {}),
    })),
  );
  return { status: "ok", deliveries: deliveries.length, queued: queued.length };
}
