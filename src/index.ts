/**
 * adam-api entry points: wiring only.
 * - fetch: the edge API (src/http)
 * - scheduled: the snapshot planner every 30 minutes, housekeeping hourly and daily (src/ingest)
 * - queue: the snapshot consumer and its dead-letter queue (src/ingest)
 */
import { createTiktokDb, createUsersDb } from "./db/client";
import { loadConfig } from "./env";
import { createApp } from "./http/app";
import { consumeBatch } from "./ingest/consumer";
import { CRONS } from "./ingest/crons";
import { dailyHousekeeping, hourlyHousekeeping } from "./ingest/housekeeping";
import { slotOf } from "./ingest/messages";
import { planSlot } from "./ingest/planner";

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
        break;
      case CRONS.daily:
        await dailyHousekeeping(db, createUsersDb(config, { timeoutMs: 60_000 }), controller.scheduledTime);
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
    }
  },

  async queue(batch, env, _ctx) {
    await consumeBatch(batch, { config: loadConfig(env), queue: env.SNAPSHOTS, now: Date.now, random: Math.random });
  },
} satisfies ExportedHandler<Env>;
