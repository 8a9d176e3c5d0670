/**
 * The local stack, as `npm run dev` runs it and as the dashboard's end-to-end test runs it on
 * free ports: the local Neon endpoint (or a database from DATABASE_URL), the TikTok simulator,
 * the API worker under wrangler dev (fetch, scheduled, queue), Pages serving the landing site and
 * the dashboard (built for this API's origin), and optionally the /adam mount worker, the demo
 * creator and the cron ticker.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../../src/env.ts";
import { buildDashboard } from "../dashboard/build.ts";
import { migrate } from "../db/migrate.ts";
import { isNeonUrl, openBackend } from "../neon-local/backend.ts";
import { startNeonServer } from "../neon-local/server.ts";
import { startSimulator, type ClockOptions, type Simulator } from "../tiktok-sim/index.ts";
import { devConfig } from "./config.ts";
import { startCronTicker } from "./cron.ts";
import { waitFor, type ProcessGroup } from "./processes.ts";
import { seedDemo } from "./seed-demo.ts";

const COMPATIBILITY_DATE = "2026-11-01";
/** No telemetry and no Request.cf download: this machine has no network beyond registries. */
const WRANGLER_ENV = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

export interface StackPorts {
  api: number;
  pages: number;
  tiktok: number;
  neon: number;
  /** The mount worker; null: not started. */
  mount: number | null;
  /** Devtools ports of the API, Pages and mount workers. */
  inspector: { api: number; pages: number; mount: number };
}

export interface StackOptions {
  ports: StackPorts;
  /** The processes are started in (and stopped with) this group. */
  group: ProcessGroup;
  /** Local state: `pglite/`, `wrangler/` and the simulator's token file live here. */
  dataDir: string;
  /** Start from an empty local database and simulator state. */
  fresh: boolean;
  /** A PostgreSQL or Neon server instead of the embedded PGlite (a Neon URL needs no endpoint). */
  databaseUrl?: string;
  usersDatabaseUrl?: string;
  /** The worker's settings: `.dev.vars` (read by wrangler itself) or a file given with --env-file. */
  envFile: string;
  /** Settings passed with `--var`, over the settings file. */
  workerVars?: Record<string, string>;
  /** The directory Pages serves; the dashboard is built into its `app/build/`. */
  siteDir: string;
  /** Rebuild the dashboard on change (development). */
  watchDashboard: boolean;
  /** Keep the simulator's tokens across restarts in this file. */
  simulatorStateFile?: string;
  simulatorClock?: ClockOptions;
  /** Seed the demo creator and fire the crons on schedule (`npm run dev`). */
  demo: boolean;
  cron: boolean;
  log: (line: string) => void;
}

export interface Stack {
  apiUrl: string;
  pagesUrl: string;
  /** `http://127.0.0.1:<mount>` when the mount worker runs. */
  mountUrl: string | null;
  neonUrl: string | null;
  simulator: Simulator;
  /** The worker's config as wrangler dev sees it, for tools that run the worker's code in Node. */
  config: Config;
  /** The demo creator's account id, when seeded. */
  demoAccountId: string | null;
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const { ports, group, log } = o;
  const host = "127.0.0.1";
  const apiUrl = `http://${host}:${ports.api}`;
  const workerVars: Record<string, string> = { ...o.workerVars };

  // The database: Neon directly, or the local endpoint on PGlite or a PostgreSQL server.
  let neonUrl: string | null = null;
  if (o.databaseUrl && isNeonUrl(o.databaseUrl)) {
    workerVars.DATABASE_URL = o.databaseUrl;
    workerVars.NEON_HTTP_ENDPOINT = "";
    await migrate({ databaseUrl: o.databaseUrl, usersDatabaseUrl: o.usersDatabaseUrl });
    log("[neon] using the Neon database from DATABASE_URL");
  } else {
    const dataDir = join(o.dataDir, "pglite");
    if (o.fresh && !o.databaseUrl) rmSync(dataDir, { recursive: true, force: true });
    const backend = await openBackend({ databaseUrl: o.databaseUrl, dataDir });
    const neon = await startNeonServer({
      backend,
      port: ports.neon,
      log: (line) => console.error(`[neon] ${line}`),
    });
    group.onStop(async () => {
      await neon.close();
      await backend.close();
    });
    neonUrl = neon.url;
    const applied = await migrate({
      databaseUrl: `postgres://adam:adam@${host}:${ports.neon}/adam`,
      neonHttpEndpoint: neon.url,
    });
    log(
      `[neon] ${backend.name} on ${neon.url}; ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`,
    );
  }

  const config = devConfig(workerVars, o.envFile);
  if (o.fresh && o.simulatorStateFile) rmSync(o.simulatorStateFile, { force: true });
  const startMs = o.simulatorClock?.startMs ?? Date.now();
  const simulator = await startSimulator({
    port: ports.tiktok,
    clientKey: config.tiktok.clientKey,
    clientSecret: config.tiktok.clientSecret,
    // the world's reference day: video ids stay the same across restarts on one day
    epochMs: Math.floor(startMs / 86_400_000) * 86_400_000,
    clock: o.simulatorClock,
    webhookUrl: `${apiUrl}/tiktok/webhook`,
    stateFile: o.simulatorStateFile,
    log: (line) => console.error(line),
  });
  group.onStop(() => simulator.close());
  log(`[tiktok] simulator on ${simulator.url}`);

  // The dashboard, built for this API before Pages serves it.
  const stopBuild = await buildDashboard({
    apiOrigin: apiUrl,
    siteDir: o.siteDir,
    minify: !o.watchDashboard,
    watch: o.watchDashboard,
    log: (line) => log(`[dashboard] ${line}`),
  });
  group.onStop(stopBuild);

  const varFlags = Object.entries(workerVars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  const envFileFlags = o.envFile === ".dev.vars" ? [] : ["--env-file", o.envFile];
  group.run(
    "api",
    "wrangler",
    [
      "dev",
      "--port",
      String(ports.api),
      "--ip",
      host,
      "--inspector-port",
      String(ports.inspector.api),
      "--test-scheduled",
      "--persist-to",
      join(o.dataDir, "wrangler"),
      ...envFileFlags,
      ...varFlags,
    ],
    WRANGLER_ENV,
  );
  const pagesUrl = `http://${host}:${ports.pages}`;
  group.run(
    "pages",
    "wrangler",
    [
      "pages",
      "dev",
      o.siteDir,
      "--ip",
      host,
      "--port",
      String(ports.pages),
      "--inspector-port",
      String(ports.inspector.pages),
      "--compatibility-date",
      COMPATIBILITY_DATE,
    ],
    WRANGLER_ENV,
  );
  const mountUrl = ports.mount === null ? null : `http://${host}:${ports.mount}`;
  if (ports.mount !== null) {
    group.run(
      "mount",
      "wrangler",
      [
        "dev",
        "-c",
        "workers/adam-mount/wrangler.jsonc",
        "--port",
        String(ports.mount),
        "--inspector-port",
        String(ports.inspector.mount),
        "--var",
        `ORIGIN:${pagesUrl}`,
      ],
      WRANGLER_ENV,
    );
  }

  await waitFor(`${apiUrl}/livez`, 120_000);
  const demoAccountId = o.demo ? await seedDemo(config, simulator, (line) => log(`[seed] ${line}`)) : null;
  if (o.cron) {
    const stopCron = startCronTicker(apiUrl, (line) => log(`[cron] ${line}`));
    group.onStop(async () => stopCron());
  }
  await Promise.all([waitFor(`${pagesUrl}/`, 120_000), ...(mountUrl ? [waitFor(`${mountUrl}/adam/`, 120_000)] : [])]);
  return { apiUrl, pagesUrl, mountUrl, neonUrl, simulator, config, demoAccountId };
}
