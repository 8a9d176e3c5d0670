import type { TiktokDb } from "../db/client";
import { dueAccountsPage } from "../db/queries/ingest";
import { log } from "../log";
import { paceOffsetSeconds } from "./cadence";
import { planMessage, snapshotMessage, SLOT_MS } from "./messages";

/**
 * The cron planner: one snapshot message per due account, sent with `sendBatch` (at most 100
 * messages and 256 KB a call), each delayed to the account's fixed offset in the 30-minute window
 * so TikTok sees a steady pace. Accounts are read by keyset pagination; past `maxPerRun` accounts
 * the run hands over to a plan message, which keeps any one invocation well inside the Workers
 * subrequest and CPU limits whatever the number of accounts.
 */
export interface PlannerDeps {
  db: TiktokDb;
  queue: Queue;
  now: () => number;
  spreadSeconds: number;
}

export const PLAN_PAGE = 1_000;
export const MAX_PER_RUN = 20_000;
const MAX_BATCH_MESSAGES = 100;
const MAX_BATCH_BYTES = 256_000;
/** Queues count about 100 bytes of metadata per message. */
const MESSAGE_OVERHEAD_BYTES = 100;

export interface PlanResult {
  planned: number;
  dbPages: number;
  sendBatchCalls: number;
  continuedAfter: string | null;
}

export async function planSlot(
  deps: PlannerDeps,
  slot: number,
  after = "0",
  maxPerRun = MAX_PER_RUN,
): Promise<PlanResult> {
  const result: PlanResult = { planned: 0, dbPages: 0, sendBatchCalls: 0, continuedAfter: null };
  let cursor = after;
  for (;;) {
    const ids = await dueAccountsPage(deps.db, slot + SLOT_MS, cursor, PLAN_PAGE);
    result.dbPages++;
    // Lateness since the slot began (a late cron, a continuation) comes off every offset; a slot
    // that has not begun yet (a clock ahead of ours, as in tests) delays nothing further.
    const lateSeconds = Math.max(0, (deps.now() - slot) / 1000);
    let batch: MessageSendRequest[] = [];
    let bytes = 0;
    for (const id of ids) {
      const body = snapshotMessage(id, slot, "schedule");
      const size = JSON.stringify(body).length + MESSAGE_OVERHEAD_BYTES;
      if (batch.length === MAX_BATCH_MESSAGES || bytes + size > MAX_BATCH_BYTES) {
        await deps.queue.sendBatch(batch);
        result.sendBatchCalls++;
        batch = [];
        bytes = 0;
      }
      const delaySeconds = Math.max(0, Math.round(paceOffsetSeconds(id, deps.spreadSeconds) - lateSeconds));
      batch.push({ body, contentType: "json", delaySeconds });
      bytes += size;
    }
    if (batch.length) {
      await deps.queue.sendBatch(batch);
      result.sendBatchCalls++;
    }
    result.planned += ids.length;
    if (ids.length < PLAN_PAGE) break;
    cursor = ids[ids.length - 1] as string;
    if (result.planned >= maxPerRun) {
      await deps.queue.send(planMessage(slot, cursor), { contentType: "json" });
      result.continuedAfter = cursor;
      break;
    }
  }
  log("info", "planner_run", { slot: new Date(slot).toISOString(), after, ...result });
  return result;
}
