import { beforeEach, describe, expect, it } from "vitest";
import { createTiktokDb } from "../src/db/client";
import { loadConfig } from "../src/env";
import { paceOffsetSeconds } from "../src/ingest/cadence";
import { PlanMessageSchema, SnapshotMessageSchema, SLOT_MS } from "../src/ingest/messages";
import { cycleCapacity, planSlot, type PlannerDeps } from "../src/ingest/planner";
import { resetDatabase, sql } from "./helpers/db";
import { testEnv } from "./helpers/env";

const db = createTiktokDb(loadConfig(testEnv));
const SLOT = Date.UTC(2026, 10, 22, 10, 0);

/** Keeps what the planner sent, as a queue would receive it. */
function recordingQueue() {
  const batches: MessageSendRequest[][] = [];
  const singles: unknown[] = [];
  const queue = {
    sendBatch: async (messages: MessageSendRequest[]) => void batches.push(messages),
    send: async (body: unknown) => void singles.push(body),
  } as unknown as Queue;
  const ids = () => batches.flat().map((m) => SnapshotMessageSchema.parse(m.body).accountId);
  return { queue, batches, singles, ids };
}

const deps = (queue: Queue, overrides: Partial<PlannerDeps> = {}): PlannerDeps => ({
  db,
  queue,
  now: () => SLOT,
  spreadSeconds: 1500,
  tiktokBudgetPerMinute: 100_000,
  ...overrides,
});

/** ids 1…2600 cross the 3- and 4-digit boundaries, where a text ordering would skip accounts. */
const ALL = 2600;
const isPlanned = (g: number) => g % 100 !== 0 && g % 250 !== 0;

beforeEach(async () => {
  await resetDatabase();
  // every 100th account needs reconnecting; every 250th is not due until later; the rest were
  // last snapshotted at staggered times, the highest ids longest ago
  await sql`INSERT INTO tiktok_accounts (open_id, status, next_snapshot_at)
    SELECT 'acct-' || g, CASE WHEN g % 100 = 0 THEN 'needs_reconnect' ELSE 'active' END,
      CASE WHEN g % 250 = 0 THEN ${new Date(SLOT + 2 * SLOT_MS).toISOString()}::timestamptz
           ELSE ${new Date(SLOT).toISOString()}::timestamptz - (g % 7) * interval '30 minutes' - (g / 1000) * interval '1 day' END
    FROM generate_series(1, ${ALL}) g`;
});

describe("the planner", () => {
  it("sends one message per due, active account, in batches of at most 100, paced over the window", async () => {
    const q = recordingQueue();
    const result = await planSlot(deps(q.queue), SLOT);
    const expected = Array.from({ length: ALL }, (_, i) => i + 1)
      .filter(isPlanned)
      .map(String);
    expect(q.ids().toSorted()).toEqual(expected.toSorted());
    expect(new Set(q.ids()).size).toBe(expected.length);
    expect(q.batches.every((b) => b.length <= 100)).toBe(true);
    // pages of 1,000 accounts, each sent in batches of 100: 10 + 10 + 6
    expect(result).toEqual({
      planned: 2569,
      dbPages: 3,
      sendBatchCalls: 26,
      continuedAfter: null,
      capacityReached: false,
    });
    expect(q.singles).toEqual([]);
    for (const m of q.batches.flat().slice(0, 50)) {
      const body = SnapshotMessageSchema.parse(m.body);
      expect(m.delaySeconds).toBe(paceOffsetSeconds(body.accountId, 1500));
      expect(body).toEqual({
        v: 1,
        kind: "snapshot",
        accountId: body.accountId,
        slot: SLOT,
        key: `snapshot:${body.accountId}:${SLOT}`,
        reason: "schedule",
      });
    }
    const delays = q.batches.flat().map((m) => m.delaySeconds as number);
    expect(Math.max(...delays)).toBeLessThan(1500);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
  });

  it("plans the most overdue accounts first", async () => {
    const q = recordingQueue();
    await planSlot(deps(q.queue), SLOT);
    const order = q.ids().map(Number);
    // 2xxx ids were last snapshotted two days ago: they come before every 1xxx and 0xxx id
    expect(order.slice(0, 10).every((id) => id >= 2000)).toBe(true);
    expect(order.slice(-10).every((id) => id < 1000)).toBe(true);
  });

  it("hands over to a plan message past its per-run limit, and the continuation covers the rest", async () => {
    const first = recordingQueue();
    const result = await planSlot(deps(first.queue, { spreadSeconds: 0 }), SLOT, undefined, 1000);
    expect(result.planned).toBe(1000);
    const handover = PlanMessageSchema.parse(first.singles[0]);
    expect(handover).toEqual({ v: 1, kind: "plan", slot: SLOT, after: result.continuedAfter, planned: 1000 });
    const rest = recordingQueue();
    await planSlot(
      deps(rest.queue, { spreadSeconds: 0 }),
      SLOT,
      { after: handover.after, planned: handover.planned },
      100_000,
    );
    const all = [...first.ids(), ...rest.ids()];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(2569);
  });

  it("never plans more accounts than TikTok's budget allows over the window; the rest go first next cycle", async () => {
    // 100 s at 600 requests/minute: room for 1,000 user/info calls
    expect(cycleCapacity(100, 600)).toBe(1000);
    const now = recordingQueue();
    const result = await planSlot(deps(now.queue, { spreadSeconds: 100, tiktokBudgetPerMinute: 600 }), SLOT);
    expect([result.planned, result.capacityReached]).toEqual([1000, true]);
    // the planned accounts' jobs ran: they are due again next slot
    await sql`UPDATE tiktok_accounts SET next_snapshot_at = ${new Date(SLOT + 2 * SLOT_MS).toISOString()}
      WHERE id = ANY(${`{${now.ids().join(",")}}`}::bigint[])`;
    const next = recordingQueue();
    await planSlot(deps(next.queue, { spreadSeconds: 100, tiktokBudgetPerMinute: 600 }), SLOT + SLOT_MS);
    expect(next.ids().filter((id) => now.ids().includes(id))).toEqual([]);
    expect(next.ids()).toHaveLength(1000);
  });

  it("divides the budget by what the last hour's jobs cost the busiest endpoint", async () => {
    const log = (key: string, status: string, minutesAgo: number, calls: Record<string, number>) =>
      sql`INSERT INTO tiktok_ingest_logs (kind, job_key, status, started_at, finished_at, details)
          VALUES ('snapshot', ${key}, ${status}, ${new Date(SLOT - minutesAgo * 60_000).toISOString()},
                  ${new Date(SLOT - minutesAgo * 60_000).toISOString()}, ${JSON.stringify({ calls })}::jsonb)`;
    // video/query: 3 + 3 + 1 + 1 over four jobs, two a job; user/info and video/list one each
    await log("a", "ok", 5, { user_info: 1, video_list: 1, video_query: 3 });
    await log("b", "ok", 20, { user_info: 1, video_list: 1, video_query: 3 });
    await log("c", "ok", 40, { user_info: 1, video_list: 1, video_query: 1 });
    await log("d", "ok", 59, { user_info: 1, video_list: 1, video_query: 1 });
    await log("old", "ok", 61, { user_info: 1, video_query: 50 }); // before the hour
    await log("failed", "failed", 5, { user_info: 1, video_query: 50 }); // only finished jobs count
    expect(cycleCapacity(100, 600, 2)).toBe(500);
    const now = recordingQueue();
    const result = await planSlot(deps(now.queue, { spreadSeconds: 100, tiktokBudgetPerMinute: 600 }), SLOT);
    expect([result.planned, result.capacityReached]).toEqual([500, true]);
  });

  it("takes lateness off the pacing: a run 10 minutes late sends the first 10 minutes' accounts at once", async () => {
    const q = recordingQueue();
    await planSlot(deps(q.queue, { now: () => SLOT + 600_000 }), SLOT);
    for (const m of q.batches.flat()) {
      const offset = paceOffsetSeconds(SnapshotMessageSchema.parse(m.body).accountId, 1500);
      expect(m.delaySeconds).toBe(Math.max(0, offset - 600));
    }
  });
});
