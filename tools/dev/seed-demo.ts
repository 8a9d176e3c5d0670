/**
 * The demo creator of `npm run dev`: a dashboard user (demo@adam.local, password
 * "adam-demo-password") connected to the simulator's liveliest creator, with the last two days
 * of 30-minute snapshots filled in by the real snapshot job against the simulator's past, so the
 * dashboard shows real charts a minute after starting.
 *
 * Every start finishes what the last one left: seeding is a sequence of steps that each look at
 * what is there first (the user, the connection, then the history slot by slot from the newest
 * snapshot on), so a start that was stopped half-way (the user but no account, an account with 14
 * of its 96 slots) is completed by the next one, and a whole demo is left as it is. The history
 * always reaches the current slot: after days away, the demo is brought up to date too.
 *
 * The demo user also gets alerts by email and by a webhook to the outbox sink (once: settings the
 * user changed later are left alone), so a simulator spike followed by `npm run ingest:now` shows
 * up in the sink with no set-up.
 */
import { sql } from "drizzle-orm";
import { runWatchJob } from "../../src/ingest/watch/job.ts";
import { createWatchClient } from "../../src/tiktok/business/client.ts";
import { finishWatchConnect, startWatchConnect } from "../../src/connections/watch-connect.ts";
import { DEFAULT_PREFERENCES } from "../../src/alerts/preferences.ts";
import { readAlertSettings, savePreferences, saveWebhook } from "../../src/db/queries/alert-settings.ts";
import { signup } from "../../src/auth/service.ts";
import { createTiktokDb, createUsersDb, type TiktokDb } from "../../src/db/client.ts";
import { findUserForLogin } from "../../src/db/queries/users.ts";
import type { Config } from "../../src/env.ts";
import { slotOf, snapshotMessage, SLOT_MS, watchMessage } from "../../src/ingest/messages.ts";
import { runSnapshotJob } from "../../src/ingest/snapshot-job.ts";
import { createTikTokClient } from "../../src/tiktok/client.ts";
import { finishConnect, startConnect } from "../../src/connections/connect.ts";
import { NeedsReconnectError } from "../../src/connections/credentials.ts";
import { createTokenVault } from "../../src/connections/token-vault.ts";
import type { Simulator } from "../tiktok-sim/index.ts";
import { ADAM_BUSINESS_SCOPES, SCOPES } from "../tiktok-sim/scopes.ts";
import { CallCounter } from "../../src/tiktok/call-counter.ts";

export const DEMO_EMAIL = "demo@adam.local";
export const DEMO_PASSWORD = "adam-demo-password";
export const BACKFILL_SLOTS = 96;

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

export interface SeedOptions {
  /** The outbox sink: the demo's alert email and webhook are switched on, to it. */
  outboxUrl?: string;
  /** Called before each backfilled slot, with how many are done (tests interrupt a start here). */
  beforeSlot?: (done: number) => void;
}

interface DemoAccount {
  id: string;
  openId: string;
  status: string;
  credentials: boolean;
  lastSlot: number | null;
}

async function demoAccount(db: TiktokDb, accountId: string | undefined): Promise<DemoAccount | undefined> {
  if (!accountId) return undefined;
  const { rows } = await db.execute<{ open_id: string; status: string; credentials: boolean; last: string | null }>(
    `SELECT open_id, status, EXISTS (SELECT 1 FROM tiktok_credentials WHERE account_id = a.id) AS credentials,
       (SELECT max(slot) FROM tiktok_account_snapshots WHERE account_id = a.id) AS last
     FROM tiktok_accounts a WHERE id = ${Number(accountId)}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: accountId,
    openId: row.open_id,
    status: row.status,
    credentials: row.credentials,
    lastSlot: row.last ? Date.parse(row.last) : null,
  };
}

export async function seedDemo(
  config: Config,
  simulator: Simulator,
  log: (line: string) => void,
  options: SeedOptions = {},
): Promise<string> {
  const usersDb = createUsersDb(config);
  const db = createTiktokDb(config);
  const noQueue = { send: async () => undefined, sendBatch: async () => undefined } as unknown as Queue;
  const client = createTikTokClient(config.tiktok);
  const vault = createTokenVault(config.tokenKeys);

  // 1. The user.
  const existing = await findUserForLogin(usersDb, DEMO_EMAIL);
  const userId =
    existing?.id ??
    (
      await signup(
        { db: usersDb, config, userAgent: "seed", nowMs: Date.now() },
        { email: DEMO_EMAIL, password: DEMO_PASSWORD },
      )
    ).subject.id;

  // Alerts by email and webhook to the sink, the first time (the user's own changes are kept).
  if (options.outboxUrl) {
    const settings = await readAlertSettings(usersDb, userId);
    if (settings && settings.webhooks.length === 0 && !settings.preferences.emailEnabled) {
      await savePreferences(usersDb, userId, { ...DEFAULT_PREFERENCES, emailEnabled: true, webhooksEnabled: true });
      await saveWebhook(usersDb, userId, { url: `${options.outboxUrl}/webhooks/demo`, format: "json" });
      log(`alerts for ${DEMO_EMAIL}: email and a webhook to ${options.outboxUrl}/webhooks/demo`);
    }
  }

  // 2. The connection, through the real flow (state, code exchange, vault) with the simulator as
  // TikTok: made when missing, made again when its tokens are gone (same creator, same history).
  const connect = async (creator: number) => {
    const { state } = await startConnect(usersDb, config, userId);
    const { code } = simulator.authorize({ creator, scopes: [...SCOPES], redirectUri: config.tiktok.redirectUri });
    return (
      await finishConnect(
        { usersDb, tiktokDb: db, client, vault, config, queue: noQueue, now: Date.now() },
        { code, state, cookieState: state },
      )
    ).accountId;
  };
  let account = await demoAccount(db, existing?.accountIds[0]);
  if (!account || account.status !== "active" || !account.credentials) {
    const creator = (account && simulator.world.indexOfOpenId(account.openId)) ?? liveliestCreator(simulator);
    account = (await demoAccount(db, await connect(creator))) as DemoAccount;
    log(`connected the demo user to TikTok creator #${creator} (account ${account.id})`);
  }

  // 4. Watch-time insights (optional, the Accounts API's own consent), through the real flow too,
  // and their first daily read once the videos are known: the demo shows retention, traffic
  // sources and activity by hour. Added once; a failure only costs the demo these panels.
  const addWatch = async (demo: DemoAccount) => {
    if (!config.watch) return;
    try {
      const { rows } = await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM tiktok_watch_connections WHERE account_id = ${demo.id} AND status = 'active'`,
      );
      if (!rows[0]?.n) {
        const creator = simulator.world.indexOfOpenId(demo.openId) ?? liveliestCreator(simulator);
        const { state } = await startWatchConnect(usersDb, config, userId, demo.id);
        const { code } = simulator.authorize({
          creator,
          scopes: [...ADAM_BUSINESS_SCOPES],
          redirectUri: config.watch.redirectUri,
          clientKey: config.watch.clientKey,
        });
        const watchClient = createWatchClient(config.watch);
        await finishWatchConnect(
          { usersDb, tiktokDb: db, client: watchClient, vault, config, queue: noQueue, now: Date.now() },
          { code, state, cookieState: state },
        );
        const outcome = await runWatchJob(
          { db, client: watchClient, vault, now: Date.now, calls: new CallCounter() },
          watchMessage(demo.id, simulator.clock.now(), "connect"),
        );
        log(`watch-time insights added for the demo (${outcome.status})`);
      }
    } catch (error) {
      log(`watch-time insights not added for the demo: ${(error as Error).message}`);
    }
  };

  // 3. The history: every slot from the newest snapshot (or two days back) up to the current one,
  // the snapshot job against the simulator's past, in order, so the demo says "last synced just now".
  const realNow = simulator.clock.now();
  const startedAt = Date.now();
  const end = slotOf(realNow) + SLOT_MS;
  const from = Math.max(end - BACKFILL_SLOTS * SLOT_MS, account.lastSlot === null ? 0 : account.lastSlot + SLOT_MS);
  const missing = Math.max(0, (end - from) / SLOT_MS);
  if (missing === 0) {
    log(`demo creator already seeded (account ${account.id}, history up to date)`);
    await addWatch(account);
    return account.id;
  }
  const calls = new CallCounter();
  const counting = createTikTokClient({ ...config.tiktok, onRequest: calls.onRequest });
  let done = 0;
  try {
    for (let slot = from; slot < end; slot += SLOT_MS) {
      options.beforeSlot?.(done);
      // a past slot is observed a minute in, as a cycle would; the current one now
      simulator.clock.set(slot + SLOT_MS > realNow ? realNow : slot + 60_000);
      const job = () =>
        runSnapshotJob(
          { db, client: counting, vault, now: Date.now, calls },
          snapshotMessage(account.id, slot, "manual"),
        );
      await job().catch(async (error: unknown) => {
        // The simulator forgot the tokens (its state file lost a write): connect again, go on.
        if (!(error instanceof NeedsReconnectError)) throw error;
        await connect(simulator.world.indexOfOpenId(account.openId) ?? liveliestCreator(simulator));
        return job();
      });
      done++;
    }
  } finally {
    simulator.clock.set(realNow + (Date.now() - startedAt));
  }
  log(
    `demo creator seeded: ${DEMO_EMAIL} / ${DEMO_PASSWORD}, account ${account.id}, ${done} slot(s) of history filled in (${calls.total} simulator calls)`,
  );
  await addWatch(account);
  return account.id;
}
