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
import { isNeonUrl, openBackend, type Backend } from "../neon-local/backend.ts";
import { startNeonServer } from "../neon-local/server.ts";
import { startOutboxSink, type OutboxSink } from "../outbox-sink/server.ts";
import { startSimulator, type ClockOptions, type Simulator } from "../tiktok-sim/index.ts";
import { devConfig } from "./config.ts";
import { startCronTicker } from "./cron.ts";
import { acquireLock, type Lock } from "./lock.ts";
import { PAGES_DEV_FLAGS } from "./pages-dev.ts";
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
  /** The outbox sink: every email, push and webhook the stack sends. */
  outbox: number;
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
  /** A separate users database (USERS_DATABASE_URL): Neon when `databaseUrl` is, else a PostgreSQL server. */
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
  outbox: OutboxSink;
  /** The worker's config as wrangler dev sees it, for tools that run the worker's code in Node. */
  config: Config;
  /** The demo creator's account id, when seeded. */
  demoAccountId: string | null;
}

/**
 * Where the worker's two databases are, from DATABASE_URL and USERS_DATABASE_URL. On Neon, the
 * worker talks to Neon itself and gets both URLs as vars. Otherwise the local endpoint serves
 * them: PGlite or the PostgreSQL server DATABASE_URL names (the worker keeps the endpoint's
 * connection string of `.dev.vars`), and a separate users database under its own URL, which the
 * worker is given so that the endpoint can tell its statements apart. The driver has one endpoint
 * per isolate, so Neon and local databases cannot be mixed.
 */
export type DatabasePlan =
  | { neon: true; databaseUrl: string; usersDatabaseUrl?: string; vars: Record<string, string> }
  | { neon: false; databaseUrl?: string; usersDatabaseUrl?: string; vars: Record<string, string> };

export function planDatabases(databaseUrl?: string, usersDatabaseUrl?: string): DatabasePlan {
  const separateUsers = usersDatabaseUrl && usersDatabaseUrl !== databaseUrl ? usersDatabaseUrl : undefined;
  const neon = !!databaseUrl && isNeonUrl(databaseUrl);
  if (separateUsers && isNeonUrl(separateUsers) !== neon) {
    throw new Error(
      neon
        ? "USERS_DATABASE_URL must be a Neon database too when DATABASE_URL is one (the worker reaches both through one endpoint)"
        : "USERS_DATABASE_URL is a Neon database but DATABASE_URL is not: set DATABASE_URL to Neon too, or USERS_DATABASE_URL to a PostgreSQL server",
    );
  }
  const usersVar: Record<string, string> = separateUsers ? { USERS_DATABASE_URL: separateUsers } : {};
  if (neon) {
    return {
      neon,
      databaseUrl: databaseUrl as string,
      usersDatabaseUrl: separateUsers,
      vars: { DATABASE_URL: databaseUrl as string, NEON_HTTP_ENDPOINT: "", ...usersVar },
    };
  }
  return { neon, databaseUrl, usersDatabaseUrl: separateUsers, vars: usersVar };
}

/**
 * Takes the data directory for this stack (`<dataDir>/adam-dev.lock`, released when the group
 * stops or the process exits) and, with `fresh`, empties the stack's own state in it: wrangler's
 * (KV, queues, cache) and the simulator's tokens. PGlite's folder is emptied when it is opened,
 * under its own lock. Nothing is touched before the lock is held.
 */
export function takeDataDir(o: Pick<StackOptions, "dataDir" | "fresh" | "simulatorStateFile">): Lock {
  const lock = acquireLock(join(o.dataDir, "adam-dev.lock"), o.dataDir);
  if (o.fresh) {
    rmSync(join(o.dataDir, "wrangler"), { recursive: true, force: true });
    if (o.simulatorStateFile) rmSync(o.simulatorStateFile, { force: true });
  }
  return lock;
}

export async function startStack(o: StackOptions): Promise<Stack> {
  const { ports, group, log } = o;
  const host = "127.0.0.1";
  const apiUrl = `http://${host}:${ports.api}`;
  const plan = planDatabases(o.databaseUrl, o.usersDatabaseUrl);
  const lock = takeDataDir(o);
  group.onStop(async () => lock.release()); // registered first: runs last

  const workerVars: Record<string, string> = { ...o.workerVars, ...plan.vars };

  // The database: Neon directly, or the local endpoint on PGlite or a PostgreSQL server.
  let neonUrl: string | null = null;
  if (plan.neon) {
    await migrate({ databaseUrl: plan.databaseUrl, usersDatabaseUrl: plan.usersDatabaseUrl });
    log(
      `[neon] using the Neon database from DATABASE_URL${plan.usersDatabaseUrl ? " (users: USERS_DATABASE_URL)" : ""}`,
    );
  } else {
    const opened: Backend[] = [];
    group.onStop(async () => {
      for (const backend of opened) await backend.close();
    });
    const backend = await openBackend({
      databaseUrl: plan.databaseUrl,
      dataDir: join(o.dataDir, "pglite"),
      fresh: o.fresh,
    });
    opened.push(backend);
    const routes = new Map<string, Backend>();
    if (plan.usersDatabaseUrl) {
      routes.set(plan.usersDatabaseUrl, await openBackend({ databaseUrl: plan.usersDatabaseUrl }));
      opened.push(...routes.values());
    }
    const neon = await startNeonServer({
      backend,
      routes,
      port: ports.neon,
      log: (line) => console.error(`[neon] ${line}`),
    });
    group.onStop(() => neon.close()); // registered after the backends: closed before them
    neonUrl = neon.url;
    const applied = await migrate({
      databaseUrl: `postgres://adam:adam@${host}:${ports.neon}/adam`,
      usersDatabaseUrl: plan.usersDatabaseUrl,
      neonHttpEndpoint: neon.url,
    });
    log(
      `[neon] ${backend.name} on ${neon.url}${plan.usersDatabaseUrl ? " (users: the PostgreSQL server of USERS_DATABASE_URL)" : ""}; ` +
        (applied.length ? `applied ${applied.join(", ")}` : "schema up to date"),
    );
  }

  // The outside world's inboxes: the worker's email API, push services and webhooks land here.
  const outbox = await startOutboxSink({ port: ports.outbox, log: (line) => log(line) });
  group.onStop(() => outbox.close());
  workerVars.EMAIL_API_BASE = `${outbox.url}/resend`;
  log(`[outbox] sink on ${outbox.url} (page: ${outbox.url}/, JSON: ${outbox.url}/__outbox)`);

  const config = devConfig(workerVars, o.envFile);
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
    imageOrigins: [simulator.url],
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
      ...PAGES_DEV_FLAGS,
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
  const demoAccountId = o.demo
    ? await seedDemo(config, simulator, (line) => log(`[seed] ${line}`), { outboxUrl: outbox.url })
    : null;
  if (o.cron) {
    // on the simulator's clock: after `npm run ingest:now` moved it on, cycles follow it
    const stopCron = startCronTicker(apiUrl, (line) => log(`[cron] ${line}`), simulator.clock.now);
    group.onStop(async () => stopCron());
  }
  await Promise.all([waitFor(`${pagesUrl}/`, 120_000), ...(mountUrl ? [waitFor(`${mountUrl}/adam/`, 120_000)] : [])]);
  return { apiUrl, pagesUrl, mountUrl, neonUrl, simulator, outbox, config, demoAccountId };
}
