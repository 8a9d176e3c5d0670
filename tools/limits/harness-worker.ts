/**
 * Measurement-only worker (`npm run bench:limits`): one failed-login lockout three ways, so the
 * harness can fire the same concurrent wrong passwords at each and count how many got their
 * password checked before the account locked (the rule is 5).
 *
 *   POST /guess/kv?key=…                read the count from KV, check, add one, write it back
 *                                       (the lockout as it was: KV has no atomic increment)
 *   POST /guess/ratelimit?key=…         the Workers Rate Limiting binding keyed by the account
 *   POST /guess/durable-object?key=…    the production code: the key's Durable Object counts the
 *                                       attempt before the password is checked
 *
 * Each answers 401 when the (wrong) password was checked and 429 when the attempt was refused.
 */
import { verifyPassword, hashPassword } from "../../src/auth/password";
import { ACCOUNT_RULE } from "../../src/limits/login-lockout";
import { durableLimiter } from "../../src/limits/limiter";
import { attempt, type WindowState } from "../../src/limits/window";

export { LimiterObject } from "../../src/limits/limiter-object";

interface HarnessEnv {
  KV: KVNamespace;
  RL_GUESS: RateLimit;
  LIMITER: Env["LIMITER"];
}

let stored: Promise<string> | undefined;
/** A real PBKDF2 hash, so every check costs what a login's does. */
const passwordHash = () => (stored ??= hashPassword("the right password, never guessed"));

async function check(): Promise<Response> {
  await verifyPassword("a wrong guess", await passwordHash());
  return new Response("checked", { status: 401 });
}

const refused = () => new Response("refused", { status: 429 });

async function kv(env: HarnessEnv, key: string): Promise<Response> {
  const locked = await env.KV.get<WindowState>(key, "json");
  if (locked?.blockedUntilMs && locked.blockedUntilMs > Date.now()) return refused();
  const response = await check();
  // the failure is counted after the check: read, add one, write back; concurrent requests read
  // the same count and write the same "one more", and all of them were checked before any wrote
  const before = await env.KV.get<WindowState>(key, "json");
  await env.KV.put(key, JSON.stringify(attempt(before ?? undefined, ACCOUNT_RULE, Date.now()).state), {
    expirationTtl: 3600,
  });
  return response;
}

async function ratelimit(env: HarnessEnv, key: string): Promise<Response> {
  const { success } = await env.RL_GUESS.limit({ key });
  return success ? check() : refused();
}

async function durableObject(env: HarnessEnv, key: string): Promise<Response> {
  const verdict = await durableLimiter(env.LIMITER).attempt(key, ACCOUNT_RULE);
  return verdict.allowed ? check() : refused();
}

const STRATEGIES = { kv, ratelimit, "durable-object": durableObject } as const;

export default {
  async fetch(request: Request, env: HarnessEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/ready") return new Response("ok");
    const strategy = url.pathname.replace("/guess/", "") as keyof typeof STRATEGIES;
    const key = url.searchParams.get("key");
    if (request.method !== "POST" || !(strategy in STRATEGIES) || !key) return new Response("no", { status: 404 });
    return STRATEGIES[strategy](env, key);
  },
} satisfies ExportedHandler<HarnessEnv>;
