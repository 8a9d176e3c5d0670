import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "./helpers/db";
import { browse, connectThroughBrowser, newUser } from "./helpers/connect";
import { describeRouteSecurity } from "./helpers/route-security";
import { sim } from "./helpers/simulator";
import { bearer } from "./helpers/tokens";
import { resetWorld } from "./helpers/world";

/** DELETE /api/v1/me: leaving Adam, with the password given again. Irreversible. */
const API = "http://adam.test/api/v1";
const PASSWORD = "a long enough password"; // newUser's

const deleteMe = (token: string, body: unknown = { password: PASSWORD }, jar?: { header(): string }) =>
  exports.default.fetch(`${API}/me`, {
    method: "DELETE",
    headers: { ...bearer(token), "content-type": "application/json", ...(jar ? { cookie: jar.header() } : {}) },
    body: JSON.stringify(body),
  });

const grantsOf = sim.grants;

async function everything() {
  const [row] = (await sql`SELECT
    (SELECT count(*)::int FROM identity.users) AS users,
    (SELECT count(*)::int FROM identity.sessions) AS sessions,
    (SELECT count(*)::int FROM identity.user_tiktok_accounts) AS links,
    (SELECT count(*)::int FROM tiktok_accounts) AS accounts,
    (SELECT count(*)::int FROM tiktok_credentials) AS credentials,
    (SELECT count(*)::int FROM tiktok_account_snapshots) AS snapshots`) as Record<string, number>[];
  return row;
}

beforeEach(resetWorld);

describe("DELETE /api/v1/me", () => {
  it("revokes TikTok for every account the user holds, erases their history, and leaves no user, session or link", async () => {
    const logged: string[] = [];
    const user = await newUser();
    await connectThroughBrowser(user, { creator: 21 });
    await connectThroughBrowser(user, { creator: 22 });
    const openIds = ((await sql`SELECT open_id FROM tiktok_accounts`) as { open_id: string }[]).map((r) => r.open_id);
    await vi.waitFor(async () => expect((await everything())!.snapshots).toBe(2), { timeout: 15_000, interval: 200 });
    for (const level of ["log", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }

    const res = await deleteMe(user.token, undefined, user.jar);
    vi.restoreAllMocks();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true, accounts_erased: 2 });
    expect(res.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
    expect(await everything()).toEqual({ users: 0, sessions: 0, links: 0, accounts: 0, credentials: 0, snapshots: 0 });
    for (const openId of openIds) expect(await grantsOf(openId)).toEqual({ codes: 0, access: 0, refresh: 0 });

    // Nothing to come back to: the refresh cookie, the password and the access token all find nothing.
    expect((await browse(user.jar, `${API}/auth/refresh`, { method: "POST" })).status).toBe(401);
    const login = await exports.default.fetch(`${API}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.200" },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(login.status).toBe(401);
    expect((await exports.default.fetch(`${API}/me`, { headers: bearer(user.token) })).status).toBe(404);

    // Logged, and the line says what happened, not who.
    const line = logged.find((l) => l.includes('"event":"user_deleted"'));
    const fields = JSON.parse(line!) as Record<string, unknown>;
    expect(fields).toMatchObject({ accountsErased: 2, revocations: { revoked: 2, queued: 0, ended: 0 } });
    expect(Object.keys(fields).toSorted()).toEqual(["accountsErased", "event", "level", "revocations", "time"]);
  });

  it("a stolen access token cannot delete the account without the password", async () => {
    const user = await newUser();
    const res = await deleteMe(user.token, { password: "a guessed password" });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await everything())!.users).toBe(1);
  });

  it("a stolen access token cannot be used to guess the password: confirmations count toward the login lockout", async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++)
      expect((await deleteMe(user.token, { password: `guess number ${i}` })).status).toBe(403);
    const right = await deleteMe(user.token);
    expect(right.status).toBe(429);
    expect((await everything())!.users).toBe(1);
  });

  it("refuses a body that is not a password confirmation", async () => {
    const user = await newUser();
    expect((await deleteMe(user.token, {})).status).toBe(422);
    expect((await deleteMe(user.token, { password: PASSWORD, confirm: true })).status).toBe(422);
    const noBody = await exports.default.fetch(`${API}/me`, { method: "DELETE", headers: bearer(user.token) });
    expect(noBody.status).toBe(415);
    expect((await everything())!.users).toBe(1);
  });
});

describeRouteSecurity([{ name: "delete me", method: "DELETE", own: () => "/api/v1/me", body: { password: PASSWORD } }]);
