/**
 * `npm run dev`: everything on this machine, no account, no network.
 *   - the local Neon endpoint (5480) on embedded PGlite (.data/pglite), or on the PostgreSQL
 *     server DATABASE_URL names; a Neon DATABASE_URL is used directly, without the endpoint
 *   - migrations applied
 *   - the API worker under wrangler dev (8787) with local KV, Queue, Cache, rate limits, cron
 * Flags: --fresh (start with an empty local database).
 */
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { migrate } from "../db/migrate.ts";
import { isNeonUrl, openBackend } from "../neon-local/backend.ts";
import { startNeonServer } from "../neon-local/server.ts";
import { onStop, run, stopAll, waitFor } from "./processes.ts";

export const PORTS = { api: 8787, pages: 8788, mount: 8789, tiktok: 8790, neon: 5480 } as const;
const LOCAL_DATABASE_URL = `postgres://adam:adam@127.0.0.1:${PORTS.neon}/adam`;
const DATA_DIR = ".data/pglite";

const { values } = parseArgs({ options: { fresh: { type: "boolean", default: false } } });

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("created .dev.vars from .dev.vars.example (local-only values)");
}

const shellDatabaseUrl = process.env.DATABASE_URL || undefined;
const workerVars: Record<string, string> = {};
if (shellDatabaseUrl && isNeonUrl(shellDatabaseUrl)) {
  // A real Neon database: the worker's driver talks to it directly.
  workerVars.DATABASE_URL = shellDatabaseUrl;
  workerVars.NEON_HTTP_ENDPOINT = "";
  await migrate({ databaseUrl: shellDatabaseUrl, usersDatabaseUrl: process.env.USERS_DATABASE_URL || undefined });
  console.log("using the Neon database from DATABASE_URL");
} else {
  if (values.fresh && !shellDatabaseUrl) rmSync(DATA_DIR, { recursive: true, force: true });
  const backend = await openBackend({ databaseUrl: shellDatabaseUrl, dataDir: DATA_DIR });
  const neon = await startNeonServer({ backend, port: PORTS.neon, log: (line) => console.error(`[neon] ${line}`) });
  onStop(async () => {
    await neon.close();
    await backend.close();
  });
  const applied = await migrate({ databaseUrl: LOCAL_DATABASE_URL, neonHttpEndpoint: neon.url });
  console.log(
    `[neon] ${backend.name} on ${neon.url}; ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`,
  );
}

/** No telemetry and no Request.cf download: this machine has no network beyond registries. */
export const WRANGLER_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

const varFlags = Object.entries(workerVars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
run(
  "api",
  "wrangler",
  [
    "dev",
    "--port",
    String(PORTS.api),
    "--ip",
    "127.0.0.1",
    "--test-scheduled",
    "--persist-to",
    ".data/wrangler",
    ...varFlags,
  ],
  WRANGLER_ENV,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

await waitFor(`http://127.0.0.1:${PORTS.api}/healthz`, 120_000);
console.log(`
  Adam is running:
    API            http://127.0.0.1:${PORTS.api}   (health: /healthz)
    Neon endpoint  http://127.0.0.1:${PORTS.neon}/sql
  Ctrl-C stops everything.
`);
