import type { TiktokDb } from "../db/client";
import { deliveriesDue, undispatchedAlerts } from "../db/queries/alerts";
import { log } from "../log";
import { alertMessage, deliverMessage, sendAll } from "./messages";

/**
 * The outbox's safety net, run with the planner every 30 minutes: alerts whose job wrote them
 * and died before queueing their fan-out (or were written outside the worker: a backfill), held
 * deliveries whose quiet hours ended (their delayed message does it to the minute; this catches
 * holds longer than a queue delay), and deliveries whose message was lost. Re-sending is safe:
 * every message is checked against its row.
 */
const GRACE_MS = 60_000;
const BATCH = 1_000;

export async function sweepAlerts(deps: { db: TiktokDb; queue: Queue; now: () => number }): Promise<{ alerts: number; deliveries: number }> {
  const nowMs = deps.now();
  const alerts = await undispatchedAlerts(deps.db, nowMs, GRACE_MS, BATCH);
  const deliveries = await deliveriesDue(deps.db, nowMs, BATCH);
  await sendAll(deps.queue, [...alerts.map((id) => ({ body: alertMessage(id) })), ...deliveries.map((id) => ({ body: deliverMessage(id) }))]);
  if (alerts.length || deliveries.length) log("info", "alerts_swept", { alerts: alerts.length, deliveries: deliveries.length });
  return { alerts: alerts.length, deliveries: deliveries.length };
}
