import { neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/env.ts";
import { SLOT_MS, slotOf } from "../../src/ingest/messages.ts";
import { migrate } from "../db/migrate.ts";
import { openBackend, type Backend } from "../neon-local/backend.ts";
import { startNeonServer, type NeonServer } from "../neon-local/server.ts";
import { startSimulator, type Simulator } from "../tiktok-sim/index.ts";
import { BACKFILL_SLOTS, seedDemo } from "./seed-demo.ts";

/**
 * `npm run dev`'s demo, seeded as the stack seeds it (the real connect flow and snapshot job,
 * PGlite behind the local endpoint, the simulator as TikTok), and stopped half-way as a developer
 * pressing Ctrl-C during the first start would.
 */
const DATABASE_URL = "postgres://adam:adam@127.0.0.1:5480/adam";
let backend: Backend;
let server: NeonServer;
let simulator: Simulator;
let sql: ReturnType<typeof neon>;
let config: ReturnType<typeof loadConfig>;

beforeAll(async () => {
  backend = await openBackend({});
  server = await startNeonServer({ backend });
  await migrate({ databaseUrl: DATABASE_URL, neonHttpEndpoint: server.url });
  neonConfig.fetchEndpoint = () => server.url;
  sql = neon(DATABASE_URL);
  simulator = await startSimulator({ creators: 30, redirectUris: ["http://127.0.0.1:8787/tiktok/callback"] });
  config = loadConfig({
    ENVIRONMENT: "development",
    DATABASE_URL,
    NEON_HTTP_ENDPOINT: server.url,
    JWT_SECRET: "seed-test-jwt-secret-0123456789abcdef",
    JWT_ISSUER: "https://api.adam.lenkostudio.com",
    JWT_AUDIENCE: "adam-api",
    DASHBOARD_ORIGINS: "http://127.0.0.1:8788",
    DASHBOARD_URL: "http://127.0.0.1:8788/app/",
    TIKTOK_CLIENT_KEY: "sim-client-key",
    TIKTOK_CLIENT_SECRET: "sim-client-secret",
    TIKTOK_API_BASE: simulator.url,
    TIKTOK_AUTH_BASE: simulator.url,
    TIKTOK_REDIRECT_URI: "http://127.0.0.1:8787/tiktok/callback",
    TOKEN_ENCRYPTION_KEYS: "1:bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=",
    TIKTOK_BUSINESS_CLIENT_KEY: "sim-business-key",
    TIKTOK_BUSINESS_CLIENT_SECRET: "sim-business-secret",
    TIKTOK_BUSINESS_API_BASE: `${simulator.url}/open_api/v1.3`,
    TIKTOK_BUSINESS_AUTH_BASE: simulator.url,
    TIKTOK_BUSINESS_REDIRECT_URI: "http://127.0.0.1:8787/tiktok/watch/callback",
    API_URL: "http://127.0.0.1:8787",
    ALERTS_SECRET: "seed-test-alerts-secret-0123456789abcdef",
  } as unknown as Env);
}, 120_000);

afterAll(async () => {
  await simulator?.close();
  await server?.close();
  await backend?.close();
});

class Interrupted extends Error {}

async function history() {
  const rows = (await sql`SELECT extract(epoch FROM slot)::bigint * 1000 AS slot FROM tiktok_account_snapshots
    ORDER BY slot`) as { slot: string }[];
  return rows.map((r) => Number(r.slot));
}

describe("the demo seed", { timeout: 180_000 }, () => {
  it("a first start stopped after 14 slots is finished by the next: 96 slots up to the current one, and insight cards", async () => {
    const stopped = seedDemo(config, simulator, () => undefined, {
      beforeSlot: (done) => {
        if (done === 14) throw new Interrupted("Ctrl-C");
      },
    });
    await expect(stopped).rejects.toBeInstanceOf(Interrupted);
    expect(await history()).toHaveLength(14);

    const lines: string[] = [];
    await seedDemo(config, simulator, (line) => lines.push(line));
    const slots = await history();
    const last = slotOf(simulator.clock.now());
    expect(slots).toHaveLength(BACKFILL_SLOTS);
    expect(slots[slots.length - 1]).toBe(last);
    expect(slots.slice(1).map((slot, i) => slot - (slots[i] as number))).toEqual(
      Array.from({ length: BACKFILL_SLOTS - 1 }, () => SLOT_MS),
    );
    expect(lines.join("\n")).toContain("82 slot(s) of history filled in");
    // Whole means analysed: the account and every video carry the last run's analytics (which
    // insight cards they make depends on the creator's luck, so their number proves nothing).
    expect(
      await sql`SELECT (summary ? 'version') AS analysed, last_synced_at IS NOT NULL AS synced FROM tiktok_accounts`,
    ).toEqual([{ analysed: true, synced: true }]);
    expect(await sql`SELECT count(*)::int AS n FROM tiktok_videos WHERE NOT analytics ? 'version'`).toEqual([{ n: 0 }]);
    expect(await sql`SELECT count(*)::int AS n FROM identity.users`).toEqual([{ n: 1 }]);
    expect(await sql`SELECT count(*)::int AS n FROM tiktok_accounts`).toEqual([{ n: 1 }]);
    // watch-time insights, added through the Accounts API's consent, with their first daily read
    expect(lines.join("\n")).toContain("watch-time insights added for the demo (ok)");
    const [watch] = (await sql`SELECT status, summary ? 'baseline' AS read FROM tiktok_watch_connections`) as {
      status: string;
      read: boolean;
    }[];
    expect(watch).toEqual({ status: "active", read: true });
    const [copies] = (await sql`SELECT count(*)::int AS n FROM tiktok_video_watch WHERE retention IS NOT NULL`) as {
      n: number;
    }[];
    expect(copies!.n).toBeGreaterThan(10);
  });

  it("leaves a whole demo as it is, without asking TikTok anything", async () => {
    const before = simulator.stats.snapshot().total;
    const lines: string[] = [];
    await seedDemo(config, simulator, (line) => lines.push(line));
    expect(lines).toEqual([expect.stringContaining("already seeded")]);
    expect(simulator.stats.snapshot().total).toEqual(before);
    expect(await history()).toHaveLength(BACKFILL_SLOTS);
  });

  it("reconnects a demo whose tokens were lost, and keeps its history", async () => {
    await sql`DELETE FROM tiktok_credentials`;
    await sql`UPDATE tiktok_accounts SET status = 'needs_reconnect'`;
    simulator.clock.advance(SLOT_MS);
    await seedDemo(config, simulator, () => undefined);
    expect(await sql`SELECT status FROM tiktok_accounts`).toEqual([{ status: "active" }]);
    const slots = await history();
    expect(slots).toHaveLength(BACKFILL_SLOTS + 1);
    expect(slots[slots.length - 1]).toBe(slotOf(simulator.clock.now()));
  });
});
