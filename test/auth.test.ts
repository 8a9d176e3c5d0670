import { reset } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PBKDF2_ITERATIONS } from "../src/auth/password";
import { clearOverrideCache, OVERRIDES_KEY } from "../src/limits/overrides";
import { resetDatabase, sql } from "./helpers/db";
import { seedAccount } from "./helpers/fixtures";
import { testEnv } from "./helpers/env";
import { bearer } from "./helpers/tokens";

const BASE = "http://adam.test/api/v1";
const REFRESH = "__Host-adam_refresh";
let ipSeq = 0;
/** A distinct client IP per test, so per-IP quotas of one test never touch another. */
let ip = "";

function post(path: string, body?: unknown, headers: Record<string, string> = {}) {
  return exports.default.fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip, ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The refresh token from a Set-Cookie header, and the header's attributes. */
function refreshCookie(res: Response) {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${REFRESH}=`)) ?? "";
  return { value: new RegExp(`^${REFRESH}=([^;]*)`).exec(header)?.[1] ?? "", header };
}

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details?: unknown } }).error;
}

const CREDENTIALS = { email: "  Creator@Example.COM ", password: "correct horse battery" };

beforeEach(async () => {
  await reset(); // KV lockouts and quotas
  await resetDatabase();
  ip = `198.51.100.${++ipSeq}`;
});

describe("sign-up", () => {
  it("creates the user with a normalised email and a PBKDF2 hash, and starts a session", async () => {
    const res = await post("/auth/signup", CREDENTIALS);
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number; user: unknown };
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(900);
    const [user] = (await sql`SELECT id::text AS id, email, password_hash, tier FROM identity.users`) as Record<
      string,
      string
    >[];
    expect(body.user).toEqual({ id: user!.id, tier: "free", tiktok_account_ids: [] });
    expect(user!.email).toBe("creator@example.com");
    expect(user!.password_hash).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(user!.password_hash).not.toContain("correct horse");

    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      sub: user!.id,
      tier: "free",
      tiktok_account_ids: [],
      iss: testEnv.JWT_ISSUER,
      aud: testEnv.JWT_AUDIENCE,
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);

    const cookie = refreshCookie(res);
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    expect(cookie.header).toContain("HttpOnly");
    expect(cookie.header).toContain("Secure");
    expect(cookie.header).toContain("SameSite=Strict");
    expect(cookie.header).toContain("Path=/");
    expect(cookie.header).not.toContain("Domain");
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie.header)?.[1]);
    expect(maxAge).toBeGreaterThan(30 * 86400 - 60);
    expect(maxAge).toBeLessThanOrEqual(30 * 86400);
    const [session] = (await sql`SELECT token_hash FROM identity.sessions`) as { token_hash: string }[];
    expect(session!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(session!.token_hash).not.toBe(cookie.value);
  });

  it("answers a second sign-up with the same email (any case) with 409", async () => {
    await post("/auth/signup", CREDENTIALS);
    const res = await post("/auth/signup", { email: "creator@example.com", password: "another password" });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({
      code: "conflict",
      message: "An account with this email already exists.",
    });
  });

  it.each([
    [{ email: "not-an-email", password: "long enough pw" }, "json.email: must be an email address"],
    [{ email: "a@b.co", password: "short" }, "json.password: must be at least 10 characters"],
    [{ email: "a@b.co" }, "json.password: Invalid input: expected string, received undefined"],
    [{ email: "a@b.co", password: "long enough pw", admin: true }, 'json: Unrecognized key: "admin"'],
  ])("refuses %j with a 422 naming the field", async (body, detail) => {
    const res = await post("/auth/signup", body);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain(detail);
    expect(await sql`SELECT 1 FROM identity.users`).toEqual([]);
  });

  it("refuses malformed JSON, a wrong content type and an oversized body", async () => {
    const malformed = await post("/auth/signup", "{ not json");
    expect([malformed.status, (await errorOf(malformed)).code]).toEqual([400, "invalid_json"]);
    const wrongType = await post("/auth/signup", JSON.stringify(CREDENTIALS), { "content-type": "text/plain" });
    expect([wrongType.status, (await errorOf(wrongType)).code]).toEqual([415, "unsupported_media_type"]);
    const huge = await post("/auth/signup", { ...CREDENTIALS, padding: "x".repeat(10_000) });
    expect([huge.status, (await errorOf(huge)).code]).toEqual([413, "payload_too_large"]);
    expect(await sql`SELECT 1 FROM identity.users`).toEqual([]);
  });

  it("limits sign-ups per IP", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await post("/auth/signup", { email: `u${i}@example.com`, password: "long enough pw" })).status).toBe(201);
    }
    const res = await post("/auth/signup", { email: "u10@example.com", password: "long enough pw" });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(3000);
  });
});

describe("login", () => {
  beforeEach(async () => {
    await post("/auth/signup", CREDENTIALS);
  });

  it("logs in with the email in any case and returns a fresh session", async () => {
    const res = await post("/auth/login", { email: "CREATOR@example.com", password: "correct horse battery" });
    expect(res.status).toBe(200);
    expect(refreshCookie(res).value).toMatch(/^[\w-]{43}$/);
    expect(await sql`SELECT count(*)::int AS n FROM identity.sessions`).toEqual([{ n: 2 }]);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const wrong = await post("/auth/login", { email: "creator@example.com", password: "wrong password!" });
    const unknown = await post("/auth/login", { email: "nobody@example.com", password: "wrong password!" });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect({ ...(await errorOf(wrong)), request_id: "" }).toEqual({ ...(await errorOf(unknown)), request_id: "" });
  });

  it("locks the account for 15 minutes after 5 failures, even against the right password", async () => {
    for (let i = 0; i < 5; i++) {
      ip = `203.0.113.${i + 1}`; // spread over IPs: the account lock, not the IP lock, must trip
      expect(
        (await post("/auth/login", { email: "creator@example.com", password: `wrong ${i} password` })).status,
      ).toBe(401);
    }
    ip = "203.0.113.99";
    const locked = await post("/auth/login", { email: "creator@example.com", password: "correct horse battery" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(await errorOf(locked)).toMatchObject({
      code: "rate_limited",
      message: "Too many failed logins; try again later.",
    });
  });

  it("locks an IP out after 20 failures across accounts", async () => {
    for (let i = 0; i < 20; i++) {
      await post("/auth/login", { email: `guess${i}@example.com`, password: "wrong password!" });
    }
    const res = await post("/auth/login", { email: "creator@example.com", password: "correct horse battery" });
    expect(res.status).toBe(429);
  });
});

describe("refresh and logout", () => {
  let first: string;
  beforeEach(async () => {
    first = refreshCookie(await post("/auth/signup", CREDENTIALS)).value;
  });

  const refresh = (token: string, headers: Record<string, string> = {}) =>
    post("/auth/refresh", undefined, { cookie: `${REFRESH}=${token}`, ...headers });

  it("rotates the refresh token and returns a new access token", async () => {
    const res = await refresh(first);
    expect(res.status).toBe(200);
    const second = refreshCookie(res).value;
    expect(second).toMatch(/^[\w-]{43}$/);
    expect(second).not.toBe(first);
    const body = (await res.json()) as { access_token: string };
    expect(decodeJwt(body.access_token).tier).toBe("free");
    expect((await refresh(second)).status).toBe(200);
  });

  it("puts newly linked accounts into the next access token", async () => {
    await sql`INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id) SELECT id, 42 FROM identity.users`;
    const body = (await (await refresh(first)).json()) as {
      access_token: string;
      user: { tiktok_account_ids: string[] };
    };
    expect(body.user.tiktok_account_ids).toEqual(["42"]);
    expect(decodeJwt(body.access_token).tiktok_account_ids).toEqual(["42"]);
  });

  it("ends the whole session when a rotated refresh token is used again", async () => {
    const second = refreshCookie(await refresh(first)).value;
    const replay = await refresh(first);
    expect(replay.status).toBe(401);
    expect((await errorOf(replay)).message).toBe(
      "This session was ended because its refresh token was used twice; log in again.",
    );
    expect(refreshCookie(replay).header).toContain("Max-Age=0");
    // the thief's replay also killed the legitimate successor
    expect((await refresh(second)).status).toBe(401);
  });

  it("lets exactly one of two concurrent refreshes with the same token win", async () => {
    const [a, b] = await Promise.all([refresh(first), refresh(first)]);
    expect([a.status, b.status].toSorted()).toEqual([200, 401]);
  });

  it("refuses a missing or unknown refresh token", async () => {
    expect((await post("/auth/refresh")).status).toBe(401);
    expect((await refresh("A".repeat(43))).status).toBe(401);
  });

  it("refuses a refresh from a foreign origin", async () => {
    const res = await refresh(first, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await refresh(first, { origin: "http://dashboard.test" })).status).toBe(200);
  });

  it("logs out: the session ends and the cookie is cleared", async () => {
    const res = await post("/auth/logout", undefined, { cookie: `${REFRESH}=${first}` });
    expect(res.status).toBe(204);
    expect(refreshCookie(res).header).toContain("Max-Age=0");
    expect((await refresh(first)).status).toBe(401);
  });
});

describe("GET /me", () => {
  it("returns the signed-in user from the users table", async () => {
    const session = (await (await post("/auth/signup", CREDENTIALS)).json()) as {
      access_token: string;
      user: { id: string };
    };
    const res = await exports.default.fetch(`${BASE}/me`, { headers: bearer(session.access_token) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: session.user.id,
      email: "creator@example.com",
      tier: "free",
      tiktok_account_ids: [],
    });
    expect(typeof body.created_at).toBe("string");
  });

  it("requires a token", async () => {
    expect((await exports.default.fetch(`${BASE}/me`)).status).toBe(401);
  });
});

describe("session routes have a budget of their own", () => {
  let cookie: string;
  let session: { access_token: string; user: { id: string } };
  beforeEach(async () => {
    const res = await post("/auth/signup", CREDENTIALS);
    cookie = refreshCookie(res).value;
    session = (await res.json()) as typeof session;
  });
  afterEach(async () => {
    await env.KV.delete(OVERRIDES_KEY);
    clearOverrideCache();
  });

  it("refuses the 31st renewal a minute from one address, before the database", async () => {
    const statuses = [];
    for (let i = 0; i < 31; i++) {
      const res = await post("/auth/refresh", undefined, { cookie: `${REFRESH}=${cookie}` });
      statuses.push(res.status);
      if (res.status === 200) cookie = refreshCookie(res).value;
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("signing in, renewing and asking who is signed in never spend the free plan's ten data requests", async () => {
    const account = await seedAccount("open-budget");
    await sql`INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id) VALUES (${session.user.id}, ${account})`;
    let token = session.access_token;
    for (let i = 0; i < 5; i++) {
      const res = await post("/auth/refresh", undefined, { cookie: `${REFRESH}=${cookie}` });
      cookie = refreshCookie(res).value;
      token = ((await res.json()) as { access_token: string }).access_token;
      expect((await exports.default.fetch(`${BASE}/me`, { headers: bearer(token) })).status).toBe(200);
    }
    for (let days = 1; days <= 10; days++) {
      const res = await exports.default.fetch(`${BASE}/accounts/${account}/snapshots?days=${days}`, {
        headers: bearer(token),
      });
      expect(res.status, `data request ${days}`).toBe(200);
    }
  });

  it("refuses a blocked user's renewal and ends the session, and refuses /me", async () => {
    await env.KV.put(OVERRIDES_KEY, JSON.stringify({ users: { [session.user.id]: { blocked: true } } }));
    clearOverrideCache();
    const res = await post("/auth/refresh", undefined, { cookie: `${REFRESH}=${cookie}` });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toBe("This account is suspended; contact support.");
    const me = await exports.default.fetch(`${BASE}/me`, { headers: bearer(session.access_token) });
    expect(me.status).toBe(403);
    // unblocked later, the old session stays ended: they log in again
    await env.KV.delete(OVERRIDES_KEY);
    clearOverrideCache();
    expect((await post("/auth/refresh", undefined, { cookie: `${REFRESH}=${cookie}` })).status).toBe(401);
  });

  it("refuses a blocked user a new session at log-in", async () => {
    await env.KV.put(OVERRIDES_KEY, JSON.stringify({ users: { [session.user.id]: { blocked: true } } }));
    clearOverrideCache();
    const res = await post("/auth/login", { email: "creator@example.com", password: "correct horse battery" });
    expect(res.status).toBe(403);
    expect(await sql`SELECT count(*)::int AS n FROM identity.sessions`).toEqual([{ n: 1 }]);
  });
});

describe("absolute session lifetime", () => {
  let cookie: string;
  beforeEach(async () => {
    cookie = refreshCookie(await post("/auth/signup", CREDENTIALS)).value;
  });
  const renew = () => post("/auth/refresh", undefined, { cookie: `${REFRESH}=${cookie}` });

  it("a stolen refresh token renewed every day still dies 90 days after the log-in", async () => {
    // the family's log-in was 89 days and 23 hours ago: renewals now expire at the 90-day mark, not 30 days on
    await sql`UPDATE identity.sessions SET authenticated_at = now() - interval '89 days 23 hours'`;
    const res = await renew();
    expect(res.status).toBe(200);
    const maxAge = Number(/Max-Age=(\d+)/.exec(refreshCookie(res).header)?.[1]);
    expect(maxAge).toBeGreaterThan(3540);
    expect(maxAge).toBeLessThanOrEqual(3600);
    const [row] = (await sql`SELECT extract(epoch FROM expires_at - now())::int AS left FROM identity.sessions
      WHERE rotated_at IS NULL`) as { left: number }[];
    expect(row!.left).toBeLessThanOrEqual(3600);
  });

  it("refuses a renewal once 90 days have passed since the log-in, however recently it was renewed", async () => {
    await sql`UPDATE identity.sessions SET authenticated_at = now() - interval '90 days 1 minute'`;
    const res = await renew();
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toBe("Session expired or ended: log in again.");
  });

  it("starts a new 90 days at each log-in", async () => {
    const res = await post("/auth/login", { email: "creator@example.com", password: "correct horse battery" });
    const [row] = (await sql`SELECT extract(epoch FROM now() - authenticated_at)::int AS age FROM identity.sessions
      ORDER BY created_at DESC LIMIT 1`) as { age: number }[];
    expect(res.status).toBe(200);
    expect(row!.age).toBeLessThan(60);
  });
});
