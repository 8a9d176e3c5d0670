/**
 * `npm run dev`: everything on this machine, no account, no network.
 *   5480  the local Neon endpoint on embedded PGlite (.data/pglite), or on the PostgreSQL server
 *         DATABASE_URL names; a Neon DATABASE_URL is used directly, without the endpoint
 *   8790  the TikTok simulator (tokens kept in .data/tiktok-sim.json across restarts)
 *   8787  the API worker under wrangler dev (local KV, Queue, Cache, rate limits), its crons fired
 *         on schedule, and a demo creator seeded with two days of history
 *   8788  Pages: the landing site and the dashboard (built for the local API, rebuilt on change)
 *   8789  the /adam mount worker in front of Pages
 *   8791  the outbox sink: every email, push and webhook the stack sends (GET /__outbox, and a page)
 * Flags: --fresh (start with an empty local database, wrangler state and simulator state).
 * Only one `npm run dev` can use .data at a time (.data/adam-dev.lock): a second one stops before
 * touching anything. Ctrl-C, SIGTERM, SIGHUP (terminal closed) and crashes stop every child.
 */
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SITE_DIR } from "../dashboard/build.ts";
import { LockedError } from "./lock.ts";
import { PORTS } from "./ports.ts";
import { exitWithGroup, ProcessGroup } from "./processes.ts";
import { DEMO_EMAIL, DEMO_PASSWORD } from "./seed-demo.ts";
import { startStack } from "./stack.ts";

const log = (line: string) => console.log(line);

const { values } = parseArgs({ options: { fresh: { type: "boolean", default: false } } });
const group = new ProcessGroup({
  onUnexpectedExit: (name, code) => {
    process.stdout.write(`[${name}] exited (${code}); stopping everything\n`);
    void stop(1);
  },
});
const stop = exitWithGroup(group);

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

const stack = await startStack({
  ports: { ...PORTS, inspector: { api: 9229, pages: 9230, mount: 9231 } },
  group,
  dataDir: ".data",
  fresh: values.fresh,
  databaseUrl: process.env.DATABASE_URL || undefined,
  usersDatabaseUrl: process.env.USERS_DATABASE_URL || undefined,
  envFile: ".dev.vars",
  siteDir: SITE_DIR,
  watchDashboard: true,
  simulatorStateFile: ".data/tiktok-sim.json",
  demo: true,
  cron: true,
  log,
}).catch(async (error: unknown) => {
  console.error(error instanceof LockedError ? error.message : error);
  await stop(1);
  throw error; // not reached: stop() exits
});

log(`
  Adam is running:
    Landing site    ${stack.pagesUrl}/          (mounted: ${stack.mountUrl}/adam/)
    Dashboard       ${stack.pagesUrl}/app/      demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}
    API             ${stack.apiUrl}             (/healthz, /api/v1/docs)
    TikTok sim      ${stack.simulator.url}             (/__sim/state; npm run ingest:now runs a cycle)
    Outbox sink     ${stack.outbox.url}/             (every email, push and webhook sent; JSON at /__outbox)
    Neon endpoint   http://127.0.0.1:${PORTS.neon}/sql
  Ctrl-C stops everything.
`);
