import { exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetDatabase, sql } from "./helpers/db";
import { dbRequests, nextUserId, seedAccount } from "./helpers/fixtures";
import { bearer, tokenFor } from "./helpers/tokens";

let account: string;
let other: string;

const metrics = async (token: string, id = account) => {
  const res = await exports.default.fetch(`http://adam.test/api/v1/accounts/${id}/metrics`, { headers: bearer(token) });
  return { res, body: (await res.json()) as { followers?: number } };
};

/** Moves the worker's clock (same isolate as the test); the Cache API keeps real time. */
const advanceClock = (ms: number) => vi.setSystemTime(Date.now() + ms);

beforeAll(async () => {
  await resetDatabase();
  account = await seedAccount("open-cache", { followers: 100 });
  other = await seedAccount("open-other", { followers: 7 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("edge cache", () => {
  it("serves a free user a 10-minute-old answer without touching the database", async () => {
    const sub = nextUserId();
    const token = await tokenFor({ sub, tier: "free", tiktokAccountIds: [account] });
    const first = await metrics(token);
    expect(first.res.headers.get("x-cache")).toBe("MISS");
    expect(first.res.headers.get("cache-control")).toBe("private, max-age=900");
    expect(first.body.followers).toBe(100);

    await sql`UPDATE tiktok_accounts SET follower_count = 101 WHERE id = ${account}`;
    vi.useFakeTimers({ toFake: ["Date"] });
    advanceClock(10 * 60_000);
    const before = await dbRequests();
    const later = await metrics(token);
    expect(await dbRequests()).toBe(before);
    expect(later.res.headers.get("x-cache")).toBe("HIT");
    expect(Number(later.res.headers.get("age"))).toBeGreaterThanOrEqual(600);
    expect(later.res.headers.get("cache-control")).toMatch(/^private, max-age=(29[0-9]|300)$/);
    expect(later.res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(later.body.followers).toBe(100);

    advanceClock(6 * 60_000); // 16 minutes: past the free tier's 15 (and the token's life: a fresh one)
    const stale = await metrics(await tokenFor({ sub, tier: "free", tiktokAccountIds: [account] }));
    expect(stale.res.headers.get("x-cache")).toBe("MISS");
    expect(stale.body.followers).toBe(101);
    await sql`UPDATE tiktok_accounts SET follower_count = 100 WHERE id = ${account}`;
  });

  it("answers a request that asks for no-cache from the database, and keeps that answer for the next", async () => {
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    expect((await metrics(token)).res.headers.get("x-cache")).toBe("MISS");
    await sql`UPDATE tiktok_accounts SET follower_count = 103 WHERE id = ${account}`;
    expect((await metrics(token)).body.followers).toBe(100);

    const before = await dbRequests();
    const res = await exports.default.fetch(`http://adam.test/api/v1/accounts/${account}/metrics`, {
      headers: { ...bearer(token), "cache-control": "no-cache" },
    });
    expect(await dbRequests()).toBe(before + 1);
    expect(res.headers.get("x-cache")).toBe("MISS");
    expect(((await res.json()) as { followers: number }).followers).toBe(103);
    const next = await metrics(token);
    expect(next.res.headers.get("x-cache")).toBe("HIT");
    expect(next.body.followers).toBe(103);
    await sql`UPDATE tiktok_accounts SET follower_count = 100 WHERE id = ${account}`;
  });

  it("never serves a paid user an answer older than a minute", async () => {
    const token = await tokenFor({ sub: nextUserId(), tier: "pro", tiktokAccountIds: [account] });
    expect((await metrics(token)).res.headers.get("cache-control")).toBe("private, max-age=60");
    const hit = await metrics(token);
    expect(hit.res.headers.get("x-cache")).toBe("HIT");

    await sql`UPDATE tiktok_accounts SET follower_count = 102 WHERE id = ${account}`;
    vi.useFakeTimers({ toFake: ["Date"] });
    advanceClock(10 * 60_000);
    const later = await metrics(token);
    expect(later.res.headers.get("x-cache")).toBe("MISS");
    expect(later.body.followers).toBe(102);
    await sql`UPDATE tiktok_accounts SET follower_count = 100 WHERE id = ${account}`;
  });

  it("builds keys from the validated values: days=365, 0365, +365 and 3.65e2 are one entry", async () => {
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    const history = (days: string) =>
      exports.default.fetch(`http://adam.test/api/v1/accounts/${account}/snapshots?days=${encodeURIComponent(days)}`, {
        headers: bearer(token),
      });
    const before = await dbRequests();
    const caches = [];
    for (const days of ["365", "0365", "+365", "3.65e2"]) caches.push((await history(days)).headers.get("x-cache"));
    expect(caches).toEqual(["MISS", "HIT", "HIT", "HIT"]);
    expect((await dbRequests()) - before).toBe(1);
  });

  it("never shares an entry between two users, even for the same account", async () => {
    const alice = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    const bob = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    expect((await metrics(alice)).res.headers.get("x-cache")).toBe("MISS");
    expect((await metrics(alice)).res.headers.get("x-cache")).toBe("HIT");
    expect((await metrics(bob)).res.headers.get("x-cache")).toBe("MISS");
  });

  it("checks authorisation before the cache: a cached account stays a 404 for anyone without the claim", async () => {
    const owner = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    await metrics(owner);
    const before = await dbRequests();
    const stranger = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [other] });
    const res = await metrics(stranger);
    expect(res.res.status).toBe(404);
    expect(await dbRequests()).toBe(before);
  });

  it("keeps a user's entries apart when their claims change", async () => {
    const sub = nextUserId();
    const narrow = await tokenFor({ sub, tier: "free", tiktokAccountIds: [account] });
    const wide = await tokenFor({ sub, tier: "free", tiktokAccountIds: [account, other] });
    const list = (token: string) =>
      exports.default.fetch("http://adam.test/api/v1/accounts", { headers: bearer(token) });
    expect(((await (await list(narrow)).json()) as { accounts: unknown[] }).accounts).toHaveLength(1);
    const widened = await list(wide);
    expect(widened.headers.get("x-cache")).toBe("MISS");
    expect(((await widened.json()) as { accounts: unknown[] }).accounts).toHaveLength(2);
  });

  it("does not cache an account that has no snapshot yet, so the first one shows as soon as it lands", async () => {
    const fresh = await seedAccount("open-unsynced", { followers: 0 });
    await sql`UPDATE tiktok_accounts SET last_synced_at = NULL, follower_count = NULL WHERE id = ${fresh}`;
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [fresh] });
    const list = () => exports.default.fetch("http://adam.test/api/v1/accounts", { headers: bearer(token) });
    const waiting = await metrics(token, fresh);
    expect([waiting.res.status, waiting.res.headers.get("cache-control")]).toEqual([200, "no-store"]);
    expect((await list()).headers.get("cache-control")).toBe("no-store");

    await sql`UPDATE tiktok_accounts SET last_synced_at = now(), follower_count = 5 WHERE id = ${fresh}`;
    const synced = await metrics(token, fresh);
    expect([synced.res.headers.get("x-cache"), synced.body.followers]).toEqual(["MISS", 5]);
    expect((await metrics(token, fresh)).res.headers.get("x-cache")).toBe("HIT");
    expect((await list()).headers.get("x-cache")).toBe("MISS");
    expect((await list()).headers.get("x-cache")).toBe("HIT");
  });

  it("does not cache errors", async () => {
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: ["424242"] });
    const url = "http://adam.test/api/v1/accounts/424242/metrics";
    expect((await exports.default.fetch(url, { headers: bearer(token) })).status).toBe(404);
    const again = await exports.default.fetch(url, { headers: bearer(token) });
    expect([again.status, again.headers.get("x-cache")]).toEqual([404, null]);
  });
});

describe("the Cache API tier", () => {
  it("serves hits from the data centre's cache when the memory tier is off", async () => {
    const { createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../src/index")).default;
    const { testEnv } = await import("./helpers/env");
    const env = { ...testEnv, MEMORY_CACHE_ENTRIES: "0" };
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    const call = async () => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(
        new Request(`http://adam.test/api/v1/accounts/${account}/metrics`, { headers: bearer(token) }),
        env,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    expect((await call()).headers.get("x-cache")).toBe("MISS");
    const before = await dbRequests();
    const hit = await call();
    expect([hit.headers.get("x-cache"), hit.headers.get("x-cache-tier")]).toEqual(["HIT", "edge"]);
    expect(((await hit.json()) as { followers: number }).followers).toBe(100);
    expect(await dbRequests()).toBe(before);
  });
});
