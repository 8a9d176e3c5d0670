/**
 * The demo creator of `npm run dev`: a dashboard user (demo@adam.local, password
 * "adam-demo-password") connected to the simulator's liveliest creator, with the last two days
 * of 30-minute snapshots filled in by the real snapshot job against the simulator's past, so the
 * dashboard shows real charts a minute after starting. Idempotent: a restart keeps the history.
 */
import { signup } from "../../src/auth/service.ts";
import { createTiktokDb, createUsersDb } from "../../src/db/client.ts";
import { findUserForLogin } from "../../src/db/queries/users.ts";
import type { Config } from "../../src/env.ts";
import { slotOf, snapshotMessage, SLOT_MS } from "../../src/ingest/messages.ts";
import { runSnapshotJob } from "../../src/ingest/snapshot-job.ts";
import { createTikTokClient } from "../../src/tiktok/client.ts";
import { finishConnect, startConnect } from "../../src/tiktok/connect.ts";
import { createTokenVault } from "../../src/tiktok/token-vault.ts";
import type { Simulator } from "../tiktok-sim/index.ts";
import { CallCounter } from "../../src/tiktok/call-counter.ts";

export const DEMO_EMAIL = "demo@adam.local";
export const DEMO_PASSWORD = "adam-demo-password";
const BACKFILL_SLOTS = 96;
const SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"] as const;

/** Among the first creators, the one with the most videos in its last three days: curves to look at. */
export function liveliestCreator(
  simulator: Pick<Simulator, "clock" | "world">,
  count = 25,
  skip: number[] = [],
): number {
  const now = simulator.clock.now();
  let best = 0;
  let most = -1;
  for (let index = 0; index < count; index++) {
    if (skip.includes(index)) continue;
    const recent = simulator.world
      .publicVideos(index, now)
      .filter((v) => now - v.createTimeSec * 1000 < 3 * 86_400_000).length;
    if (recent > most) [best, most] = [index, recent];
  }
  return best;
}

export async function seedDemo(config: Config, simulator: Simulator, log: (line: string) => void): Promise<string> {
  const usersDb = createUsersDb(config);
  const db = createTiktokDb(config);
  const noQueue = { send: async () => undefined, sendBatch: async () => undefined } as unknown as Queue;

  const existing = await findUserForLogin(usersDb, DEMO_EMAIL);
  const userId =
    existing?.id ??
    (
      await signup(
        { db: usersDb, config, userAgent: "seed", nowMs: Date.now() },
        { email: DEMO_EMAIL, password: DEMO_PASSWORD },
      )
    ).subject.id;

  const [linked] = existing?.accountIds ?? [];
  const { rows } = linked
    ? await db.execute<{ status: string; snapshots: number }>(
        `SELECT status, (SELECT count(*)::int FROM tiktok_account_snapshots WHERE account_id = ${Number(linked)}) AS snapshots FROM tiktok_accounts WHERE id = ${Number(linked)}`,
      )
    : { rows: [] };
  const account = rows[0];
  if (linked && account?.status === "active" && account.snapshots > 0) {
    log(`demo creator already seeded (account ${linked}, ${account.snapshots} snapshots)`);
    return linked;
  }

  // Connect through the real flow (state, code exchange, vault), with the simulator as TikTok.
  const creator = liveliestCreator(simulator);
  const { state } = await startConnect(usersDb, config, userId);
  const { code } = simulator.authorize({ creator, scopes: [...SCOPES], redirectUri: config.tiktok.redirectUri });
  const client = createTikTokClient(config.tiktok);
  const vault = createTokenVault(config.tokenKeys);
  const { accountId } = await finishConnect(
    { usersDb, tiktokDb: db, client, vault, config, queue: noQueue, now: Date.now() },
    { code, state, cookieState: state },
  );

  // Two days of history: the snapshot job, slot by slot, against the simulator's past.
  const realNow = simulator.clock.now();
  const calls = new CallCounter();
  const counting = createTikTokClient({ ...config.tiktok, onRequest: calls.onRequest });
  const first = slotOf(realNow) - BACKFILL_SLOTS * SLOT_MS;
  for (let slot = first; slot < slotOf(realNow); slot += SLOT_MS) {
    simulator.clock.set(slot + 60_000);
    await runSnapshotJob(
      { db, client: counting, vault, now: Date.now, calls },
      snapshotMessage(accountId, slot, "manual"),
    );
  }
  simulator.clock.set(realNow + (Date.now() - realNow));
  log(
    `demo creator seeded: ${DEMO_EMAIL} / ${DEMO_PASSWORD}, TikTok creator #${creator} as account ${accountId}, ${BACKFILL_SLOTS} slots of history (${calls.total} simulator calls)`,
  );
  return accountId;
}
