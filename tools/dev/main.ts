/**
 * `npm run dev`: everything on this machine, no account, no network.
 *   5480  the local Neon endpoint on embedded PGlite (.data/pglite), or on the PostgreSQL server
 *         DATABASE_URL names; a Neon DATABASE_URL is used directly, without the endpoint
 *   8790  the TikTok simulator (tokens kept in .data/tiktok-sim.json across restarts)
 *   8787  the API worker under wrangler dev (local KV, Queue, Cache, rate limits), its crons fired
 *         on schedule, and a demo creator seeded with two days of history
 *   8788  Pages: the landing site and the dashboard
 *   8789  the /adam mount worker in front of Pages
 * Flags: --fresh (start with an empty local database and simulator state).
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { migrate } from "../db/migrate.ts";
import { isNeonUrl, openBackend } from "../neon-local/backend.ts";
import { startNeonServer } from "../neon-local/server.ts";
import { startSimulator } from "../tiktok-sim/index.ts";
import { devConfig } from "./config.ts";
import { startCronTicker } from "./cron.ts";
import { PORTS } from "./ports.ts";
import { onStop, run, stopAll, waitFor } from "./processes.ts";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "./seed-demo.ts";

const LOCAL_DATABASE_URL = `postgres://adam:adam@127.0.0.1:${PORTS.neon}/adam`;
const DATA_DIR = ".data/pglite";
const SIM_STATE = ".data/tiktok-sim.json";
/** No telemetry and no Request.cf download: this machine has no network beyond registries. */
const WRANGLER_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
const log = (line: string) => console.log(line);

const { values } = parseArgs({ options: { fresh: { type: "boolean", default: false } } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  log("created .dev.vars from .dev.vars.example (local-only values)");
} else {
  // settings added to the example since .dev.vars was made are added to it; edited ones are kept
  const keys = (text: string) => new Set([...text.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
  const have = keys(readFileSync(".dev.vars", "utf8"));
  const missing = readFileSync(".dev.vars.example", "utf8")
    .split("\n")
    .filter((line) => /^[A-Z0-9_]+=/.test(line) && !have.has(line.split("=")[0]));
  if (missing.length) {
    appendFileSync(".dev.vars", `\n# added from .dev.vars.example\n${missing.join("\n")}\n`);
    log(`added ${missing.length} new setting(s) from .dev.vars.example to .dev.vars`);
  }
}

const shellDatabaseUrl = process.env.DATABASE_URL || undefined;
const workerVars: Record<string, string> = {};
if (shellDatabaseUrl && isNeonUrl(shellDatabaseUrl)) {
  // A real Neon database: the worker's driver talks to it directly.
  workerVars.DATABASE_URL = shellDatabaseUrl;
  workerVars.NEON_HTTP_ENDPOINT = "";
  await migrate({ databaseUrl: shellDatabaseUrl, usersDatabaseUrl: process.env.USERS_DATABASE_URL || undefined });
  log("[neon] using the Neon database from DATABASE_URL");
} else {
  if (values.fresh && !shellDatabaseUrl) rmSync(DATA_DIR, { recursive: true, force: true });
  const backend = await openBackend({ databaseUrl: shellDatabaseUrl, dataDir: DATA_DIR });
  const neon = await startNeonServer({ backend, port: PORTS.neon, log: (line) => console.error(`[neon] ${line}`) });
  onStop(async () => {
    await neon.close();
    await backend.close();
  });
  const applied = await migrate({ databaseUrl: LOCAL_DATABASE_URL, neonHttpEndpoint: neon.url });
  log(
    `[neon] ${backend.name} on ${neon.url}; ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`,
  );
}

if (values.fresh) rmSync(SIM_STATE, { force: true });
const config = devConfig(workerVars);
const simulator = await startSimulator({
  port: PORTS.tiktok,
  clientKey: config.tiktok.clientKey,
  clientSecret: config.tiktok.clientSecret,
  // the world's reference day: video ids stay the same across restarts on one day
  epochMs: Math.floor(Date.now() / 86_400_000) * 86_400_000,
  webhookUrl: `http://127.0.0.1:${PORTS.api}/tiktok/webhook`,
  stateFile: SIM_STATE,
  log: (line) => console.error(line),
});
onStop(() => simulator.close());
log(`[tiktok] simulator on ${simulator.url}`);

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
    "--inspector-port",
    "9229",
    "--test-scheduled",
    "--persist-to",
    ".data/wrangler",
    ...varFlags,
  ],
  WRANGLER_ENV,
);
run("pages", "npm", ["run", "--silent", "dev:pages"], WRANGLER_ENV);
run("mount", "npm", ["run", "--silent", "dev:mount"], WRANGLER_ENV);

const apiUrl = `http://127.0.0.1:${PORTS.api}`;
await waitFor(`${apiUrl}/livez`, 120_000);
await seedDemo(config, simulator, (line) => log(`[seed] ${line}`));
const stopCron = startCronTicker(apiUrl, (line) => log(`[cron] ${line}`));
onStop(async () => stopCron());
await Promise.all([
  waitFor(`http://127.0.0.1:${PORTS.pages}/`, 120_000),
  waitFor(`http://127.0.0.1:${PORTS.mount}/adam/`, 120_000),
]);
log(`
  Adam is running:
    Landing site    http://127.0.0.1:${PORTS.pages}/          (mounted: http://127.0.0.1:${PORTS.mount}/adam/)
    Dashboard       http://127.0.0.1:${PORTS.pages}/app/      demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}
    API             ${apiUrl}             (/healthz, /api/v1/docs)
    TikTok sim      ${simulator.url}             (/__sim/state; npm run ingest:now runs a cycle)
    Neon endpoint   http://127.0.0.1:${PORTS.neon}/sql
  Ctrl-C stops everything.
`);
