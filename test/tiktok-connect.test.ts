import { exports } from "cloudflare:workers";
import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "./helpers/db";
import { browse, connectThroughBrowser, CookieJar, newUser } from "./helpers/connect";
import { resetWorld } from "./helpers/world";
import { SIM, sim } from "./helpers/simulator";

/** Everything the connect flow could have stored, for "stores nothing" checks. */
async function stored() {
  const [counts] = (await sql`SELECT
    (SELECT count(*)::int FROM tiktok_accounts) AS accounts,
    (SELECT count(*)::int FROM tiktok_credentials) AS credentials,
    (SELECT count(*)::int FROM identity.user_tiktok_accounts) AS links`) as Record<string, number>[];
  return counts;
}

/** The state of a connect the dashboard started for `user` (asking for JSON, not the redirect). */
async function startedState(user: { jar: CookieJar; token: string }): Promise<string> {
  const start = await browse(user.jar, "http://adam.test/api/v1/tiktok/connect", {
    headers: { authorization: `Bearer ${user.token}`, accept: "application/json" },
  });
  const { authorize_url } = (await start.json()) as { authorize_url: string };
  return new URL(authorize_url).searchParams.get("state") as string;
}

beforeEach(resetWorld);

describe("connecting a TikTok account", () => {
  it("follows the browser flow, stores only ciphertext, links the account and takes a first snapshot", async () => {
    const logged: string[] = [];
    for (const level of ["log", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    const user = await newUser();
    const { authorize, dashboard } = await connectThroughBrowser(user, { creator: 3 });

    const url = new URL(authorize);
    expect(`${url.origin}${url.pathname}`).toBe(`${SIM}/v2/auth/authorize/`);
    expect(url.searchParams.get("client_key")).toBe("test-client-key");
    expect(url.searchParams.get("scope")).toBe("user.info.basic,user.info.profile,user.info.stats,video.list");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("redirect_uri")).toBe("http://adam.test/tiktok/callback");
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{43}$/);

    const [account] =
      (await sql`SELECT id::text AS id, open_id, status, granted_scopes FROM tiktok_accounts`) as Record<
        string,
        unknown
      >[];
    expect(dashboard.toString()).toBe(`http://dashboard.test/app/?connected=${account!.id}`);
    expect(account).toMatchObject({
      status: "active",
      granted_scopes: ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"],
    });
    expect(await sql`SELECT user_id::text AS user_id FROM identity.user_tiktok_accounts`).toEqual([
      { user_id: user.userId },
    ]);

    // Only ciphertext at rest: no token TikTok issued appears anywhere in the credentials row.
    const [credentials] = (await sql`SELECT row_to_json(c)::text AS row, key_version FROM tiktok_credentials c`) as {
      row: string;
      key_version: number;
    }[];
    expect(credentials!.row).not.toMatch(/act\.|rft\./);
    expect(credentials!.row).toMatch(/"access_token_ciphertext":"v1\.[\w-]+\.[\w-]+"/);
    expect(credentials!.key_version).toBe(1);

    // The next token carries the account, and the first snapshot arrives through the queue.
    const refreshed = await browse(user.jar, "http://adam.test/api/v1/auth/refresh", { method: "POST" });
    const { access_token } = (await refreshed.json()) as { access_token: string };
    expect(decodeJwt(access_token).tiktok_account_ids).toEqual([account!.id]);
    await vi.waitFor(
      async () => {
        const [row] =
          (await sql`SELECT count(*)::int AS n FROM tiktok_account_snapshots WHERE account_id = ${account!.id}`) as {
            n: number;
          }[];
        expect(row!.n).toBe(1);
      },
      { timeout: 15_000, interval: 200 },
    );
    // the connect, the code exchange and the first snapshot logged, and no token was in any line
    vi.restoreAllMocks();
    expect(logged.some((line) => line.includes('"event":"tiktok_connected"'))).toBe(true);
    expect(logged.filter((line) => /act\.|rft\.|__Host-adam_refresh=|__Host-adam_oauth_state=/.test(line))).toEqual([]);
  });

  it("answers as JSON for a dashboard that navigates itself", async () => {
    const user = await newUser();
    const res = await browse(user.jar, "http://adam.test/api/v1/tiktok/connect", {
      headers: { authorization: `Bearer ${user.token}`, accept: "application/json" },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { authorize_url: string };
    expect(new URL(body.authorize_url).pathname).toBe("/v2/auth/authorize/");
    expect(user.jar.get("__Host-adam_oauth_state")).toBe(new URL(body.authorize_url).searchParams.get("state"));
  });

  it("requires a signed-in user", async () => {
    const res = await browse(new CookieJar(), "http://adam.test/api/v1/tiktok/connect");
    expect(res.status).toBe(401);
  });

  it("marks an account whose user withheld a needed scope, and does not schedule it", async () => {
    const user = await newUser();
    const { dashboard } = await connectThroughBrowser(user, { creator: 4, grant: ["user.info.profile", "video.list"] });
    expect(dashboard.searchParams.get("connected")).toMatch(/^\d+$/);
    expect(await sql`SELECT status, status_reason FROM tiktok_accounts`).toEqual([
      { status: "missing_scopes", status_reason: "not granted: user.info.stats" },
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await sql`SELECT count(*)::int AS n FROM tiktok_account_snapshots`).toEqual([{ n: 0 }]);
  });

  describe("ends on a clear message and stores nothing when", () => {
    it("the user denies consent", async () => {
      const user = await newUser();
      const { dashboard } = await connectThroughBrowser(user, { creator: 5, decision: "deny" });
      expect(dashboard.toString()).toBe("http://dashboard.test/app/?connect_error=access_denied");
      expect(await stored()).toEqual({ accounts: 0, credentials: 0, links: 0 });
    });

    it("the state was tampered with", async () => {
      const user = await newUser();
      const { callback } = await connectThroughBrowser(user, { creator: 6, decision: "deny" });
      const forged = new URL(callback);
      forged.searchParams.set("state", "A".repeat(43));
      forged.searchParams.delete("error");
      forged.searchParams.set("code", "whatever");
      const res = await browse(user.jar, forged.toString());
      expect(res.headers.get("location")).toBe("http://dashboard.test/app/?connect_error=invalid_state");
      expect(await stored()).toEqual({ accounts: 0, credentials: 0, links: 0 });
    });

    it("the callback is replayed", async () => {
      const user = await newUser();
      const { callback } = await connectThroughBrowser(user, { creator: 7 });
      const before = await stored();
      // the same URL again, with the cookie as a replaying attacker would have it
      const state = new URL(callback).searchParams.get("state") as string;
      const res = await withCookie(callback, `__Host-adam_oauth_state=${state}`);
      expect(res.headers.get("location")).toBe("http://dashboard.test/app/?connect_error=invalid_state");
      expect(await stored()).toEqual(before);
    });

    it("the state has expired", async () => {
      const user = await newUser();
      const state = await startedState(user);
      await sql`UPDATE identity.oauth_states SET expires_at = now() - interval '1 minute'`;
      const { code } = await sim.authorize(8, ["user.info.basic", "user.info.stats", "video.list"]);
      const res = await browse(
        user.jar,
        `http://adam.test/tiktok/callback?code=${code}&state=${state}&scopes=video.list`,
      );
      expect(res.headers.get("location")).toBe("http://dashboard.test/app/?connect_error=expired_state");
      expect(await stored()).toEqual({ accounts: 0, credentials: 0, links: 0 });
    });

    it("the callback's parameters are garbage, or the database fails behind it", async () => {
      const user = await newUser();
      const huge = await browse(user.jar, `http://adam.test/tiktok/callback?state=${"x".repeat(5000)}&code=y`);
      expect(huge.status).toBe(302);
      expect(huge.headers.get("location")).toBe("http://dashboard.test/app/?connect_error=invalid_state");
      // a repeated parameter reaches the validator as an array
      const twice = await browse(user.jar, "http://adam.test/tiktok/callback?state=a&state=b&code=y&code=z");
      expect(twice.status).toBe(302);
      expect(twice.headers.get("location")).toBe("http://dashboard.test/app/?connect_error=invalid_state");
      const { createExecutionContext } = await import("cloudflare:test");
      const worker = (await import("../src/index")).default;
      const { testEnv } = await import("./helpers/env");
      // the database endpoint stopped, as in an outage (the driver's endpoint is global: it is
      // started again, so later tests find it)
      await fetch(`${testEnv.TEST_OUTAGE_CONTROL}/stop`, { method: "POST" });
      const down = await Promise.resolve(
        worker.fetch(
          new Request("http://adam.test/tiktok/callback?state=" + "A".repeat(43) + "&code=c", {
            headers: { cookie: `__Host-adam_oauth_state=${"A".repeat(43)}` },
          }),
          { ...testEnv, NEON_HTTP_ENDPOINT: testEnv.TEST_OUTAGE_ENDPOINT },
          createExecutionContext(),
        ),
      ).finally(() => fetch(`${testEnv.TEST_OUTAGE_CONTROL}/start`, { method: "POST" }));

      expect([down.status, down.headers.get("location")]).toEqual([
        302,
        "http://dashboard.test/app/?connect_error=tiktok_unavailable",
      ]);
    });

    it("another browser finishes the flow (no state cookie)", async () => {
      const user = await newUser();
      const state = await startedState(user);
      const { code } = await sim.authorize(9, ["user.info.basic", "user.info.stats", "video.list"]);
      const res = await withCookie(`http://adam.test/tiktok/callback?code=${code}&state=${state}`, "");
      expect(res.headers.get("location")).toBe("http://dashboard.test/app/?connect_error=invalid_state");
      expect(await stored()).toEqual({ accounts: 0, credentials: 0, links: 0 });
    });

    it("the code was already used", async () => {
      const first = await newUser();
      const { callback } = await connectThroughBrowser(first, { creator: 10 });
      const usedCode = new URL(callback).searchParams.get("code") as string;
      const before = await stored();
      const [version] = (await sql`SELECT version FROM tiktok_credentials`) as { version: number }[];

      const second = await newUser();
      const state = await startedState(second);
      const res = await browse(
        second.jar,
        `http://adam.test/tiktok/callback?code=${encodeURIComponent(usedCode)}&state=${state}`,
      );
      expect(res.headers.get("location")).toBe("http://dashboard.test/app/?connect_error=code_rejected");
      expect(await stored()).toEqual(before);
      expect(await sql`SELECT version FROM tiktok_credentials`).toEqual([version]);
    });
  });
});

/** The worker called with exactly this Cookie header (an attacker's replay, another browser). */
function withCookie(url: string, cookie: string) {
  return exports.default.fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
}
