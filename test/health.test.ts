import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase, sql } from "./helpers/db";
import { testEnv } from "./helpers/env";
import worker from "../src/index";
import { createTiktokDb } from "../src/db/client";
import { readHealth } from "../src/db/queries/health";
import { loadConfig } from "../src/env";
import { createExecutionContext } from "cloudflare:test";
import { dbRequests } from "./helpers/fixtures";
import { errorEnvelope } from "./helpers/api";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const operator = () => ({ authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` });
let probeIp = 0;
/** Each test probes from its own address: the probe budget is per IP. */
const probe = (headers: Record<string, string> = {}, ip = `192.0.2.${++probeIp}`) =>
  exports.default.fetch("http://adam.test/healthz", { headers: { "cf-connecting-ip": ip, ...headers } });

describe("GET /healthz", () => {
  beforeEach(resetDatabase);

  it("reports the database connected, counts and the last successful ingestion", async () => {
    await sql`INSERT INTO tiktok_accounts (open_id) VALUES ('open-1'), ('open-2')`;
    await sql`INSERT INTO tiktok_videos (id, account_id, create_time)
              SELECT '7300000000000000001', id, now() FROM tiktok_accounts WHERE open_id = 'open-1'`;
    await sql`INSERT INTO tiktok_ingest_logs (kind, job_key, status, started_at, finished_at)
              VALUES ('snapshot', 'a', 'ok', '2026-11-20T10:00:00Z', '2026-11-20T10:00:02Z'),
                     ('snapshot', 'b', 'failed', '2026-11-20T11:00:00Z', '2026-11-20T11:00:01Z')`;

    const res = await probe(operator());
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toMatch(UUID);
    expect(await res.json()).toEqual({
      status: "ok",
      database: "connected",
      last_ingestion: "2026-11-20T10:00:02.000Z",
      accounts: 2,
      videos: 1,
      ingestion: { failed_attempts_24h: 0, dead_letters_24h: 0, accounts_needing_reconnect: 0 },
      alerts: {
        pending: 0,
        held: 0,
        undispatched: 0,
        sent_24h: 0,
        failed_attempts_24h: 0,
        dead_24h: 0,
        disabled_24h: 0,
        latency_p50_seconds: null,
        latency_p95_seconds: null,
      },
    });
  });

  it("shows anyone without the operator token only that the service and its database answer", async () => {
    await sql`INSERT INTO tiktok_accounts (open_id) VALUES ('open-1')`;
    for (const headers of [{}, { authorization: "Bearer not-the-operator-token-not-the-operator" }] as Record<
      string,
      string
    >[]) {
      const res = await probe(headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", database: "connected" });
    }
  });

  it("refuses an address that probes more than 30 times a minute, before the database", async () => {
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await probe({}, "198.51.100.250")).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await probe({}, "198.51.100.251")).status).toBe(200);
  });

  it("reads its figures once for every probe within a few seconds (HEALTH_CACHE_SECONDS)", async () => {
    const env = { ...testEnv, HEALTH_CACHE_SECONDS: "5" };
    const before = await dbRequests();
    for (let i = 0; i < 5; i++) {
      const res = await worker.fetch(new Request("http://adam.test/healthz"), env, createExecutionContext());
      expect(res.status).toBe(200);
    }
    expect((await dbRequests()) - before).toBe(1);
  });

  it("counts failures of queue jobs (snapshot, plan and revoke) in the last 24 hours, and nothing else", async () => {
    await sql`INSERT INTO tiktok_ingest_logs (kind, job_key, status, started_at, finished_at) VALUES
      ('snapshot', 's1', 'failed', now(), now()),
      ('snapshot', 's2', 'dead_lettered', now(), now()),
      ('plan', 'p1', 'failed', now(), now()),
      ('plan', 'p2', 'dead_lettered', now(), now()),
      ('revoke', 'r1', 'failed', now(), now()),
      ('snapshot', 'old', 'failed', now() - interval '25 hours', now() - interval '25 hours'),
      ('snapshot', 's3', 'skipped', now(), now()),
      ('housekeeping', 'h1', 'failed', now(), now())`;
    const figures = await readHealth(createTiktokDb(loadConfig(testEnv)));
    expect(figures.failedAttempts24h).toBe(3);
    expect(figures.deadLetters24h).toBe(2);
  });

  it("counts videos exactly below the threshold and reads the planner's estimate above it", async () => {
    await sql`INSERT INTO tiktok_accounts (open_id) VALUES ('open-1')`;
    await sql`INSERT INTO tiktok_videos (id, account_id, create_time)
              SELECT (7300000000000000000 + n)::text, a.id, now() FROM tiktok_accounts a, generate_series(1, 3) n`;
    const db = createTiktokDb(loadConfig(testEnv));
    await sql`ANALYZE tiktok_videos`;
    await sql`INSERT INTO tiktok_videos (id, account_id, create_time)
              SELECT '7300000000000000009', id, now() FROM tiktok_accounts`;
    // ANALYZE saw 3 rows; the fourth is only in an exact count
    expect((await readHealth(db)).videos).toBe(4);
    expect((await readHealth(db, 3)).videos).toBe(3);
  });

  it("answers 503 in the envelope while the database endpoint is down, and recovers when it is back", async () => {
    const outageEnv = { ...testEnv, NEON_HTTP_ENDPOINT: testEnv.TEST_OUTAGE_ENDPOINT };
    const call = () => worker.fetch(new Request("http://adam.test/healthz"), outageEnv, createExecutionContext());

    expect((await call()).status).toBe(200);
    await fetch(`${testEnv.TEST_OUTAGE_CONTROL}/stop`, { method: "POST" });
    try {
      const down = await call();
      expect(down.status).toBe(503);
      expect(down.headers.get("retry-after")).toBe("5");
      const body = (await down.json()) as { error: Record<string, string> };
      expect(body).toEqual(
        errorEnvelope(down, "database_unavailable", "The database is unavailable; try again shortly."),
      );
    } finally {
      await fetch(`${testEnv.TEST_OUTAGE_CONTROL}/start`, { method: "POST" });
    }
    expect((await call()).status).toBe(200);
  });
});

describe("error envelope", () => {
  it("answers an unknown route with a 404 envelope", async () => {
    const res = await exports.default.fetch("http://adam.test/nope?x=1");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(errorEnvelope(res, "not_found", "No route for GET /nope."));
  });

  it("answers a known path with the wrong method with a 405 envelope and Allow", async () => {
    for (const [method, path, allow] of [
      ["POST", "/healthz", "GET, HEAD"],
      ["DELETE", "/api/v1/videos/42/snapshots", "GET, HEAD"],
      ["GET", "/api/v1/auth/login", "POST"],
      ["PUT", "/tiktok/webhook", "POST"],
    ] as const) {
      const res = await exports.default.fetch(`http://adam.test${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      expect(await res.json()).toEqual(
        errorEnvelope(res, "method_not_allowed", `${path} answers ${allow}, not ${method}.`),
      );
    }
    for (const [method, path] of [
      ["DELETE", "/api/v1/videos/42/nope"],
      ["POST", "/tiktok/webhook/"], // strict paths: a trailing slash is another path
      ["GET", "/api/v1/videos/42/snapshots/x"],
    ]) {
      expect((await exports.default.fetch(`http://adam.test${path}`, { method })).status, path).toBe(404);
    }
  });

  it("answers a misconfigured deployment with a 500 envelope that names nothing internal", async () => {
    const res = await worker.fetch(
      new Request("http://adam.test/healthz"),
      { ...testEnv, DATABASE_URL: "not-a-url" },
      createExecutionContext(),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual(
      errorEnvelope(res, "internal_error", "Something went wrong on our side; it has been logged."),
    );
    expect(text).not.toContain("DATABASE_URL");
  });

  it("sets secure headers on every answer", async () => {
    const res = await exports.default.fetch("http://adam.test/nope");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
  });
});
