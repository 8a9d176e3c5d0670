/**
 * `npm run bench:ingest`: the snapshot job and the planner on this machine, against the TikTok
 * simulator at zero latency and the local Neon endpoint (PGlite), each in its own process so the
 * jobs get a core of their own. Prints:
 * - account jobs per minute at steady state (target ≥ 1,800: three times TikTok's 600/min budget,
 *   so TikTok and not Adam is the ceiling), and for first snapshots;
 * - database round trips per job, by the account's number of videos (target ≤ 3 whatever the
 *   number of videos; one more when the token is refreshed), and TikTok calls per job;
 * - the analytics' share of a job: analyzeAccount's milliseconds per job (p50, p95);
 * - planner CPU time and round trips for 100,000 accounts.
 * The jobs run here in Node with the production code (`runSnapshotJob`), the way the queue
 * consumer runs them; the queue itself is not in the loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createTiktokDb, createUsersDb } from "../../src/db/client.ts";
import { loadConfig } from "../../src/env.ts";
import { slotOf, snapshotMessage, SLOT_MS, type PlanCursor } from "../../src/ingest/messages.ts";

import { cycleCapacity, planSlot } from "../../src/ingest/planner.ts";

import { analyzeAccount } from "../../src/analytics/index.ts";
import { runSnapshotJob } from "../../src/ingest/snapshot-job.ts";
import { createTikTokClient } from "../../src/tiktok/client.ts";
import { finishConnect, startConnect } from "../../src/connections/connect.ts";
import { createTokenVault } from "../../src/connections/token-vault.ts";
import { migrate } from "../db/migrate.ts";
import { waitFor } from "../dev/processes.ts";
import { printTable, summarize } from "./stats.ts";
import { freePort } from "../dev/ports.ts";
import { CallCounter } from "../../src/tiktok/call-counter.ts";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "150" },
    concurrency: { type: "string", default: "16" },
    "planner-accounts": { type: "string", default: "100000" },
  },
});
const ACCOUNTS = Number(values.accounts);
const CONCURRENCY = Number(values.concurrency);
const PLANNER_ACCOUNTS = Number(values["planner-accounts"]);
const CONNECTION = "postgres://adam:adam@127.0.0.1:5480/adam";
const SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"];

function child(name: string, args: string[]): ChildProcess {
  const proc = spawn("tsx", args, { stdio: ["ignore", "ignore", "inherit"] });
  proc.on("exit", (code) => {
    if (code && !stopping) console.error(`${name} exited with ${code}`);
  });
  return proc;
}
let stopping = false;

const neonPort = await freePort();
const simPort = await freePort();
const neonUrl = `http://127.0.0.1:${neonPort}/sql`;
const simUrl = `http://127.0.0.1:${simPort}`;
const processes = [
  child("neon", [
    "tools/neon-local/main.ts",
    "--port",
    String(neonPort),
    "--data",
    mkdtempSync(join(tmpdir(), "adam-bench-")),
    "--fresh",
  ]),
  child("simulator", [
    "tools/tiktok-sim/main.ts",
    "--port",
    String(simPort),
    "--creators",
    String(ACCOUNTS + 10),
    "--frozen",
  ]),
];
await Promise.all([waitFor(`http://127.0.0.1:${neonPort}/`), waitFor(`${simUrl}/__sim/state`)]);
await migrate({ databaseUrl: CONNECTION, neonHttpEndpoint: neonUrl });

const config = loadConfig({
  ENVIRONMENT: "development",
  DATABASE_URL: CONNECTION,
  NEON_HTTP_ENDPOINT: neonUrl,
  JWT_SECRET: "bench-only-jwt-secret-0123456789abcdef",
  JWT_ISSUER: "bench",
  JWT_AUDIENCE: "bench",
  DASHBOARD_ORIGINS: "http://127.0.0.1:8788",
  DASHBOARD_URL: "http://127.0.0.1:8788/app/",
  TIKTOK_CLIENT_KEY: "sim-client-key",
  TIKTOK_CLIENT_SECRET: "sim-client-secret",
  TIKTOK_API_BASE: simUrl,
  TIKTOK_AUTH_BASE: simUrl,
  TIKTOK_REDIRECT_URI: "http://127.0.0.1:8787/tiktok/callback",
  TOKEN_ENCRYPTION_KEYS: "1:YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktISE=",
  API_URL: "http://127.0.0.1:8787",
  ALERTS_SECRET: "bench-only-alerts-secret-0123456789abcdef",
} as unknown as Env);
const db = createTiktokDb(config);
const usersDb = createUsersDb(config);
const vault = createTokenVault(config.tokenKeys);

const json = async <T>(url: string, body?: unknown): Promise<T> => {
  const res = await fetch(
    url,
    body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  return (await res.json()) as T;
};
const sqlRequests = async () =>
  (await json<{ sql_requests: number }>(`http://127.0.0.1:${neonPort}/stats`)).sql_requests;
const simCalls = async () =>
  Object.values((await json<{ total: Record<string, number> }>(`${simUrl}/__sim/calls`)).total).reduce(
    (a, b) => a + b,
    0,
  );
const simNow = async () => (await json<{ now: number }>(`${simUrl}/__sim/state`)).now;
const advance = (ms: number) => json(`${simUrl}/__sim/clock`, { advance: ms });
const analyticsMs = (ms: number[]) => {
  const { p50, p95 } = summarize(ms);
  return `${p50.toFixed(2)} / ${p95.toFixed(2)}`;
};

/**
 * The jobs' analytics, timed: analyzeAccount is synchronous, so its wall time is this process's
 * CPU for it, whatever the other jobs in flight are waiting for.
 */
const timedAnalyze =
  (analyzeMs: number[]): typeof analyzeAccount =>
  (input) => {
    const t0 = performance.now();
    const output = analyzeAccount(input);
    analyzeMs.push(performance.now() - t0);
    return output;
  };

/** Runs one slot's job for every account, `concurrency` at a time; returns wall seconds, TikTok calls, analytics ms per job. */
async function runSlot(accountIds: string[], slot: number, concurrency = CONCURRENCY) {
  let next = 0;
  let calls = 0;
  const analyzeMs: number[] = [];
  const analyze = timedAnalyze(analyzeMs);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < accountIds.length) {
        const id = accountIds[next++] as string;
        const jobCalls = new CallCounter();
        const client = createTikTokClient({ ...config.tiktok, onRequest: jobCalls.onRequest });
        const outcome = await runSnapshotJob(
          { db, client, vault, now: Date.now, calls: jobCalls, analyze },
          snapshotMessage(id, slot, "schedule"),
        );
        if (outcome.status !== "ok") throw new Error(`job for ${id} ended ${JSON.stringify(outcome)}`);
        calls += jobCalls.total;
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, calls, analyzeMs };
}

try {
  // Connect the accounts through the real connect service (state, code exchange, vault).
  const [{ id: userId }] = (
    await usersDb.execute<{ id: string }>(
      `INSERT INTO identity.users (email, password_hash) VALUES ('bench@adam.local', 'x') RETURNING id::text AS id`,
    )
  ).rows as [{ id: string }];
  const noQueue = { send: async () => undefined } as unknown as Queue;
  const accountIds: string[] = [];
  for (let creator = 0; creator < ACCOUNTS; creator++) {
    const { state } = await startConnect(usersDb, config, userId);
    const { code } = await json<{ code: string }>(`${simUrl}/__sim/authorize`, {
      creator,
      scopes: SCOPES,
      redirect_uri: config.tiktok.redirectUri,
    });
    const { accountId } = await finishConnect(
      {
        usersDb,
        tiktokDb: db,
        client: createTikTokClient(config.tiktok),
        vault,
        config,
        queue: noQueue,
        now: Date.now(),
      },
      { code, state, cookieState: state },
    );
    accountIds.push(accountId);
  }

  let slot = slotOf(await simNow());
  const sql0 = await sqlRequests();
  const first = await runSlot(accountIds, slot);
  const firstTrips = ((await sqlRequests()) - sql0) / ACCOUNTS;
  // A few steady cycles, so the measured one has the usual mix of young and old videos.
  for (let i = 0; i < 3; i++) {
    await advance(SLOT_MS);
    await runSlot(accountIds, (slot += SLOT_MS));
  }
  await advance(SLOT_MS);
  const sql1 = await sqlRequests();
  const steady = await runSlot(accountIds, (slot += SLOT_MS));
  const steadyTrips = ((await sqlRequests()) - sql1) / ACCOUNTS;

  // Round trips job by job, against each account's number of videos.
  await advance(SLOT_MS);
  slot += SLOT_MS;
  const byVideos: { videos: number; trips: number }[] = [];
  const sample = accountIds.slice(0, 30);
  for (const id of sample) {
    const before = await sqlRequests();
    await runSlot([id], slot, 1);
    const videos = Number(
      (
        (await db.execute<{ n: string }>(`SELECT count(*) AS n FROM tiktok_videos WHERE account_id = ${Number(id)}`))
          .rows[0] as { n: string }
      ).n,
    );
    byVideos.push({ videos, trips: (await sqlRequests()) - before - 1 });
  }
  byVideos.sort((a, b) => a.videos - b.videos);

  // Every token close to expiry: each job refreshes first.
  await advance(SLOT_MS);
  await db.execute(`UPDATE tiktok_credentials SET access_expires_at = now()`);
  const sql2 = await sqlRequests();
  const calls2 = await simCalls();
  const refreshing = await runSlot(accountIds, (slot += SLOT_MS));
  const refreshTrips = ((await sqlRequests()) - sql2) / ACCOUNTS;
  const refreshCalls = ((await simCalls()) - calls2) / ACCOUNTS;

  printTable(
    `Snapshot jobs: ${ACCOUNTS} accounts, ${CONCURRENCY} at a time, simulator at zero latency (${new Date().toISOString()})`,
    ["phase", "jobs/minute", "DB round trips/job", "TikTok calls/job", "analyzeAccount ms/job p50 / p95"],
    [
      [
        "first snapshot (history read, 5 list pages)",
        (60 * ACCOUNTS) / first.seconds,
        firstTrips,
        first.calls / ACCOUNTS,
        analyticsMs(first.analyzeMs),
      ],
      [
        "steady state (30 min later)",
        (60 * ACCOUNTS) / steady.seconds,
        steadyTrips,
        steady.calls / ACCOUNTS,
        analyticsMs(steady.analyzeMs),
      ],
      [
        "steady state, every token refreshed first",
        (60 * ACCOUNTS) / refreshing.seconds,
        refreshTrips,
        refreshCalls,
        analyticsMs(refreshing.analyzeMs),
      ],
    ],
  );
  const buckets = [byVideos[0], byVideos[Math.floor(byVideos.length / 2)], byVideos[byVideos.length - 1]];
  printTable(
    "Round trips of single jobs by the account's number of tracked videos",
    ["videos", "DB round trips"],
    buckets.map((b) => [b!.videos, b!.trips]),
  );
  console.log(
    `max over ${byVideos.length} jobs: ${Math.max(...byVideos.map((b) => b.trips))} round trips (videos ${byVideos[0]!.videos}–${byVideos[byVideos.length - 1]!.videos})`,
  );

  // The planner over 100,000 accounts (their rows only; no jobs run): CPU of this process.
  await db.execute(
    `INSERT INTO tiktok_accounts (open_id, status, next_snapshot_at) SELECT 'bench-' || g, 'active', now() FROM generate_series(1, ${PLANNER_ACCOUNTS - ACCOUNTS}) g`,
  );
  let sent = 0;
  let batches = 0;
  const queue = {
    sendBatch: async (messages: unknown[]) => {
      sent += messages.length;
      batches++;
      if (messages.length > 100) throw new Error("sendBatch over 100 messages");
    },
    send: async () => undefined,
  } as unknown as Queue;
  const planSlotMs = slotOf(await simNow()) + 10 * SLOT_MS;

  const invocations: { cpuMs: number; wallMs: number; planned: number; roundTrips: number }[] = [];
  let after: PlanCursor | null = null;

  for (;;) {
    const trips = await sqlRequests();
    const cpu = process.cpuUsage();
    const wall = performance.now();
    // a budget that plans everyone: this measures the planner's own cost
    const result = await planSlot(
      { db, queue, now: () => planSlotMs, spreadSeconds: 1_500, tiktokBudgetPerMinute: 1_000_000 },
      planSlotMs,
      { after, planned: invocations.reduce((s, i) => s + i.planned, 0) },
    );
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - wall;
    invocations.push({
      cpuMs: (used.user + used.system) / 1000,
      wallMs,
      planned: result.planned,
      roundTrips: (await sqlRequests()) - trips,
    });
    if (!result.continuedAfter) break;
    after = result.continuedAfter;
  }
  const totalCpu = invocations.reduce((s, i) => s + i.cpuMs, 0);
  printTable(
    `Planner over ${PLANNER_ACCOUNTS.toLocaleString("en")} active accounts (${invocations.length} invocations: the cron run and its plan messages)`,
    ["", "value"],
    [
      ["messages sent", sent],
      ["sendBatch calls (≤ 100 messages each)", batches],
      ["database round trips", invocations.reduce((s, i) => s + i.roundTrips, 0)],
      ["CPU ms, total", totalCpu],
      ["CPU ms, largest invocation", Math.max(...invocations.map((i) => i.cpuMs))],
      ["CPU µs per account", (1000 * totalCpu) / sent],
      ["wall ms, total", invocations.reduce((s, i) => s + i.wallMs, 0)],
    ],
  );
  console.log(
    `\nAt the defaults (25-minute spread, 540 requests/minute per TikTok endpoint) one cycle plans at most ${cycleCapacity(1_500, 540).toLocaleString("en")} accounts, most overdue first.`,
  );
} finally {
  stopping = true;
  for (const p of processes) p.kill("SIGTERM");
}
