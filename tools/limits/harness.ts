/**
 * `npm run bench:limits`: which failed-login counter holds under concurrency. The same wrong
 * passwords, fired concurrently at one account, against three lockouts of five attempts (the
 * harness worker, under wrangler dev), then at the real API's log-in: how many got their password
 * checked before every further attempt was refused.
 *
 * A third scenario is a slow attacker: one guess a second for `--slow` seconds (default 130,
 * past two of the binding's 60-second periods).
 *
 *   npm run bench:limits [-- --bursts 5 --burst 200 --once 500 --slow 130]
 */
import { parseArgs } from "node:util";
import { migrate } from "../db/migrate.ts";
import { openBackend } from "../neon-local/backend.ts";
import { startNeonServer } from "../neon-local/server.ts";
import { printTable } from "../bench/stats.ts";
import { startWorker, type RunningWorker } from "../bench/worker.ts";

const { values } = parseArgs({
  options: {
    bursts: { type: "string", default: "5" },
    burst: { type: "string", default: "200" },
    once: { type: "string", default: "500" },
    slow: { type: "string", default: "130" },
  },
});
const BURSTS = Number(values.bursts);
const BURST = Number(values.burst);
const ONCE = Number(values.once);
const SLOW_SECONDS = Number(values.slow);
const CONNECTION = "postgres://adam:adam@127.0.0.1:5480/adam";

/** Fires `n` requests at once; counts the checked (401) and the refused (429). */
async function fire(n: number, request: (i: number) => Promise<Response>) {
  const statuses = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      request(i).then(
        async (res) => {
          await res.arrayBuffer();
          return res.status;
        },
        () => 0,
      ),
    ),
  );
  const checked = statuses.filter((s) => s === 401).length;
  const refused = statuses.filter((s) => s === 429).length;
  return { checked, refused, other: n - checked - refused };
}

async function scenarios(label: string, request: (key: string, i: number) => Promise<Response>) {
  let run = 0;
  const key = () => `${label}-${Date.now()}-${run++}`;
  const bursts = { checked: 0, refused: 0, other: 0 };
  const k = key();
  for (let b = 0; b < BURSTS; b++) {
    const r = await fire(BURST, (i) => request(k, b * BURST + i));
    bursts.checked += r.checked;
    bursts.refused += r.refused;
    bursts.other += r.other;
  }
  const k2 = key();
  const once = await fire(ONCE, (i) => request(k2, i));
  return [
    [label, `${BURSTS} bursts of ${BURST}`, bursts.checked, bursts.refused, bursts.other],
    [label, `${ONCE} at once`, once.checked, once.refused, once.other],
  ];
}

/** One guess a second for SLOW_SECONDS, on a key of its own. */
async function slowly(label: string, request: (key: string, i: number) => Promise<Response>) {
  const k = `${label}-slow-${Date.now()}`;
  const total = { checked: 0, refused: 0, other: 0 };
  for (let i = 0; i < SLOW_SECONDS; i++) {
    const started = Date.now();
    const r = await fire(1, () => request(k, i));
    total.checked += r.checked;
    total.refused += r.refused;
    total.other += r.other;
    await new Promise((done) => setTimeout(done, Math.max(0, 1000 - (Date.now() - started))));
  }
  return [label, `1 a second for ${SLOW_SECONDS} s`, total.checked, total.refused, total.other];
}

const rows: (string | number)[][] = [];
let harness: RunningWorker | undefined;
try {
  harness = await startWorker({ config: "tools/limits/harness.wrangler.jsonc", vars: {}, readyPath: "/ready" });
  const url = harness.url;
  const strategies = ["kv", "ratelimit", "durable-object"];
  const guess = (strategy: string) => (key: string) =>
    fetch(`${url}/guess/${strategy}?key=${encodeURIComponent(key)}`, { method: "POST" });
  for (const strategy of strategies) rows.push(...(await scenarios(strategy, guess(strategy))));
  if (SLOW_SECONDS > 0) rows.push(...(await Promise.all(strategies.map((s) => slowly(s, guess(s))))));
} finally {
  await harness?.stop();
}

// The real thing: the API worker's log-in, on the local Neon endpoint (PGlite).
const backend = await openBackend({});
const neon = await startNeonServer({ backend });
let api: RunningWorker | undefined;
try {
  await migrate({ databaseUrl: CONNECTION, neonHttpEndpoint: neon.url });
  api = await startWorker({
    readyPath: "/livez",
    vars: {
      ENVIRONMENT: "development",
      DATABASE_URL: CONNECTION,
      NEON_HTTP_ENDPOINT: neon.url,
      JWT_SECRET: "bench-only-jwt-secret-0123456789abcdef",
      DASHBOARD_ORIGINS: "http://127.0.0.1:8788",
      DASHBOARD_URL: "http://127.0.0.1:8788/app/",
      TIKTOK_CLIENT_KEY: "sim-client-key",
      TIKTOK_CLIENT_SECRET: "sim-client-secret",
      TIKTOK_REDIRECT_URI: "http://127.0.0.1:8787/tiktok/callback",
      TOKEN_ENCRYPTION_KEYS: "1:bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWNyZXQ=",
    },
  });
  const base = api.url;
  let n = 0;
  const account = async () => {
    const email = `target-${Date.now()}-${n++}@example.com`;
    const res = await fetch(`${base}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "the right password" }),
    });
    if (res.status !== 201) throw new Error(`sign-up answered ${res.status}`);
    return email;
  };
  // every guess from an address of its own (a botnet): only the account's lock stands in the way
  const login = (email: string, i: number) =>
    fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "cf-connecting-ip": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      },
      body: JSON.stringify({ email, password: `wrong guess number ${i}` }),
    });
  const emails = new Map<string, Promise<string>>();
  rows.push(
    ...(await scenarios("API POST /auth/login", async (key, i) => {
      if (!emails.has(key)) emails.set(key, account());
      return login(await (emails.get(key) as Promise<string>), i);
    })),
  );
} finally {
  await api?.stop();
  await neon.close();
  await backend.close();
}

printTable(
  `Failed-login lockout under concurrency, limit 5 attempts (wrangler dev, ${new Date().toISOString()})`,
  ["counter", "wrong passwords fired", "checked (401)", "refused (429)", "other"],
  rows,
);
console.log(
  "\nchecked = guesses whose password was verified before the lock held; the rule allows 5.\n" +
    "The API's log-in also counts per IP (20); here every guess comes from an address of its own.",
);
