import { beforeAll, describe, expect, it } from "vitest";
import { createTiktokDb } from "../src/db/client";
import { loadConfig } from "../src/env";
import { paceOffsetSeconds } from "../src/ingest/cadence";
import { PlanMessageSchema, SnapshotMessageSchema, SLOT_MS } from "../src/ingest/messages";
import { planSlot } from "../src/ingest/planner";
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
  return { queue, batches, singles };
}

beforeAll(async () => {
  await resetDatabase();
  // ids 1…2600 cross the 3- and 4-digit boundaries, where a text ordering would skip accounts
  await sql`INSERT INTO tiktok_accounts (open_id, status, next_snapshot_at)
    SELECT 'acct-' || g, CASE WHEN g % 100 = 0 THEN 'needs_reconnect' ELSE 'active' END,
      CASE WHEN g % 250 = 0 THEN ${new Date(SLOT + 2 * SLOT_MS).toISOString()}::timestamptz
           ELSE ${new Date(SLOT - SLOT_MS).toISOString()}::timestamptz END
    FROM generate_series(1, 2600) g`;
});

describe("the planner", () => {
  it("sends one message per due, active account, in batches of at most 100, paced over the window", async () => {
    const { queue, batches, singles } = recordingQueue();
    const result = await planSlot({ db, queue, now: () => SLOT, spreadSeconds: 1500 }, SLOT);
    const messages = batches.flat();
    const ids = messages.map((m) => SnapshotMessageSchema.parse(m.body).accountId);
    const expected = Array.from({ length: 2600 }, (_, i) => i + 1)
      .filter((g) => g % 100 !== 0 && g % 250 !== 0)
      .map(String);
    expect(ids.toSorted()).toEqual(expected.toSorted());
    expect(new Set(ids).size).toBe(ids.length);
    expect(batches.every((b) => b.length <= 100)).toBe(true);
    // pages of 1,000 accounts, each sent in batches of 100: 10 + 10 + 6
    expect(result).toEqual({ planned: expected.length, dbPages: 3, sendBatchCalls: 26, continuedAfter: null });
    expect(singles).toEqual([]);
    for (const m of messages.slice(0, 50)) {
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
    const delays = messages.map((m) => m.delaySeconds as number);
    expect(Math.max(...delays)).toBeLessThan(1500);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
  });

  it("hands over to a plan message past its per-run limit, and the continuation covers the rest", async () => {
    const first = recordingQueue();
    const result = await planSlot({ db, queue: first.queue, now: () => SLOT, spreadSeconds: 0 }, SLOT, "0", 1000);
    expect(result.planned).toBe(1000);
    const handover = PlanMessageSchema.parse(first.singles[0]);
    expect(handover).toEqual({ v: 1, kind: "plan", slot: SLOT, after: result.continuedAfter });
    const rest = recordingQueue();
    await planSlot({ db, queue: rest.queue, now: () => SLOT, spreadSeconds: 0 }, SLOT, handover.after, 100_000);
    const all = [...first.batches.flat(), ...rest.batches.flat()].map(
      (m) => SnapshotMessageSchema.parse(m.body).accountId,
    );
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(2569);
  });

  it("takes lateness off the pacing: a run 10 minutes late sends the first 10 minutes' accounts at once", async () => {
    const { queue, batches } = recordingQueue();
    await planSlot({ db, queue, now: () => SLOT + 600_000, spreadSeconds: 1500 }, SLOT);
    for (const m of batches.flat()) {
      const offset = paceOffsetSeconds(SnapshotMessageSchema.parse(m.body).accountId, 1500);
      expect(m.delaySeconds).toBe(Math.max(0, offset - 600));
    }
  });
});
