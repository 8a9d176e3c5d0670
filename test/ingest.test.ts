import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../src/index";
import { CRONS } from "../src/ingest/crons";
import { planMessage, slotOf, snapshotMessage, SLOT_MS } from "../src/ingest/messages";
import { connectedAccount } from "./helpers/connect";
import { countOf, sql, waitForCount, waitForJob } from "./helpers/db";
import { testEnv } from "./helpers/env";
import { sim } from "./helpers/simulator";
import { deliver as deliverTo, runCron } from "./helpers/worker";
import { resetWorld } from "./helpers/world";

/** Runs the 30-minute cron for the simulator's current time, as Cloudflare would call it. */
async function runCycle(): Promise<number> {
  const { now } = await sim.state();
  await runCron(CRONS.plan, now);
  return slotOf(now);
}

const deliver = (bodies: unknown[], attempts = 1) => deliverTo("adam-snapshots", bodies, attempts);

/**
 * The next cycle's snapshot job of a new account whose user/info fails `count` times with a
 * simulator fault: its runs in the ingest log, once one has succeeded.
 */
async function runsThroughFaults(creator: number, kind: string, count: number) {
  const a = await connectedAccount(creator);
  await sim.clock({ advance: SLOT_MS });
  await sim.fault({ kind, scope: a.openId, endpoint: "user_info", count });
  const key = `snapshot:${a.id}:${await runCycle()}`;
  await waitForJob(key);
  return sql`SELECT status, attempt, error_code FROM tiktok_ingest_logs WHERE job_key = ${key} ORDER BY id`;
}

beforeEach(resetWorld);

describe("snapshot ingestion", () => {
  it("fills snapshots for every active account in a cycle", async () => {
    const a = await connectedAccount(11);
    const b = await connectedAccount(12);
    await sim.clock({ advance: SLOT_MS });
    const ids = async (query: ReturnType<typeof sql>) => ((await query) as { id: string }[]).map((r) => r.id).sort();
    const nextSlotEnd = new Date(slotOf((await sim.state()).now) + SLOT_MS).toISOString();
    const due = await ids(sql`SELECT id FROM tiktok_videos WHERE account_id IN (${a.id}, ${b.id})
      AND next_refresh_at < ${nextSlotEnd}`);
    const slot = await runCycle();
    const iso = new Date(slot).toISOString();
    await waitForCount(() => sql`SELECT count(*)::int AS n FROM tiktok_account_snapshots WHERE slot = ${iso}`, 2);
    // exactly the due videos get a snapshot (the young ones, every cycle) ...
    expect(due.length).toBeGreaterThan(2);
    expect(
      await ids(sql`SELECT video_id AS id FROM tiktok_video_snapshots WHERE slot = ${iso}
        AND account_id IN (${a.id}, ${b.id})`),
    ).toEqual(due);
    // ... while older videos on video/list's first page only refresh their current figures
    const refreshedOnly = await ids(sql`SELECT id FROM tiktok_videos v WHERE account_id IN (${a.id}, ${b.id})
      AND metrics_updated_at > ${iso} AND NOT EXISTS (
        SELECT 1 FROM tiktok_video_snapshots s WHERE s.video_id = v.id AND s.slot = ${iso})`);
    expect(refreshedOnly.length).toBeGreaterThan(0);

    const [account] = (await sql`SELECT follower_count, view_count, summary ? 'typicalCurve' AS analysed,
      last_synced_at IS NOT NULL AS synced FROM tiktok_accounts WHERE id = ${a.id}`) as Record<string, unknown>[];
    expect(account).toMatchObject({ analysed: true, synced: true });
    expect(Number(account!.follower_count)).toBeGreaterThan(0);

    // the ingest log says what each job cost each TikTok endpoint (the planner budgets by it)
    const [job] = (await sql`SELECT tiktok_calls, details FROM tiktok_ingest_logs
      WHERE account_id = ${a.id} AND status = 'ok' AND details->>'slot' = ${String(slot)}`) as {
      tiktok_calls: number;
      details: { calls: Record<string, number>; queried: number };
    }[];
    const { calls, queried } = job!.details;
    expect(calls.user_info).toBe(1);
    expect(calls.video_list).toBeGreaterThanOrEqual(1);
    expect(calls.video_query ?? 0).toBe(Math.ceil(queried / 20));
    expect(Object.values(calls).reduce((sum, n) => sum + n, 0)).toBe(job!.tiktok_calls);
  });

  it("writes nothing twice when the same messages are delivered again", async () => {
    const a = await connectedAccount(13);
    await sim.clock({ advance: SLOT_MS });
    const slot = slotOf((await sim.state()).now);
    const message = snapshotMessage(a.id, slot, "schedule");
    await deliver([message]);
    const tables = async () =>
      sql`SELECT (SELECT count(*)::int FROM tiktok_video_snapshots) AS videos,
        (SELECT count(*)::int FROM tiktok_account_snapshots) AS accounts,
        (SELECT count(*)::int FROM tiktok_anomalies) AS anomalies,
        (SELECT count(*)::int FROM tiktok_ingest_logs WHERE status = 'ok') AS jobs`;
    const after = await tables();
    await sim.resetCalls();
    const again = await deliver([message, message]);
    expect(again.explicitAcks.length).toBe(2);
    expect(await tables()).toEqual(after);
    // a redelivery is recognised before TikTok is asked anything
    expect(Object.values(await sim.calls()).reduce((s, n) => s + n, 0)).toBe(0);
  });

  it("retries a job TikTok answered with 500s, and then succeeds", async () => {
    // the client itself retries three times: four failures fail the first attempt of the job
    expect(await runsThroughFaults(14, "server_error", 4)).toEqual([
      { status: "failed", attempt: 1, error_code: "internal_error" },
      { status: "ok", attempt: 1, error_code: null },
    ]);
  });

  it("sends a job that keeps failing to the dead-letter queue, visible in the ingest log and /healthz", async () => {
    const a = await connectedAccount(15);
    await sim.clock({ advance: SLOT_MS });
    await sim.fault({ kind: "server_error", scope: a.openId, endpoint: "user_info", count: 1000 });
    const slot = await runCycle();
    const key = `snapshot:${a.id}:${slot}`;
    await waitForJob(key, "dead_lettered", 60_000);
    // every attempt (the first and five retries) left a failure behind
    expect(
      await countOf(
        sql`SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE job_key = ${key} AND status = 'failed'`,
      ),
    ).toBe(6);
    const health = (await (
      await worker.fetch(
        new Request("http://adam.test/healthz", { headers: { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` } }),
        testEnv,
        createExecutionContext(),
      )
    ).json()) as {
      ingestion: { dead_letters_24h: number };
    };
    expect(health.ingestion.dead_letters_24h).toBe(1);
    await sim.clearFaults();
  }, 90_000);

  it("logs a plan continuation that failed and retries it", async () => {
    await connectedAccount(17);
    await sim.clock({ advance: SLOT_MS });
    const slot = slotOf((await sim.state()).now);
    const queueDown = {
      send: () => Promise.reject(new Error("queue unavailable")),
      sendBatch: () => Promise.reject(new Error("queue unavailable")),
    } as unknown as Queue;
    const body = planMessage(slot, { at: "1970-01-01T00:00:00.000Z", id: "0" }, 0);
    const batch = createMessageBatch("adam-snapshots", [{ id: "plan-1", timestamp: new Date(), attempts: 2, body }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...testEnv, SNAPSHOTS: queueDown }, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(["plan-1"]);
    expect(
      await sql`SELECT kind, job_key, status, attempt, error_code, error_message FROM tiktok_ingest_logs WHERE kind = 'plan'`,
    ).toEqual([
      {
        kind: "plan",
        job_key: `plan:${slot}:0`,
        status: "failed",
        attempt: 2,
        error_code: "planner_failed",
        error_message: "queue unavailable",
      },
    ]);
  });

  it("stops planning an account whose authorisation was removed", async () => {
    const a = await connectedAccount(16);
    const b = await connectedAccount(17);
    const delivery = await sim.authorizationRemoved({ open_id: a.openId, reason: 1 });
    const hook = await worker.fetch(
      new Request("http://adam.test/tiktok/webhook", {
        method: "POST",
        headers: { "tiktok-signature": delivery.headers["TikTok-Signature"] as string },
        body: delivery.body,
      }),
      testEnv,
      createExecutionContext(),
    );
    expect(hook.status).toBe(200);
    await sim.clock({ advance: SLOT_MS });
    const slot = await runCycle();
    const iso = new Date(slot).toISOString();
    await waitForCount(() => sql`SELECT count(*)::int AS n FROM tiktok_account_snapshots WHERE slot = ${iso}`, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sql`SELECT account_id::text AS id FROM tiktok_account_snapshots WHERE slot = ${iso}`).toEqual([
      { id: b.id },
    ]);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE account_id = ${a.id}`)).toBe(1);
  });

  it("takes exactly one new snapshot per account when the clock moves by 30 minutes", async () => {
    const a = await connectedAccount(18);
    const snapshots = () => sql`SELECT count(*)::int AS n FROM tiktok_account_snapshots WHERE account_id = ${a.id}`;
    expect(await countOf(snapshots())).toBe(1);
    await sim.clock({ advance: SLOT_MS });
    await runCycle();
    await runCycle(); // the cron firing twice for one slot changes nothing
    await waitForCount(snapshots, 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(await countOf(snapshots())).toBe(2);
    const [first, second] =
      (await sql`SELECT slot FROM tiktok_account_snapshots WHERE account_id = ${a.id} ORDER BY slot`) as {
        slot: string;
      }[];
    expect(Date.parse(second!.slot) - Date.parse(first!.slot)).toBe(SLOT_MS);
  });

  it("paces TikTok's rate limit instead of failing: the job comes back and succeeds", async () => {
    expect(await runsThroughFaults(19, "rate_limit", 3)).toMatchObject([
      { status: "failed", error_code: "rate_limit_exceeded" },
      { status: "ok", error_code: null },
    ]);
  });

  it("marks an account whose refresh token TikTok refuses, and leaves it off the schedule", async () => {
    const a = await connectedAccount(20);
    await sql`UPDATE tiktok_credentials SET access_expires_at = now() WHERE account_id = ${a.id}`;
    await sim.fault({ kind: "invalid_grant", endpoint: "token", count: 1 });
    await sim.clock({ advance: SLOT_MS });
    const result = await deliver([snapshotMessage(a.id, slotOf((await sim.state()).now), "schedule")]);
    expect(result.explicitAcks.length).toBe(1);
    expect(result.retryMessages).toEqual([]);
    expect(await sql`SELECT status, status_reason FROM tiktok_accounts WHERE id = ${a.id}`).toEqual([
      { status: "needs_reconnect", status_reason: "refresh failed: invalid_grant" },
    ]);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_credentials`)).toBe(0);
  });

  it("acks a malformed message instead of retrying it forever", async () => {
    const result = await deliver([{ kind: "snapshot", accountId: "not a number" }]);
    expect(result.explicitAcks.length).toBe(1);
    expect(result.retryMessages).toEqual([]);
  });
});
