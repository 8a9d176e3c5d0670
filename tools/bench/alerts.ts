/**
 * `npm run bench:alerts`: alerts on the `npm run dev` stack (wrangler dev with its queues, the
 * local Neon endpoint on PGlite, the TikTok simulator, the outbox sink), on free ports. Prints:
 *
 * 1. latency: the demo creator's video is made to spike (`POST /__sim/events`); cycles run through
 *    the worker's cron → planner → snapshots queue → job (spread 0) with TikTok's clock 30 minutes
 *    on each time, until a job stores the alert; then the time from that job's start (the
 *    snapshot that revealed the spike) to the notifications arriving at the sink, per channel
 *    (target: within the same cycle, under two minutes);
 * 2. throughput: N accounts (default 10,000), each with a holder whose webhook points at the sink,
 *    get an alert each in the outbox; one planner run sweeps them onto the alerts queue, and the
 *    consumer fans out and delivers: deliveries per second until the sink has them all (target:
 *    a cycle's alerts for 10,000 accounts within five minutes).
 *
 * Options: --accounts N (throughput), --spike-factor F, --max-cycles N.
 */
import { parseArgs } from "node:util";
import { createTiktokDb } from "../../src/db/client.ts";
import { CRONS } from "../../src/ingest/crons.ts";
import { SLOT_MS } from "../../src/ingest/messages.ts";
import { fireCron } from "../dev/cron.ts";
import { startEphemeralStack } from "../dev/ephemeral-stack.ts";
import { printTable } from "./stats.ts";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "10000" },
    "spike-factor": { type: "string", default: "10" },
    "max-cycles": { type: "string", default: "24" },
  },
});
const ACCOUNTS = Number(values.accounts);
const FACTOR = Number(values["spike-factor"]);
const MAX_CYCLES = Number(values["max-cycles"]);

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

console.error("starting the stack (wrangler dev, PGlite, simulator, sink) and seeding the demo creator…");
const stack = await startEphemeralStack({
  demo: true,
  simulatorClock: { startMs: Date.now(), frozen: true },
  vars: { INGEST_SPREAD_SECONDS: "0", INGEST_RETRY_BASE_SECONDS: "1", ALERT_RETRY_BASE_SECONDS: "1" },
});
const db = createTiktokDb(stack.config);
const sink = stack.outbox.outbox;
const q = async <T>(text: string) => (await db.execute<T & Record<string, unknown>>(text)).rows as T[];

try {
  // ---- 1. latency: a spike, from TikTok to the sink
  const accountId = stack.demoAccountId as string;
  const made = (await (
    await fetch(`${stack.simulator.url}/__sim/events`, {
      method: "POST",
      body: JSON.stringify({ kind: "spike", factor: FACTOR }),
    })
  ).json()) as { video_id: string; visible_after: string };
  console.error(`spike ×${FACTOR} on video ${made.video_id}; running cycles until an alert is stored…`);
  let found: { alert: string; jobStart: number; fired: number; cycle: number } | null = null;
  for (let cycle = 1; cycle <= MAX_CYCLES && !found; cycle++) {
    const slot = stack.simulator.clock.advance(SLOT_MS);
    const key = `snapshot:${accountId}:${Math.floor(slot / SLOT_MS) * SLOT_MS}`;
    const fired = Date.now();
    if (!(await fireCron(stack.apiUrl, CRONS.plan, slot))) throw new Error("the worker refused the cron");
    const [job] = await until(
      `the cycle's job (${key})`,
      async () => {
        const rows = await q<{ started: string }>(
          `SELECT started_at AS started FROM tiktok_ingest_logs WHERE job_key = '${key}' AND status = 'ok'`,
        );
        return rows.length ? rows : undefined;
      },
      60_000,
    );
    const alerts = await q<{ id: string }>(
      `SELECT id::text FROM tiktok_alerts WHERE account_id = ${Number(accountId)} AND observed_at >= '${new Date(slot - SLOT_MS).toISOString()}'`,
    );
    if (alerts[0]) found = { alert: alerts[0].id, jobStart: Date.parse(job!.started), fired, cycle };
  }
  if (!found) throw new Error(`no alert after ${MAX_CYCLES} cycles`);
  const arrived = await until(
    "the alert at the sink (email and webhook)",
    async () => {
      const entries = sink.list().filter((e) => e.alert_id === found.alert && e.answered < 300);
      return entries.length >= 2 ? entries : undefined;
    },
    120_000,
  );
  printTable(
    `Latency: a spike on the demo creator's video (×${FACTOR}), alert stored in cycle ${found.cycle}`,
    ["channel", "from the snapshot job's start, s", "from the cycle's cron, s"],
    arrived
      .toSorted((a, b) => a.channel.localeCompare(b.channel))
      .map((e) => [
        e.channel,
        ((Date.parse(e.received_at) - found.jobStart) / 1000).toFixed(2),
        ((Date.parse(e.received_at) - found.fired) / 1000).toFixed(2),
      ]),
  );

  // ---- 2. throughput: one alert for each of N accounts, through the queue to the sink
  console.error(`\nseeding ${ACCOUNTS} accounts with holders and webhooks…`);
  const hookBase = `${stack.outbox.url}/webhooks/bench`;
  await db.execute(`
    INSERT INTO tiktok_accounts (open_id, display_name, status, next_snapshot_at)
    SELECT 'bench-' || g, 'Bench ' || g, 'active', now() + interval '1 year' FROM generate_series(1, ${ACCOUNTS}) g`);
  await db.execute(`
    INSERT INTO identity.users (email, password_hash)
    SELECT 'bench-' || g || '@example.com', 'x' FROM generate_series(1, ${ACCOUNTS}) g`);
  await db.execute(`
    INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id)
    SELECT u.id, a.id FROM generate_series(1, ${ACCOUNTS}) g
    JOIN identity.users u ON u.email = 'bench-' || g || '@example.com'
    JOIN tiktok_accounts a ON a.open_id = 'bench-' || g`);
  await db.execute(`
    INSERT INTO identity.alert_preferences (user_id, webhooks_enabled)
    SELECT id, true FROM identity.users WHERE email LIKE 'bench-%'`);
  await db.execute(`
    INSERT INTO identity.alert_webhooks (user_id, url, format)
    SELECT id, '${hookBase}/' || id, 'json' FROM identity.users WHERE email LIKE 'bench-%'`);
  sink.clear();
  await db.execute(`
    INSERT INTO tiktok_alerts (account_id, alert_key, kind, video_id, title, body, confidence, observed_at)
    SELECT id, 'bench', 'spike', NULL, 'Views spiking: 3.1× the expected pace', 'A bench alert.', 0.9, now()
    FROM tiktok_accounts WHERE open_id LIKE 'bench-%'`);
  const start = Date.now();
  if (!(await fireCron(stack.apiUrl, CRONS.plan, stack.simulator.clock.now())))
    throw new Error("the worker refused the cron");
  let last = 0;
  const progress: string[] = [];
  await until(
    `${ACCOUNTS} webhooks at the sink`,
    async () => {
      const delivered = sink.list().filter((e) => e.channel === "webhook" && e.answered < 300).length;
      if (delivered >= last + ACCOUNTS / 10 || delivered >= ACCOUNTS) {
        last = delivered;
        progress.push(`${delivered}@${((Date.now() - start) / 1000).toFixed(1)}s`);
        console.error(`  ${progress.at(-1)}`);
      }
      return delivered >= ACCOUNTS;
    },
    15 * 60_000,
  );
  const seconds = (Date.now() - start) / 1000;
  const [dupes] = await q<{ n: number }>(
    `SELECT count(*)::int AS n FROM tiktok_alert_deliveries WHERE status = 'sent' AND user_id IN (SELECT id FROM identity.users WHERE email LIKE 'bench-%')`,
  );
  const received = sink.list().filter((e) => e.channel === "webhook").length;
  printTable(
    `Throughput: ${ACCOUNTS} alerts (one per account) swept, fanned out and delivered to webhooks at the sink`,
    ["alerts", "drained in, s", "deliveries/s", "requests the sink got", "deliveries recorded sent"],
    [[String(ACCOUNTS), seconds.toFixed(1), (ACCOUNTS / seconds).toFixed(1), String(received), String(dupes?.n ?? 0)]],
  );
  console.log(`\nProgress (delivered@seconds): ${progress.join(", ")}`);
} finally {
  await stack.stop();
}
process.exit(0);
