import { SignJWT } from "jose";
import { signAccessToken, type AccessClaims } from "../../src/auth/jwt";
import { loadConfig } from "../../src/env";
import { testEnv } from "./env";

export const config = loadConfig(testEnv);

/** A valid access token, minted by the production signer with the test key. */
export async function tokenFor(claims: Partial<AccessClaims> & { sub: string }): Promise<string> {
  const { token } = await signAccessToken({ tier: "free", tiktokAccountIds: [], ...claims }, config.jwt);
  return token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const encode = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** Tokens an attacker could present: each must be refused with 401. */
export async function forgedTokens(accountIds: string[]) {
  const now = Math.floor(Date.now() / 1000);
  const payload = { tier: "pro", tiktok_account_ids: accountIds };
  const good = (secret = config.jwt.secret) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("999")
      .setIssuer(config.jwt.issuer)
      .setAudience(config.jwt.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 600);
  const key = (secret: string) => new TextEncoder().encode(secret);
  return {
    "a malformed token": "not-a-jwt",
    "a wrong signature": await good().sign(key("another-secret-another-secret-another")),
    "alg: none": `${encode({ alg: "none", typ: "JWT" })}.${encode({
      ...payload,
      sub: "999",
      iss: config.jwt.issuer,
      aud: config.jwt.audience,
      exp: now + 600,
    })}.`,
    "an expired token": await new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("999")
      .setIssuer(config.jwt.issuer)
      .setAudience(config.jwt.audience)
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(key(config.jwt.secret)),
    "a wrong audience": await good().setAudience("someone-else").sign(key(config.jwt.secret)),
    "a wrong issuer": await good().setIssuer("https://evil.example").sign(key(config.jwt.secret)),
    "an HS512 token with the right key": await new SignJWT(payload)
      .setProtectedHeader({ alg: "HS512" })
      .setSubject("999")
      .setIssuer(config.jwt.issuer)
      .setAudience(config.jwt.audience)
      .setExpirationTime(now + 600)
      .sign(key(config.jwt.secret)),
    "claims of the wrong shape": await good().setSubject("not-a-number").sign(key(config.jwt.secret)),
  };
}
