import type { Context } from "hono";
import { hmacSha256, toHex } from "../../auth/encoding";
import type { AccessClaims } from "../../auth/jwt";
import type { AppEnv } from "../types";

/**
 * The edge cache for data routes (Cache API). Handlers call it after authentication, rate
 * limiting, validation and the claims check, around the one database read:
 *
 * - Freshness by tier: free accounts may see data up to 15 minutes old, paid ones up to 1 minute.
 *   Each entry records when it was stored and is only served within the caller's freshness; the
 *   entry's own `s-maxage` makes the platform drop it then too.
 * - Isolation: the key is our own URL, never the user's request, and ends in an HMAC of the user
 *   id, the tier and the token's account list. Authorisation runs before the lookup (an account
 *   outside the token's claims is a 404 before any cache or database), and an entry is only ever
 *   found again by the same user holding the same claims.
 * - Invalidation: none. Ingestion writes every 30 minutes and the TTL bounds staleness (15 min /
 *   1 min), which is what the tiers promise; the Cache API is per data centre and a purge would
 *   need the zone API, so TTLs are simpler and exact.
 * - Clients get `private, max-age=<remaining freshness>` so no shared cache keeps a user's data.
 */
export const FRESHNESS_SECONDS = { free: 900, paid: 60 } as const;
const CACHE_NAME = "adam-api";
const STORED_AT = "x-adam-stored-at";

export const freshnessFor = (tier: AccessClaims["tier"]) =>
  tier === "free" ? FRESHNESS_SECONDS.free : FRESHNESS_SECONDS.paid;

async function cacheKey(url: URL, user: AccessClaims, secret: string): Promise<string> {
  const params = [...url.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
  const scope = toHex(
    await hmacSha256(secret, `edge-cache|${user.sub}|${user.tier}|${user.tiktokAccountIds.join(",")}`),
  );
  params.push(["__scope", scope]);
  return `https://cache.adam.internal${url.pathname}?${new URLSearchParams(params)}`;
}

/** Answers from the cache when a fresh-enough entry exists, else from `produce`, storing a 200. */
export async function withEdgeCache<R extends Response>(c: Context<AppEnv>, produce: () => Promise<R>): Promise<R> {
  const user = c.var.user;
  const maxAge = freshnessFor(user.tier);
  const key = await cacheKey(new URL(c.req.url), user, c.var.config.jwt.secret);
  const cache = await caches.open(CACHE_NAME);
  const now = Date.now();

  const hit = await cache.match(key);
  const ageSeconds = hit ? Math.floor((now - Number(hit.headers.get(STORED_AT))) / 1000) : Infinity;
  if (hit && ageSeconds >= 0 && ageSeconds <= maxAge) {
    const headers = new Headers(hit.headers);
    headers.delete(STORED_AT);
    headers.set("cache-control", `private, max-age=${maxAge - ageSeconds}`);
    headers.set("age", String(ageSeconds));
    headers.set("x-cache", "HIT");
    // the stored body is a 200 `produce` made for this same route, so it has R's shape
    return new Response(hit.body, { status: hit.status, headers }) as R;
  }

  const res = await produce();
  if (res.status !== 200) return res;
  const stored = new Response(res.clone().body, {
    headers: {
      "content-type": res.headers.get("content-type") ?? "application/json",
      "cache-control": `s-maxage=${maxAge}`,
      [STORED_AT]: String(now),
    },
  });
  c.executionCtx.waitUntil(cache.put(key, stored));
  res.headers.set("cache-control", `private, max-age=${maxAge}`);
  res.headers.set("x-cache", "MISS");
  return res;
}
