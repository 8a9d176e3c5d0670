import { exports } from "cloudflare:workers";
import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "./helpers/db";
import { browse, connectThroughBrowser, newUser, type CookieJar } from "./helpers/connect";
import { describeForeignIds, describeRouteSecurity } from "./helpers/route-security";
import { sim } from "./helpers/simulator";
import { signAccessToken } from "../src/auth/jwt";
import { bearer, config, tokenFor } from "./helpers/tokens";
import { resetWorld } from "./helpers/world";

/**
 * Who holds a TikTok account, and how it ends: TikTok's consent is the authority (a connect from
 * another Adam user moves the account), and a creator can disconnect it, which revokes Adam at
 * TikTok, wipes the tokens, stops the schedule and, after a grace period or at once, deletes the
 * history.
 */
const API = "http://adam.test/api/v1";

type User = Awaited<ReturnType<typeof newUser>>;

/** A fresh access token from the refresh cookie, as the dashboard gets one. */
async function refreshed(user: { jar: CookieJar }) {
  const res = await browse(user.jar, `${API}/auth/refresh`, { method: "POST" });
  expect(res.status).toBe(200);
  const { access_token } = (await res.json()) as { access_token: string };
  return { token: access_token, accounts: decodeJwt(access_token).tiktok_account_ids as string[] };
}

/** A user holding creator `creator`'s account, with a token that lists it. */
async function holderOf(creator: number) {
  const user = await newUser();
  const { dashboard } = await connectThroughBrowser(user, { creator });
  const accountId = dashboard.searchParams.get("connected") as string;
  const { token } = await refreshed(user);
  return { ...user, token, accountId };
}

const disconnect = (user: { token: string }, accountId: string, query = "") =>
  exports.default.fetch(`${API}/accounts/${accountId}${query}`, { method: "DELETE", headers: bearer(user.token) });

const metrics = (token: string, accountId: string) =>
  exports.default.fetch(`${API}/accounts/${accountId}/metrics`, { headers: bearer(token) });

async function accountRow(accountId: string) {
  const [row] = (await sql`SELECT a.status, a.status_reason, a.open_id,
      round(extract(epoch FROM a.delete_after - now()) / 86400)::int AS delete_in_days,
      (SELECT count(*)::int FROM tiktok_credentials c WHERE c.account_id = a.id) AS credentials,
      (SELECT count(*)::int FROM tiktok_account_snapshots s WHERE s.account_id = a.id) AS snapshots
    FROM tiktok_accounts a WHERE a.id = ${accountId}`) as Record<string, unknown>[];
  return row;
}

const grantsOf = sim.grants;

async function firstSnapshot(accountId: string) {
  await vi.waitFor(async () => expect((await accountRow(accountId))?.snapshots).toBeGreaterThan(0), {
    timeout: 15_000,
    interval: 200,
  });
}

beforeEach(resetWorld);

describe("who holds a TikTok account", () => {
  it("a creator who connects from another Adam user takes the account: the first user's refreshed token no longer lists it, and reading it is a 404", async () => {
    const first = await holderOf(11);
    expect((await metrics(first.token, first.accountId)).status).toBe(200);

    const second = await newUser();
    const { dashboard } = await connectThroughBrowser(second, { creator: 11 });
    expect(dashboard.searchParams.get("connected")).toBe(first.accountId);
    expect(await sql`SELECT user_id::text AS id FROM identity.user_tiktok_accounts`).toEqual([{ id: second.userId }]);

    const again = await refreshed(first);
    expect(again.accounts).toEqual([]);
    const refused = await metrics(again.token, first.accountId);
    expect(refused.status).toBe(404);
    expect((await refreshed(second)).accounts).toEqual([first.accountId]);
  });

  it("a user whose old token still lists an account that moved away cannot disconnect it from its new holder", async () => {
    const first = await holderOf(12);
    const second = await newUser();
    await connectThroughBrowser(second, { creator: 12 });

    const res = await disconnect(first, first.accountId); // first.token still lists the account
    expect(res.status).toBe(404);
    expect(await accountRow(first.accountId)).toMatchObject({ status: "active", credentials: 1 });
    expect(
      ((await grantsOf((await accountRow(first.accountId))!.open_id as string)) as { access: number }).access,
    ).toBeGreaterThan(0);
  });

  it("a stale claim lasts one access token at most: a token minted before the move is refused once it expires", async () => {
    const holder = await holderOf(13);
    const minted = Math.floor(Date.now() / 1000) - 901; // 15 minutes and a second ago
    const { token } = await signAccessToken(
      { sub: holder.userId, tier: "free", tiktokAccountIds: [holder.accountId] },
      config.jwt,
      minted - 30, // and past the 30 s clock skew
    );
    const res = await metrics(token, holder.accountId);
    expect(res.status).toBe(401);
  });
});

describe("DELETE /api/v1/accounts/{id}", () => {
  it("revokes Adam at TikTok, wipes the tokens, stops collecting and drops the account from the next token", async () => {
    const holder = await holderOf(14);
    await firstSnapshot(holder.accountId);
    const openId = (await accountRow(holder.accountId))!.open_id as string;
    expect(await grantsOf(openId)).toMatchObject({ access: 1, refresh: 1 });

    const res = await disconnect(holder, holder.accountId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({
      account_id: holder.accountId,
      tiktok_access: "revoked",
      history: "scheduled_for_deletion",
    });
    expect(Math.round((Date.parse(body.delete_after as string) - Date.now()) / 86_400_000)).toBe(30);

    // TikTok no longer lists Adam among the creator's apps; Adam keeps no token and no schedule.
    expect(await grantsOf(openId)).toEqual({ codes: 0, access: 0, refresh: 0 });
    expect(await accountRow(holder.accountId)).toMatchObject({
      status: "revoked",
      credentials: 0,
      delete_in_days: 30,
      snapshots: 1,
    });
    expect(await sql`SELECT released_at IS NOT NULL AS released FROM identity.user_tiktok_accounts`).toEqual([
      { released: true },
    ]);
    const next = await refreshed(holder);
    expect(next.accounts).toEqual([]);
    expect((await metrics(next.token, holder.accountId)).status).toBe(404);
    // and a second request finds nothing to disconnect
    expect((await disconnect(holder, holder.accountId)).status).toBe(404);
  });

  it("with erase=true deletes the account's whole history at once", async () => {
    const holder = await holderOf(15);
    await firstSnapshot(holder.accountId);
    const res = await disconnect(holder, holder.accountId, "?erase=true");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tiktok_access: "revoked", history: "deleted", delete_after: null });
    expect(await accountRow(holder.accountId)).toBeUndefined();
    const [left] = (await sql`SELECT
      (SELECT count(*)::int FROM tiktok_videos) + (SELECT count(*)::int FROM tiktok_video_snapshots) +
      (SELECT count(*)::int FROM tiktok_account_snapshots) + (SELECT count(*)::int FROM tiktok_ingest_logs
        WHERE account_id = ${holder.accountId}) AS n`) as { n: number }[];
    expect(left!.n).toBe(0);
  });

  it("reconnecting within the grace period calls the deletion off and keeps the history", async () => {
    const holder = await holderOf(16);
    await firstSnapshot(holder.accountId);
    await disconnect(holder, holder.accountId);
    await connectThroughBrowser(holder, { creator: 16 });
    expect(await accountRow(holder.accountId)).toMatchObject({
      status: "active",
      delete_in_days: null,
      credentials: 1,
    });
    expect(((await accountRow(holder.accountId))!.snapshots as number) >= 1).toBe(true);
  });

  it("when TikTok does not answer, still ends Adam's access at once and finishes the revocation from the queue", async () => {
    const holder = await holderOf(17);
    const openId = (await accountRow(holder.accountId))!.open_id as string;
    // the request's three attempts fail, and the queue job's first three too
    await sim.fault({ kind: "server_error", endpoint: "revoke", count: 6 });
    const res = await disconnect(holder, holder.accountId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tiktok_access: "revoking" });
    expect(await accountRow(holder.accountId)).toMatchObject({ status: "revoked", credentials: 0 });
    await vi.waitFor(async () => expect(await grantsOf(openId)).toEqual({ codes: 0, access: 0, refresh: 0 }), {
      timeout: 15_000,
      interval: 200,
    });
    const failures = (await sql`SELECT kind, status FROM tiktok_ingest_logs WHERE kind = 'revoke'`) as unknown[];
    expect(failures).toEqual([{ kind: "revoke", status: "failed" }]);
  });

  it("deleting the Adam account afterwards erases the history kept for the grace period too", async () => {
    const holder = await holderOf(19);
    await firstSnapshot(holder.accountId);
    await disconnect(holder, holder.accountId);
    const res = await exports.default.fetch(`${API}/me`, {
      method: "DELETE",
      headers: { ...bearer(holder.token), "content-type": "application/json" },
      body: JSON.stringify({ password: "a long enough password" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true, accounts_erased: 1 });
    expect(await accountRow(holder.accountId)).toBeUndefined();
  });

  it("a released account connected since by someone else is theirs: deleting the first user leaves it", async () => {
    const first = await holderOf(20);
    await disconnect(first, first.accountId);
    const second = await newUser();
    await connectThroughBrowser(second, { creator: 20 });
    const res = await exports.default.fetch(`${API}/me`, {
      method: "DELETE",
      headers: { ...bearer(first.token), "content-type": "application/json" },
      body: JSON.stringify({ password: "a long enough password" }),
    });
    expect(await res.json()).toEqual({ deleted: true, accounts_erased: 0 });
    expect(await accountRow(first.accountId)).toMatchObject({ status: "active", credentials: 1 });
  });

  it("refuses an unknown query parameter or a bad erase value", async () => {
    const holder = await holderOf(18);
    expect((await disconnect(holder, holder.accountId, "?erase=yes")).status).toBe(400);
    expect((await disconnect(holder, holder.accountId, "?force=true")).status).toBe(400);
    expect(await accountRow(holder.accountId)).toMatchObject({ status: "active" });
  });
});

let someone: User | undefined;
const DISCONNECT = {
  name: "disconnect",
  method: "DELETE",
  own: () => "/api/v1/accounts/1",
  foreign: () => "/api/v1/accounts/2",
  missing: () => "/api/v1/accounts/987654",
  token: async () => tokenFor({ sub: (someone ??= await newUser()).userId, tiktokAccountIds: ["1"] }),
} as const;
describeRouteSecurity([DISCONNECT]);
describeForeignIds([DISCONNECT]);
