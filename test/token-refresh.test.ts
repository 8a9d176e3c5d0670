import { beforeEach, describe, expect, it } from "vitest";
import { createTiktokDb } from "../src/db/client";
import { readCredentials } from "../src/db/queries/credentials";
import { loadConfig } from "../src/env";
import { createTikTokClient } from "../src/tiktok/client";
import { NeedsReconnectError, refreshDeadline, usableAccessToken } from "../src/connections/credentials";
import { createTokenVault } from "../src/connections/token-vault";
import { sql } from "./helpers/db";
import { connectThroughBrowser, newUser } from "./helpers/connect";
import { resetWorld } from "./helpers/world";
import { testEnv } from "./helpers/env";
import { ALL_SCOPES, sim } from "./helpers/simulator";

const config = loadConfig(testEnv);
const vault = createTokenVault(config.tokenKeys);
const client = createTikTokClient({ ...config.tiktok, baseDelayMs: 5 });

/** One snapshot job's view: its own database client, reading (and maybe leasing) the credentials. */
async function job(accountId: string) {
  const db = createTiktokDb(config);
  const deps = { db, vault, client, now: Date.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const current = await readCredentials(db, accountId, refreshDeadline(Date.now()));
  return usableAccessToken(deps, current, accountId);
}

async function connected(creator: number) {
  const { dashboard } = await connectThroughBrowser(await newUser(), { creator });
  return dashboard.searchParams.get("connected") as string;
}

beforeEach(resetWorld);

describe("refreshing TikTok tokens", () => {
  it("uses a token that outlives the next cycle as it is, without asking TikTok", async () => {
    const id = await connected(21);
    await sim.resetCalls();
    const token = await job(id);
    expect(token.refreshed).toBe(false);
    expect((await sim.calls()).refresh).toBe(0);
  });

  it("lets only one of two racing jobs refresh, and both end with a valid token", async () => {
    const id = await connected(22);
    await sql`UPDATE tiktok_credentials SET access_expires_at = now() + interval '5 minutes' WHERE account_id = ${id}`;
    const [before] = (await sql`SELECT version FROM tiktok_credentials WHERE account_id = ${id}`) as {
      version: number;
    }[];
    await sim.resetCalls();

    const [a, b] = await Promise.all([job(id), job(id)]);

    expect((await sim.calls()).refresh).toBe(1);
    expect([a.refreshed, b.refreshed].toSorted()).toEqual([false, true]);
    expect(a.accessToken).toBe(b.accessToken);
    for (const token of [a, b]) {
      expect((await client.userInfo(token.accessToken, ALL_SCOPES)).user.open_id).toMatch(/./);
    }
    const [after] =
      (await sql`SELECT version, refresh_lease_until, access_expires_at > now() + interval '1 hour' AS fresh,
      access_token_ciphertext LIKE 'v1.%' AS sealed FROM tiktok_credentials WHERE account_id = ${id}`) as Record<
        string,
        unknown
      >[];
    expect(after).toEqual({ version: before!.version + 1, refresh_lease_until: null, fresh: true, sealed: true });
    // the rotated refresh token is the live one: a later refresh works
    await sql`UPDATE tiktok_credentials SET access_expires_at = now() WHERE account_id = ${id}`;
    expect((await job(id)).refreshed).toBe(true);
  });

  it("disconnects the account when TikTok refuses the refresh token", async () => {
    const id = await connected(23);
    await sql`UPDATE tiktok_credentials SET access_expires_at = now() WHERE account_id = ${id}`;
    await sim.fault({ kind: "invalid_grant", endpoint: "token", count: 1 });
    await expect(job(id)).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(await sql`SELECT status FROM tiktok_accounts WHERE id = ${id}`).toEqual([{ status: "needs_reconnect" }]);
    expect(await sql`SELECT count(*)::int AS n FROM tiktok_credentials`).toEqual([{ n: 0 }]);
  });

  it("re-encrypts with the newest key when tokens rotate after a key rotation", async () => {
    const id = await connected(24);
    await sql`UPDATE tiktok_credentials SET access_expires_at = now() WHERE account_id = ${id}`;
    const rotated = loadConfig({
      ...testEnv,
      TOKEN_ENCRYPTION_KEYS: `${testEnv.TOKEN_ENCRYPTION_KEYS},2:dGVzdC1rZXktdmVyc2lvbi10d28tMzItYnl0ZXMtISE=`,
    });
    const db = createTiktokDb(rotated);
    const deps = { db, vault: createTokenVault(rotated.tokenKeys), client, now: Date.now };
    const token = await usableAccessToken(deps, await readCredentials(db, id, refreshDeadline(Date.now())), id);
    expect(token.refreshed).toBe(true);
    expect(await sql`SELECT key_version, access_token_ciphertext LIKE 'v2.%' AS v2 FROM tiktok_credentials`).toEqual([
      { key_version: 2, v2: true },
    ]);
  });
});
