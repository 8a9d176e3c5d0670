/**
 * `npm run bench:api`: the API worker under `wrangler dev` on this machine, against the local
 * Neon endpoint (PGlite). Prints, from one run:
 * - requests/second of a cached data route (JWT check, rate limit, cache hit) against a trivial
 *   route of the same worker (/livez), and their ratio (target ≥ 60%);
 * - workerd CPU milliseconds per request on each;
 * - database round trips per cache miss (target 1);
 * - what one call of the Rate Limiting binding costs locally (a worker of its own), and the
 *   cached route's CPU ratio with and without it.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { signAccessToken } from "../../src/auth/jwt.ts";
import { migrate } from "../db/migrate.ts";
import { parseDotenv } from "../dev/config.ts";
import { openBackend } from "../neon-local/backend.ts";
import { startNeonServer } from "../neon-local/server.ts";
import { printTable } from "./stats.ts";
import { load, startWorker } from "./worker.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "20000" }, concurrency: { type: "string", default: "32" } },
});
const TOTAL = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const SECRET = "bench-only-jwt-secret-0123456789abcdef";
const ISSUER = "https://api.adam.lenkostudio.com";
const AUDIENCE = "adam-api";
const CONNECTION = "postgres://adam:adam@127.0.0.1:5480/adam";
/**
 * Free users: 10 requests a minute, and cache entries they may use for 15 minutes, so each bench
 * user makes one miss (filling their entry) and then 8 hits, one request under their budget (a run that lasts
 * longer than a minute must not meet the limiter at its edge).
 */
const PER_USER = 8;

const backend = await openBackend({});
const neon = await startNeonServer({ backend });
await migrate({ databaseUrl: CONNECTION, neonHttpEndpoint: neon.url });
await backend.query({
  // Synced: an account never snapshotted is answered uncached (the dashboard polls it for its first
  // snapshot), so a fixture without last_synced_at would measure database reads, not cache hits.
  text: `INSERT INTO tiktok_accounts (open_id, display_name, follower_count, view_count, summary, last_synced_at)
         VALUES ('bench', 'Bench Creator', 12345, 999999, '{"changes":{"followers_24h":12}}', now())`,
  params: [],
});
const sqlRequests = async () =>
  ((await (await fetch(new URL("/stats", neon.url))).json()) as { sql_requests: number }).sql_requests;

// The local defaults every setting needs (the worker validates its whole config on each request),
// then this bench's database and JWT secret.
const vars = {
  ...parseDotenv(readFileSync(".dev.vars.example", "utf8")),
  ENVIRONMENT: "development",
  DATABASE_URL: CONNECTION,
  NEON_HTTP_ENDPOINT: neon.url,
  JWT_SECRET: SECRET,
  DASHBOARD_ORIGINS: "http://127.0.0.1:8788",
  DASHBOARD_URL: "http://127.0.0.1:8788/app/",
};
const jwt = { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, accessTtlSeconds: 900 };
const users = Math.ceil(TOTAL / PER_USER) + 1;
let userBase = 100_000;

/** Per configuration: workerd CPU ms per request of the cached route and of the trivial one. */
const cpuPairs: [label: string, cached: number, trivial: number][] = [];

/** One worker configuration: trivial route, then the cached data route, back to back. */
async function measure(label: string, memoryEntries: string) {
  const worker = await startWorker({ readyPath: "/livez", vars: { ...vars, MEMORY_CACHE_ENTRIES: memoryEntries } });
  try {
    const base = (userBase += users);
    const tokens = await Promise.all(
      Array.from({ length: users }, async (_, i) => {
        const claims = { sub: String(base + i), tier: "free" as const, tiktokAccountIds: ["1"] };
        return (await signAccessToken(claims, jwt)).token;
      }),
    );
    const metricsUrl = `${worker.url}/api/v1/accounts/1/metrics`;

    // Each user's first request fills their cache entry: these are the misses.
    const beforeMisses = await sqlRequests();
    await load(users, CONCURRENCY, (i) => ({ url: metricsUrl, headers: { authorization: `Bearer ${tokens[i]}` } }));
    const roundTripsPerMiss = ((await sqlRequests()) - beforeMisses) / users;

    await load(2_000, CONCURRENCY, () => ({ url: `${worker.url}/livez` })); // warm-up
    let cpu = worker.cpuSeconds();
    const trivial = await load(TOTAL, CONCURRENCY, () => ({ url: `${worker.url}/livez` }));
    const trivialCpu = worker.cpuSeconds() - cpu;

    const beforeHits = await sqlRequests();
    cpu = worker.cpuSeconds();
    const cached = await load(TOTAL, CONCURRENCY, (i) => ({
      url: metricsUrl,
      headers: { authorization: `Bearer ${tokens[Math.floor(i / PER_USER)]}` },
    }));
    const cachedCpu = worker.cpuSeconds() - cpu;
    const hitRoundTrips = (await sqlRequests()) - beforeHits;
    // The premise of the phase: a hit that reads the database is a miss, and the figure would be false.
    if (hitRoundTrips > 0)
      throw new Error(
        `${label}: the "cache hit" phase made ${hitRoundTrips} database round trips; the figure would be a lie`,
      );
    cpuPairs.push([label, (cachedCpu * 1000) / TOTAL, (trivialCpu * 1000) / TOTAL]);
    return [
      [`${label}: GET /livez (trivial)`, trivial.perSecond, (trivialCpu * 1000) / TOTAL, 0, "100%"],
      [
        `${label}: GET /api/v1/accounts/1/metrics (JWT, rate limit, cache hit)`,
        cached.perSecond,
        (cachedCpu * 1000) / TOTAL,
        hitRoundTrips,
        `${((100 * cached.perSecond) / trivial.perSecond).toFixed(1)}%`,
      ],
      [`${label}: cache misses (first request of each of ${users} users)`, "", "", roundTripsPerMiss, ""],
    ];
  } catch (error) {
    console.error(worker.output());
    throw error;
  } finally {
    await worker.stop();
  }
}

/**
 * The Rate Limiting binding alone, in a worker of its own: Miniflare simulates each call with a
 * fetch to a Durable Object in JavaScript, a cost that counts as workerd CPU here but is the
 * platform's native counter in production. Measured, not assumed, so the cached route's figure
 * can be read both with it and without it.
 */
async function rateLimitCost(): Promise<{ msPerCall: number; row: (string | number)[] }> {
  const worker = await startWorker({ config: "tools/bench/rate-limit-probe.wrangler.jsonc", vars: {}, readyPath: "/" });
  try {
    await load(2_000, CONCURRENCY, (i) => ({ url: `${worker.url}/${i % 2 ? "limit" : ""}` })); // warm-up
    let cpu = worker.cpuSeconds();
    await load(TOTAL, CONCURRENCY, () => ({ url: `${worker.url}/` }));
    const bare = worker.cpuSeconds() - cpu;
    cpu = worker.cpuSeconds();
    await load(TOTAL, CONCURRENCY, () => ({ url: `${worker.url}/limit` }));
    const limited = worker.cpuSeconds() - cpu;
    const msPerCall = ((limited - bare) * 1000) / TOTAL;
    return {
      msPerCall,
      row: ["Rate Limiting binding, one call (Miniflare's simulation, its own worker)", "", msPerCall, 0, ""],
    };
  } finally {
    await worker.stop();
  }
}

try {
  const rows = [...(await measure("memory + Cache API", "2000")), ...(await measure("Cache API only", "0"))];
  const limiter = await rateLimitCost();
  rows.push(limiter.row);
  printTable(
    `API worker under wrangler dev, ${TOTAL} requests per phase, ${CONCURRENCY} concurrent (${new Date().toISOString()})`,
    ["phase", "requests/s", "workerd CPU ms/request", "DB round trips (per miss)", "vs trivial"],
    rows,
  );
  console.log(
    "\ntargets: cached data route ≥ 60% of the trivial route and ≤ 1.5× its CPU; 1 database round trip per cache miss",
  );
  for (const [label, cached, trivial] of cpuPairs)
    console.log(
      `${label}: cached / trivial CPU ${(cached / trivial).toFixed(2)}×; without the simulated rate limiter ${((cached - limiter.msPerCall) / trivial).toFixed(2)}×`,
    );
} finally {
  await neon.close();
  await backend.close();
}
