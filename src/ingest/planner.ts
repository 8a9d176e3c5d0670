import type { TiktokDb } from "../db/client";
import { busiestEndpointCallsPerJob, dueAccountsPage } from "../db/queries/ingest";
import { log } from "../log";
import { paceOffsetSeconds } from "./cadence";
import { planMessage, snapshotMessage, SLOT_MS, type PlanCursor } from "./messages";

/**
 * The cron planner: one snapshot message per due account, sent with `sendBatch` (at most 100
 * messages and 256 KB a call), each delayed to the account's fixed offset in the window so TikTok
 * sees a steady pace. Accounts are planned most overdue first, by keyset pagination, and no more
 * of them than TikTok's per-endpoint budget allows over the window: `spreadSeconds × budget / 60`
 * calls fit in it per endpoint, and a job costs the busiest endpoint at least one call (user/info),
 * more when the last hour's jobs averaged more on one endpoint (video/query for creators with many
 * young videos, video/list pages for new accounts). Past that capacity, the least overdue wait
 * for the next cycle (they are first then), so a growing service degrades to a slower cadence
 * instead of tripping TikTok's limit. Past
 * `maxPerRun` accounts a run hands over to a plan message, which keeps every invocation well
 * inside the Workers subrequest and CPU limits.
 */
export interface PlannerDeps {
  db: TiktokDb;
  queue: Queue;
  now: () => number;
  spreadSeconds: number;
  /** TikTok requests a minute one endpoint may get from Adam (TikTok's limit, less headroom). */
  tiktokBudgetPerMinute: number;
}

export const PLAN_PAGE = 1_000;
export const MAX_PER_RUN = 20_000;
const MAX_BATCH_MESSAGES = 100;
const MAX_BATCH_BYTES = 256_000;
/** Queues count about 100 bytes of metadata per message. */
const MESSAGE_OVERHEAD_BYTES = 100;

/**
 * Accounts one cycle may plan, when a job makes `callsPerJob` calls to the busiest endpoint;
 * without pacing (tests) there is no bound to keep.
 */
export function cycleCapacity(spreadSeconds: number, budgetPerMinute: number, callsPerJob = 1): number {
  return spreadSeconds > 0
    ? Math.floor((spreadSeconds * budgetPerMinute) / 60 / Math.max(1, callsPerJob))
    : Number.POSITIVE_INFINITY;
}

export interface PlanResult {
  planned: number;
  dbPages: number;
  sendBatchCalls: number;
  continuedAfter: PlanCursor | null;
  /** The cycle's capacity was reached: some due accounts wait for the next cycle. */
  capacityReached: boolean;
}

export async function planSlot(
  deps: PlannerDeps,
  slot: number,
  start: { after: PlanCursor | null; planned: number } = { after: null, planned: 0 },
  maxPerRun = MAX_PER_RUN,
): Promise<PlanResult> {
  const callsPerJob = Math.max(1, (await busiestEndpointCallsPerJob(deps.db, new Date(deps.now()).toISOString())) ?? 1);
  const capacity = cycleCapacity(deps.spreadSeconds, deps.tiktokBudgetPerMinute, callsPerJob);
  const result: PlanResult = {
    planned: 0,
    dbPages: 0,
    sendBatchCalls: 0,
    continuedAfter: null,
    capacityReached: false,
  };
  let cursor = start.after;
  for (;;) {
    const room = capacity - start.planned - result.planned;
    if (room <= 0) {
      result.capacityReached = true;
      break;
    }
    const limit = Math.min(PLAN_PAGE, room);
    const page = await dueAccountsPage(deps.db, slot + SLOT_MS, cursor, limit);
    result.dbPages++;
    // Lateness since the slot began (a late cron, a continuation) comes off every offset; a slot
    // that has not begun yet (a clock ahead of ours, as in tests) delays nothing further.
    const lateSeconds = Math.max(0, (deps.now() - slot) / 1000);
    let batch: MessageSendRequest[] = [];
    let bytes = 0;
    for (const { id } of page) {
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
    result.planned += page.length;
    if (page.length < limit) break;
    cursor = page[page.length - 1] as PlanCursor;
    if (result.planned >= maxPerRun) {
      await deps.queue.send(planMessage(slot, cursor, start.planned + result.planned), { contentType: "json" });
      result.continuedAfter = cursor;
      break;
    }
  }
  log(result.capacityReached ? "warn" : "info", "planner_run", {
    slot: new Date(slot).toISOString(),
    after: start.after,
    capacity: Number.isFinite(capacity) ? capacity : null,
    callsPerJob,
    ...result,
  });
  return result;
}
