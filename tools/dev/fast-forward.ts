/**
 * `npm run ingest:now` after a simulator event: an event needs hours before any detector can tell
 * a change of pace from a lump of views (the simulator says when: `visible_after`), so instead of
 * waiting, TikTok's clock is moved on slot by slot to just past that moment, and each 30-minute
 * slot's snapshot job runs for the event's creator as a cycle would (the production job, in Node,
 * against the simulator and the local database, as the demo seed does). The alerts those jobs
 * store are then fanned out by the worker itself: the cycle `ingest:now` fires next sweeps the
 * outbox. Afterwards `npm run dev`'s crons follow the simulator's clock.
 */
import { createTiktokDb } from "../../src/db/client.ts";
import { expireAccessToken } from "../../src/db/queries/ingest.ts";
import type { Config } from "../../src/env.ts";
import { slotOf, snapshotMessage, SLOT_MS } from "../../src/ingest/messages.ts";
import { runSnapshotJob } from "../../src/ingest/snapshot-job.ts";
import { CallCounter } from "../../src/tiktok/call-counter.ts";
import { createTikTokClient } from "../../src/tiktok/client.ts";
import { TikTokError } from "../../src/tiktok/errors.ts";
import { createTokenVault } from "../../src/connections/token-vault.ts";

interface PendingEvent {
  openId: string;
  videoId: string;
  kind: string;
  visible_after: string;
}

export async function fastForward(
  config: Config,
  simulatorUrl: string,
  log: (line: string) => void,
): Promise<{ slots: number; alerts: number }> {
  const sim = async <T>(path: string, init?: RequestInit) =>
    (await fetch(`${simulatorUrl}/__sim/${path}`, init)).json() as Promise<T>;
  const { now } = await sim<{ now: number }>("state");
  const { events } = await sim<{ events: PendingEvent[] }>("events");
  const pending = events.filter((e) => Date.parse(e.visible_after) > now);
  if (pending.length === 0) return { slots: 0, alerts: 0 };

  const db = createTiktokDb(config);
  const openIds = [...new Set(pending.map((e) => e.openId))];
  const { rows } = await db.execute<{ id: string }>(
    `SELECT id::text FROM tiktok_accounts WHERE status = 'active' AND open_id IN (${openIds.map((o) => `'${o.replace(/'/g, "''")}'`).join(",")})`,
  );
  if (rows.length === 0) {
    log("the event's creator is not connected to Adam: nothing to fast-forward");
    return { slots: 0, alerts: 0 };
  }
  const until = Math.max(...pending.map((e) => Date.parse(e.visible_after))) + SLOT_MS;
  const calls = new CallCounter();
  const client = createTikTokClient({ ...config.tiktok, onRequest: calls.onRequest });
  const vault = createTokenVault(config.tokenKeys);
  log(
    `${pending.map((e) => `${e.kind} on video ${e.videoId}`).join(", ")}: moving TikTok's clock on to ${new Date(until).toISOString()}, a snapshot every 30 minutes`,
  );
  let slots = 0;
  let alerts = 0;
  for (let slot = slotOf(now) + SLOT_MS; slot <= slotOf(until); slot += SLOT_MS) {
    await sim("clock", { method: "POST", body: JSON.stringify({ set: slot + 60_000 }) });
    for (const { id } of rows) {
      const job = () =>
        runSnapshotJob(
          { db, client, vault, now: Date.now, calls, alertMinConfidence: config.alerts.minConfidence },
          snapshotMessage(id, slot, "manual"),
        );
      const outcome = await job().catch(async (error: unknown) => {
        // TikTok's clock ran past the access token's day: refresh it, as the queue consumer does
        if (!(error instanceof TikTokError) || error.action !== "refresh") throw error;
        await expireAccessToken(db, id);
        return job();
      });
      if (outcome.status === "ok") alerts += outcome.newAlertIds.length;
    }
    slots++;
  }
  return { slots, alerts };
}
