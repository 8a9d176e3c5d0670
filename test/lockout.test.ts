import { reset } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { login, type AuthContext } from "../src/auth/service";
import { AuthError } from "../src/auth/errors";
import type { Limiter } from "../src/limits/limiter";
import { resetDatabase } from "./helpers/db";
import { config } from "./helpers/tokens";

/**
 * Password guessing under concurrency: the attempt is counted by the account's Durable Object
 * before the password is checked, so a burst gets no more checks than a slow trickle.
 */
const EMAIL = "target@example.com";
const PASSWORD = "the right password";

const login$ = (password: string, ip: string) =>
  exports.default.fetch("http://adam.test/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ email: EMAIL, password }),
  });

beforeEach(async () => {
  await reset();
  await resetDatabase();
  const res = await exports.default.fetch("http://adam.test/api/v1/auth/signup", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.1" },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`sign-up answered ${res.status}`);
});

async function burst(n: number, ip: (i: number) => string) {
  const statuses = await Promise.all(
    Array.from({ length: n }, (_, i) => login$(`wrong guess ${i}`, ip(i)).then((r) => r.status)),
  );
  return { checked: statuses.filter((s) => s === 401).length, refused: statuses.filter((s) => s === 429).length };
}

describe("password guessing", () => {
  it(
    "500 concurrent wrong passwords from 500 addresses get at most 5 checked, and the right password is refused until the lock ends",
    { timeout: 60_000 },
    async () => {
      const { checked, refused } = await burst(500, (i) => `10.${Math.floor(i / 250)}.${i % 250}.1`);
      expect(checked).toBeLessThanOrEqual(5);
      expect(checked + refused).toBe(500);
      const right = await login$(PASSWORD, "198.51.100.77");
      expect(right.status).toBe(429);
      expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(800);
    },
  );

  it(
    "five bursts of 200 from one address get no more checks than one slow guess after another",
    { timeout: 60_000 },
    async () => {
      let checked = 0;
      for (let round = 0; round < 5; round++) checked += (await burst(200, () => "203.0.113.9")).checked;
      expect(checked).toBeLessThanOrEqual(5);
    },
  );

  it("a user who types the password right after a few mistakes is let in, and starts over", async () => {
    for (let i = 0; i < 4; i++) expect((await login$(`a typo number ${i}`, "198.51.100.1")).status).toBe(401);
    expect((await login$(PASSWORD, "198.51.100.1")).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login$(`another typo number ${i}`, "198.51.100.1")).status).toBe(401);
    expect((await login$(PASSWORD, "198.51.100.1")).status).toBe(200);
  });
});

describe("when the account's counter cannot be reached", () => {
  it("refuses the login (fail closed) without checking the password", async () => {
    const down: Limiter = {
      attempt: async (key) => {
        if (key.startsWith("login:account:")) throw new Error("Durable Object unreachable");
        return { allowed: true, retryAfterSeconds: 0 };
      },
      refund: async () => undefined,
      reset: async () => undefined,
    };
    let usersRead = 0;
    const ctx = {
      db: new Proxy({}, { get: () => () => void usersRead++ }),
      config,
      kv: undefined,
      limiter: down,
      ip: "198.51.100.5",
      userAgent: null,
      nowMs: Date.now(),
    } as unknown as AuthContext;
    const error = await login(ctx, { email: EMAIL, password: PASSWORD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: "lockout_unavailable", retryAfterSeconds: 30 });
    expect(usersRead).toBe(0);
  });

  it("lets the login through when only the IP's counter is down (fail open)", async () => {
    const ipDown: Limiter = {
      attempt: async (key) => {
        if (key.startsWith("login:ip:")) throw new Error("Durable Object unreachable");
        return { allowed: false, retryAfterSeconds: 60 };
      },
      refund: async () => undefined,
      reset: async () => undefined,
    };
    const ctx = { config, limiter: ipDown, ip: "198.51.100.6", nowMs: Date.now() } as unknown as AuthContext;
    // the account's counter answers (here: locked), so the IP's outage changed nothing
    const error = await login(ctx, { email: EMAIL, password: PASSWORD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ reason: "account_locked", retryAfterSeconds: 60 });
  });
});
