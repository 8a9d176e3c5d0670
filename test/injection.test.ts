import { reset } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { SignJWT } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase, sql } from "./helpers/db";
import { nextUserId, seedAccount } from "./helpers/fixtures";
import { bearer, config, tokenFor } from "./helpers/tokens";

/** Input that would change a query if it were ever spliced into SQL instead of bound. */
const ATTACKS = [
  "1 OR 1=1",
  "1; DROP TABLE tiktok_accounts",
  "1' OR '1'='1",
  "1)) UNION SELECT password_hash FROM identity.users--",
];

let account: string;
beforeEach(async () => {
  await reset();
  await resetDatabase();
  account = await seedAccount("open-injection");
});

const get = async (path: string, token: string) =>
  exports.default.fetch(`http://adam.test${path}`, { headers: bearer(token) });

describe("injection", () => {
  it.each(ATTACKS)("refuses %j as an id or a parameter with a 400, and the tables are intact", async (attack) => {
    const token = await tokenFor({ sub: nextUserId(), tier: "pro", tiktokAccountIds: [account] });
    for (const path of [
      `/api/v1/accounts/${encodeURIComponent(attack)}/metrics`,
      `/api/v1/videos/${encodeURIComponent(attack)}/snapshots`,
      `/api/v1/videos/${account}?sort=${encodeURIComponent(attack)}`,
      `/api/v1/accounts/${account}/snapshots?days=${encodeURIComponent(attack)}`,
    ]) {
      const res = await get(path, token);
      expect(res.status, path).toBe(400);
    }
    expect(await sql`SELECT count(*)::int AS n FROM tiktok_accounts`).toEqual([{ n: 1 }]);
  });

  it("stores hostile-looking credentials literally", async () => {
    const email = "o'brien+test@example.com";
    const password = "pw'); DROP TABLE identity.users;--";
    const signup = await exports.default.fetch("http://adam.test/api/v1/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(signup.status).toBe(201);
    expect(await sql`SELECT email FROM identity.users`).toEqual([{ email }]);
    const login = await exports.default.fetch("http://adam.test/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
  });

  it("refuses a signed token whose account claims are not plain ids", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ tier: "pro", tiktok_account_ids: [`${account}) OR (1=1`] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("5")
      .setIssuer(config.jwt.issuer)
      .setAudience(config.jwt.audience)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(config.jwt.secret));
    expect((await get("/api/v1/accounts", token)).status).toBe(401);
  });
});
