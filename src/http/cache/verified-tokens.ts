import { CLOCK_SKEW_SECONDS, verifyAccessToken, type AccessClaims, type JwtSettings } from "../../auth/jwt";

/**
 * Access tokens this isolate has already verified. A dashboard sends the same token with every
 * request for up to 15 minutes, and checking its signature, claims and shape each time was a
 * tenth of a cached read's CPU (`npm run bench:api`). An entry is found only by the exact token
 * text (signature included) under the same secret, issuer and audience (a rotated secret re-verifies), and
 * its expiry is still checked on every use with the verifier's own skew; a token that failed is
 * never kept. Bounded, oldest first out.
 */
const MAX_ENTRIES = 5000;

interface Verified {
  settings: JwtSettings;
  claims: AccessClaims;
  expiresAtSeconds: number;
}

const verified = new Map<string, Verified>();

const sameSettings = (a: JwtSettings, b: JwtSettings) =>
  a.secret === b.secret && a.issuer === b.issuer && a.audience === b.audience;

export type TokenCheck = Awaited<ReturnType<typeof verifyAccessToken>>;

export async function checkAccessToken(token: string, settings: JwtSettings, nowMs = Date.now()): Promise<TokenCheck> {
  const known = verified.get(token);
  if (known && sameSettings(known.settings, settings)) {
    if (nowMs / 1000 <= known.expiresAtSeconds + CLOCK_SKEW_SECONDS)
      return { ok: true, claims: known.claims, expiresAtSeconds: known.expiresAtSeconds };
    verified.delete(token);
    return { ok: false, reason: "expired" };
  }
  const result = await verifyAccessToken(token, settings);
  if (result.ok) {
    if (verified.size >= MAX_ENTRIES) verified.delete(verified.keys().next().value as string);
    verified.set(token, { settings, claims: result.claims, expiresAtSeconds: result.expiresAtSeconds });
  }
  return result;
}
