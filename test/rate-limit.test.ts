import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { clearOverrideCache, OVERRIDES_KEY } from "../src/limits/overrides";
import { resetDatabase } from "./helpers/db";
import { dbRequests, nextUserId, seedAccount } from "./helpers/fixtures";
import { bearer, tokenFor } from "./helpers/tokens";
import { errorEnvelope } from "./helpers/api";

let account: string;
const snapshots = (token: string, days: number) =>
  exports.default.fetch(`http://adam.test/api/v1/accounts/${account}/snapshots?days=${days}`, {
    headers: bearer(token),
  });

beforeAll(async () => {
  await resetDatabase();
  account = await seedAccount("open-limits");
});

describe("per-user rate limits", () => {
  it("ignores a malformed override document instead of failing requests", async () => {
    await env.KV.put(OVERRIDES_KEY, "{ not json");
    clearOverrideCache();
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    expect((await snapshots(token, 30)).status).toBe(200);
    await env.KV.delete(OVERRIDES_KEY);
    clearOverrideCache();
  });

  it("refuses a free user's 11th request in a minute before it reaches the database", async () => {
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    const before = await dbRequests();
    // ten distinct queries: every one misses the cache and costs one round trip
    for (let days = 1; days <= 10; days++) expect((await snapshots(token, days)).status).toBe(200);
    expect((await dbRequests()) - before).toBe(10);

    const limited = await snapshots(token, 11);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.json()).toEqual(
      errorEnvelope(limited, "rate_limited", "Rate limit reached: 10 requests per minute on this plan."),
    );
    expect((await dbRequests()) - before).toBe(10);
  });

  it("gives paid users 100 requests a minute", async () => {
    const token = await tokenFor({ sub: nextUserId(), tier: "creator", tiktokAccountIds: [account] });
    const statuses = [];
    for (let i = 0; i < 101; i++) statuses.push((await snapshots(token, 30)).status);
    expect(statuses.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(statuses[100]).toBe(429);
  });

  it("counts each user separately", async () => {
    const a = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    const b = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    for (let i = 0; i < 10; i++) await snapshots(a, 30);
    expect((await snapshots(a, 30)).status).toBe(429);
    expect((await snapshots(b, 30)).status).toBe(200);
  });

  it("applies a per-user override from KV: a bigger budget, or a block", async () => {
    const promoted = nextUserId();
    const blocked = nextUserId();
    await env.KV.put(
      OVERRIDES_KEY,
      JSON.stringify({ users: { [promoted]: { budget: "paid" }, [blocked]: { blocked: true } } }),
    );
    clearOverrideCache();
    const token = await tokenFor({ sub: promoted, tier: "free", tiktokAccountIds: [account] });
    for (let i = 0; i < 15; i++) expect((await snapshots(token, 30)).status).toBe(200);

    const res = await snapshots(await tokenFor({ sub: blocked, tier: "pro", tiktokAccountIds: [account] }), 30);
    expect(res.status).toBe(403);
    await env.KV.delete(OVERRIDES_KEY);
    clearOverrideCache();
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });
});

describe("when KV is down", () => {
  it("keeps serving data routes and logins (KV's limits are a second line of defence)", async () => {
    const { createExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../src/index")).default;
    const { testEnv } = await import("./helpers/env");
    const broken = {
      get: async () => {
        throw new Error("KV GET failed: 500 Internal Server Error");
      },
      put: async () => {
        throw new Error("KV PUT failed: 500 Internal Server Error");
      },
      delete: async () => undefined,
    } as unknown as KVNamespace;
    const env = { ...testEnv, KV: broken };
    clearOverrideCache();
    const token = await tokenFor({ sub: nextUserId(), tier: "free", tiktokAccountIds: [account] });
    const data = await worker.fetch(
      new Request(`http://adam.test/api/v1/accounts/${account}/snapshots?days=7`, { headers: bearer(token) }),
      env,
      createExecutionContext(),
    );
    expect(data.status).toBe(200);
    const call = (path: string, body: unknown) =>
      worker.fetch(
        new Request(`http://adam.test/api/v1/auth/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
        env,
        createExecutionContext(),
      );
    const credentials = { email: `kv-down-${nextUserId()}@example.com`, password: "a long enough password" };
    expect((await call("signup", credentials)).status).toBe(201);
    expect((await call("login", credentials)).status).toBe(200);
    clearOverrideCache();
  });
});
