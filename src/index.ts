/**
 * adam-api entry points: wiring only.
 * - fetch: the edge API (src/http)
 * - scheduled: the snapshot planner every 30 minutes, housekeeping hourly and daily, the daily
 *   watch-time planner (src/ingest)
 * - queue: the snapshot consumer and its dead-letter queue (src/ingest); the alerts consumer and
 *   its dead-letter queue (src/alerts)
 */
import { ALERTS_DEAD_LETTER_QUEUE, ALERTS_QUEUE, consumeAlertBatch } from "./alerts/consumer";
import { planDigests } from "./alerts/digest";
import { sweepAlerts } from "./alerts/sweep";
import { createTiktokDb, createUsersDb } from "./db/client";
import { loadConfig } from "./env";
import { createApp } from "./http/app";
import { consumeBatch } from "./ingest/consumer";
import { CRONS } from "./ingest/crons";
import { dailyHousekeeping, hourlyHousekeeping } from "./ingest/housekeeping";
import { slotOf } from "./ingest/messages";
import { planSlot } from "./ingest/planner";
import { planWatch } from "./ingest/watch/planner";

export { LimiterObject } from "./limits/limiter-object";

const app = createApp();

export default {
  fetch: app.fetch,

  async scheduled(controller, env, _ctx) {
    const config = loadConfig(env);
    const db = createTiktokDb(config, { timeoutMs: 60_000 });
    switch (controller.cron) {
      case CRONS.hourly:
        await hourlyHousekeeping(db, controller.scheduledTime);
        await planDigests({ usersDb: createUsersDb(config), queue: env.ALERTS }, controller.scheduledTime);
        break;
      case CRONS.daily:
        await dailyHousekeeping(db, createUsersDb(config, { timeoutMs: 60_000 }), controller.scheduledTime);
        if (config.watch)
          await planWatch(
            { db, queue: env.SNAPSHOTS, budgetPerMinute: config.watch.budgetPerMinute },
            controller.scheduledTime,
          );
        break;
      default:
        await planSlot(
          {
            db,
            queue: env.SNAPSHOTS,
            now: Date.now,
            spreadSeconds: config.ingest.spreadSeconds,
            tiktokBudgetPerMinute: config.ingest.tiktokBudgetPerMinute,
          },
          slotOf(controller.scheduledTime),
        );
        await sweepAlerts({ db, queue: env.ALERTS, now: Date.now });
    }
  },

  async queue(batch, env, _ctx) {
    const config = loadConfig(env);
    if (batch.queue === ALERTS_QUEUE || batch.queue === ALERTS_DEAD_LETTER_QUEUE) {
      await consumeAlertBatch(batch, { config, queue: env.ALERTS, now: Date.now, random: Math.random });
      return;
    }
    await consumeBatch(batch, { config, queue: env.SNAPSHOTS, alerts: env.ALERTS, now: Date.now, random: Math.random });
  },
} satisfies ExportedHandler<Env>;
