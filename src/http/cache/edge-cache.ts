import type { Context } from "hono";
import { hmacSha256, toHex } from "../../lib/crypto";
import type { AccessClaims } from "../../auth/jwt";
import type { AppEnv } from "../types";
import { MemoryTier } from "./memory-tier";

/**
 * The cache for data routes. Handlers call it after authentication, rate limiting, validation and
 * the claims check, around their one database read. Two tiers: the isolate's memory, then the
 * Cache API (shared by the data centre's isolates), then the database.
 *
 * - Freshness by tier: free accounts may see data up to 15 minutes old, paid ones up to 1 minute.
 *   Each entry records when it was stored and is only served within the caller's freshness; the
 *   Cache API copy's own `s-maxage` makes the platform drop it then too.
 * - Keys: our own URL, never the user's request: the route's pattern and the values its schemas
 *   validated (so `days=365`, `0365`, `+365` and `3.65e2` are one entry, and a parameter the
 *   route does not know never reaches a key: every query schema is strict), ending in an HMAC of
 *   the user id, the tier and the token's account list.
 * - Isolation: that HMAC. Authorisation runs before the lookup (an account
 *   outside the token's claims is a 404 before any cache or database), and an entry is only ever
 *   found again by the same user holding the same claims. Only 200s are stored.
 * - Invalidation: none. Ingestion writes every 30 minutes and the TTL bounds staleness (15 min /
 *   1 min), which is what the tiers promise; the Cache API is per data centre and a purge would
 *   need the zone API, so TTLs are simpler and exact. One exception: an answer the handler marks
 *   `no-store` (an account not snapshotted yet) is never stored, so a creator who just connected
 *   sees the first snapshot as soon as it lands instead of "no data yet" for 15 minutes. And a
 *   client may ask for a fresh answer with `Cache-Control: no-cache` (the dashboard does right after
 *   a TikTok consent changes what its screens show): no tier is read, the answer replaces the entry.
 *   Such a request has already paid its rate-limit unit, so the database sees no more than the plan allows.
 * - Clients get `private, max-age=<remaining freshness>` so no shared cache keeps a user's data.
 */
export const FRESHNESS_SECONDS = { free: 900, paid: 60 } as const;
const STORED_AT = "x-adam-stored-at";

export const freshnessFor = (tier: AccessClaims["tier"]) =>
  tier === "free" ? FRESHNESS_SECONDS.free : FRESHNESS_SECONDS.paid;

const memoryTiers = new Map<string, MemoryTier>();
function memoryTier(entries: number, bytes: number): MemoryTier {
  let tier = memoryTiers.get(`${entries}/${bytes}`);
  if (!tier) memoryTiers.set(`${entries}/${bytes}`, (tier = new MemoryTier(entries, bytes)));
  return tier;
}

/** What a route's schemas validated, with keys in a fixed order: the same request, the same text. */
function canonical(values: unknown): string {
  if (values === undefined || values === null) return "";
  const sorted = Object.entries(values as Record<string, unknown>).toSorted(([a], [b]) => (a < b ? -1 : 1));
  return new URLSearchParams(sorted.map(([k, v]) => [k, String(v)])).toString();
}

/**
 * The HMAC that scopes a user's keys, remembered per isolate: a user's every cached read needs the
 * same one. Keyed by the secret too, so a rotated secret makes new scopes; bounded, oldest first out.
 */
const scopes = new Map<string, string>();
const MAX_SCOPES = 5000;

async function scopeOf(user: AccessClaims, secret: string): Promise<string> {
  const message = `edge-cache|${user.sub}|${user.tier}|${user.tiktokAccountIds.join(",")}`;
  const memo = `${secret}\n${message}`;
  let scope = scopes.get(memo);
  if (!scope) {
    scope = toHex(await hmacSha256(secret, message));
    if (scopes.size >= MAX_SCOPES) scopes.delete(scopes.keys().next().value as string);
    scopes.set(memo, scope);
  }
  return scope;
}

async function cacheKey(c: Context<AppEnv>, user: AccessClaims, secret: string): Promise<string> {
  const param = canonical(c.req.valid("param" as never));
  const query = canonical(c.req.valid("query" as never));
  const scope = await scopeOf(user, secret);
  const search = new URLSearchParams({ param, query, __scope: scope });
  return `https://cache.adam.internal${c.req.routePath}?${search}`;
}

function cachedResponse(body: BodyInit | null, contentType: string, ageSeconds: number, maxAge: number, tier: string) {
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "cache-control": `private, max-age=${maxAge - ageSeconds}`,
      age: String(ageSeconds),
      "x-cache": "HIT",
      "x-cache-tier": tier,
    },
  });
}

/** Answers from a cache tier when a fresh-enough entry exists, else from `produce`, storing a 200. */
export async function withEdgeCache<R extends Response>(c: Context<AppEnv>, produce: () => Promise<R>): Promise<R> {
  const user = c.var.user;
  const maxAge = freshnessFor(user.tier);
  const key = await cacheKey(c, user, c.var.config.jwt.secret);
  const memory = memoryTier(c.var.config.memoryCacheEntries, c.var.config.memoryCacheBytes);
  const now = Date.now();
  const fresh = (storedAtMs: number) => {
    const age = Math.floor((now - storedAtMs) / 1000);
    return age >= 0 && age <= maxAge ? age : undefined;
  };
  // A cached body is a 200 that `produce` made for this same route and claims, so it has R's shape.

  const revalidate = /\bno-cache\b/i.test(c.req.header("cache-control") ?? "");
  const inMemory = revalidate ? undefined : memory.get(key);
  const memoryAge = inMemory && fresh(inMemory.storedAtMs);
  if (inMemory && memoryAge !== undefined) {
    return cachedResponse(inMemory.body, inMemory.contentType, memoryAge, maxAge, "memory") as R;
  }

  const cache = caches.default;
  const hit = revalidate ? undefined : await cache.match(key);
  const storedAt = Number(hit?.headers.get(STORED_AT));
  const edgeAge = hit && fresh(storedAt);
  if (hit && edgeAge !== undefined) {
    const body = await hit.text();
    const contentType = hit.headers.get("content-type") ?? "application/json";
    memory.set(key, { body, contentType, storedAtMs: storedAt });
    return cachedResponse(body, contentType, edgeAge, maxAge, "edge") as R;
  }

  const res = await produce();
  if (res.status !== 200 || res.headers.get("cache-control")?.includes("no-store")) return res;
  const body = await res.clone().text();
  const contentType = res.headers.get("content-type") ?? "application/json";
  memory.set(key, { body, contentType, storedAtMs: now });
  const stored = new Response(body, {
    headers: { "content-type": contentType, "cache-control": `s-maxage=${maxAge}`, [STORED_AT]: String(now) },
  });
  c.executionCtx.waitUntil(cache.put(key, stored));
  res.headers.set("cache-control", `private, max-age=${maxAge}`);
  res.headers.set("x-cache", "MISS");
  return res;
}
