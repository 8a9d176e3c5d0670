import type { TiktokDb } from "../db/client";
import { deliveriesDue, undispatchedAlerts } from "../db/queries/alerts";
import { log } from "../log";
import { alertMessage, deliverMessage, sendAll } from "./messages";

/**
 * The outbox's safety net, run with the planner every 30 minutes: alerts whose job wrote them
 * and died before queueing their fan-out (or were written outside the worker: a backfill), held
 * deliveries whose quiet hours ended (their delayed message does it to the minute; this catches
 * holds longer than a queue delay), and deliveries whose message was lost. Re-sending is safe:
 * every message is checked against its row (a second fan-out of an alert adds no delivery, a
 * second message for a delivery finds it claimed or sent), so the sweep takes every undispatched
 * alert, even one whose own job's message is still on its way.
 */
/** Per sweep and kind: 100 sendBatch calls of 100, within a cron invocation's 1,000 subrequests. */
const BATCH = 10_000;

export async function sweepAlerts(deps: {
  db: TiktokDb;
  queue: Queue;
  now: () => number;
}): Promise<{ alerts: number; deliveries: number }> {
  const nowMs = deps.now();
  const alerts = await undispatchedAlerts(deps.db, nowMs, 0, BATCH);
  const deliveries = await deliveriesDue(deps.db, nowMs, BATCH);
  await sendAll(deps.queue, [
    ...alerts.map((id) => ({ body: alertMessage(id) })),
    ...deliveries.map((id) => ({ body: deliverMessage(id) })),
  ]);
  if (alerts.length || deliveries.length)
    log("info", "alerts_swept", { alerts: alerts.length, deliveries: deliveries.length });
  return { alerts: alerts.length, deliveries: deliveries.length };
}
