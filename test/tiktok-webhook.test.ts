import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { hmacSha256, toHex } from "../src/lib/crypto";
import { resetDatabase, sql } from "./helpers/db";
import { sim } from "./helpers/simulator";

const SECRET = "test-client-secret";
let accountId: string;

async function signed(body: string, t = Math.floor(Date.now() / 1000), secret = SECRET) {
  return `t=${t},s=${toHex(await hmacSha256(secret, `${t}.${body}`))}`;
}

const deliver = (body: string, signature?: string, extra: Record<string, string> = {}) =>
  exports.default.fetch("http://adam.test/tiktok/webhook", {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "tiktok-signature": signature } : {}), ...extra },
    body,
  });

const removal = (openId: string, createTime = Math.floor(Date.now() / 1000)) =>
  JSON.stringify({
    client_key: "test-client-key",
    event: "authorization.removed",
    create_time: createTime,
    user_openid: openId,
    content: JSON.stringify({ reason: 1 }),
  });

async function accountState() {
  const [row] = (await sql`SELECT a.status, a.status_reason, (SELECT count(*)::int FROM tiktok_credentials c
    WHERE c.account_id = a.id) AS credentials FROM tiktok_accounts a WHERE a.id = ${accountId}`) as Record<
    string,
    unknown
  >[];
  return row;
}

/** The Adam users holding the account. */
async function holders() {
  const rows = (await sql`SELECT user_id::text AS id FROM identity.user_tiktok_accounts
    WHERE tiktok_account_id = ${accountId} AND released_at IS NULL`) as { id: string }[];
  return rows.map((r) => r.id);
}

let holder: string;

beforeEach(async () => {
  await resetDatabase();
  const [row] = (await sql`INSERT INTO tiktok_accounts (open_id) VALUES ('open-hook') RETURNING id::text AS id`) as {
    id: string;
  }[];
  accountId = row!.id;
  await sql`INSERT INTO tiktok_credentials (account_id, access_token_ciphertext, refresh_token_ciphertext, key_version,
    scope, access_expires_at, refresh_expires_at, updated_at)
    VALUES (${accountId}, 'v1.x.y', 'v1.x.z', 1, 'video.list', now(), now(), now() - interval '1 hour')`;
  const [user] = (await sql`INSERT INTO identity.users (email, password_hash) VALUES ('holder@example.com', 'x')
    RETURNING id::text AS id`) as { id: string }[];
  holder = user!.id;
  await sql`INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id, created_at)
    VALUES (${holder}, ${accountId}, now() - interval '1 hour')`;
});

describe("POST /tiktok/webhook", () => {
  it("accepts a delivery signed by the simulator, marks the account and wipes its tokens", async () => {
    const delivery = await sim.authorizationRemoved({ open_id: "open-hook", reason: 1 });
    const res = await deliver(
      delivery.body,
      delivery.headers["TikTok-Signature"] ?? delivery.headers["tiktok-signature"],
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "disconnected" });
    expect(await accountState()).toEqual({
      status: "revoked",
      status_reason: "authorization removed: user disconnected Adam in TikTok",
      credentials: 0,
    });
  });

  it("takes the account from the user who held it, so no refreshed token lists it again", async () => {
    expect(await holders()).toEqual([holder]);
    const body = removal("open-hook");
    expect((await deliver(body, await signed(body))).status).toBe(200);
    expect(await holders()).toEqual([]);
  });

  it("schedules the account's history for deletion after the grace period, not at once", async () => {
    const body = removal("open-hook");
    await deliver(body, await signed(body));
    const [row] = (await sql`SELECT round(extract(epoch FROM delete_after - now()) / 86400)::int AS days
      FROM tiktok_accounts WHERE id = ${accountId}`) as { days: number }[];
    expect(row!.days).toBe(30);
  });

  it("treats a duplicate delivery as harmless", async () => {
    const body = removal("open-hook");
    const signature = await signed(body);
    expect((await deliver(body, signature)).status).toBe(200);
    const again = await deliver(body, signature);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { outcome: string }).outcome).toBe("no_change");
    expect((await accountState())?.status).toBe("revoked");
    expect(await holders()).toEqual([]);
  });

  it("still ends the links when a retried delivery finds the account already revoked", async () => {
    const body = removal("open-hook");
    await sql`UPDATE tiktok_accounts SET status = 'revoked' WHERE id = ${accountId}`;
    await sql`DELETE FROM tiktok_credentials WHERE account_id = ${accountId}`;
    expect((await deliver(body, await signed(body))).status).toBe(200);
    expect(await holders()).toEqual([]);
  });

  it("acknowledges an unknown event and changes nothing", async () => {
    const body = JSON.stringify({
      client_key: "test-client-key",
      event: "video.publish.completed",
      create_time: 1,
      content: "{}",
    });
    const res = await deliver(body, await signed(body));
    expect([res.status, await res.json()]).toEqual([200, { received: true, outcome: "ignored" }]);
    expect((await accountState())?.status).toBe("active");
  });

  it.each([
    ["a missing signature", async () => undefined, "Webhook signature missing."],
    ["a malformed signature", async () => "t=abc,s=123", "Webhook signature malformed."],
    [
      "another secret's signature",
      async (body: string) => signed(body, undefined, "not-the-secret"),
      "Webhook signature mismatch.",
    ],
    [
      "a replay from 10 minutes ago",
      async (body: string) => signed(body, Math.floor(Date.now() / 1000) - 600),
      "Webhook signature stale.",
    ],
    [
      "a signature from the future",
      async (body: string) => signed(body, Math.floor(Date.now() / 1000) + 600),
      "Webhook signature stale.",
    ],
  ])("refuses %s with 401 and stores nothing", async (_label, sign, message) => {
    const body = removal("open-hook");
    const res = await deliver(body, await sign(body));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(message);
    expect((await accountState())?.status).toBe("active");
  });

  it("refuses a body changed after signing", async () => {
    const body = removal("open-hook");
    const signature = await signed(body);
    const res = await deliver(body.replace('"reason\\":1', '"reason\\":4'), signature);
    expect(res.status).toBe(401);
    expect((await accountState())?.credentials).toBe(1);
  });

  it("refuses a 2 MB body with 413 before verifying anything", async () => {
    const body = JSON.stringify({ padding: "x".repeat(2 * 1024 * 1024) });
    const res = await deliver(body, await signed(body));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("answers a signed delivery for an unknown account with 200", async () => {
    const body = removal("open-somebody-else");
    const res = await deliver(body, await signed(body));
    expect([res.status, ((await res.json()) as { outcome: string }).outcome]).toEqual([200, "no_change"]);
  });

  it("keeps a connection made after the removal (TikTok redelivers for 72 hours)", async () => {
    await sql`UPDATE tiktok_credentials SET updated_at = now() WHERE account_id = ${accountId}`;
    await sql`UPDATE identity.user_tiktok_accounts SET created_at = now() WHERE tiktok_account_id = ${accountId}`;
    const body = removal("open-hook", Math.floor(Date.now() / 1000) - 1800);
    const res = await deliver(body, await signed(body));
    expect([res.status, ((await res.json()) as { outcome: string }).outcome]).toEqual([200, "no_change"]);
    expect(await accountState()).toEqual({ status: "active", status_reason: null, credentials: 1 });
    expect(await holders()).toEqual([holder]);
  });

  it("refuses a signed body that is not a delivery for this app", async () => {
    const body = JSON.stringify({
      client_key: "another-app",
      event: "authorization.removed",
      create_time: 1,
      user_openid: "open-hook",
    });
    expect((await deliver(body, await signed(body))).status).toBe(400);
    expect((await accountState())?.status).toBe("active");
  });
});
