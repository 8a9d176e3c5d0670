import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { TIERS, type Tier } from "../db/schema/identity";
import { hmacKey } from "../lib/crypto";

/**
 * Access tokens: short-lived HS256 JWTs. The data API trusts their claims and never reads the
 * users table, so any issuer holding the key can mint them; everything is checked on the way in:
 * the algorithm (allow-list, so `alg: none` and key-confusion tricks fail), issuer, audience,
 * expiry and not-before with a small skew, and the claims' shape.
 */
export const ALGORITHM = "HS256";
export const CLOCK_SKEW_SECONDS = 30;

/** How tokens are signed and checked (from the validated config). */
export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
}

export interface AccessClaims {
  /** The user id. */
  sub: string;
  tier: Tier;
  /** The TikTok accounts (internal ids) this user may read. */
  tiktokAccountIds: string[];
}

const ClaimsSchema = z.object({
  sub: z.string().regex(/^\d{1,18}$/),
  tier: z.enum(TIERS),
  tiktok_account_ids: z.array(z.string().regex(/^\d{1,18}$/)).max(100),
});

export async function signAccessToken(
  claims: AccessClaims,
  jwt: JwtSettings,
  nowSeconds = Math.floor(Date.now() / 1000),
) {
  const token = await new SignJWT({ tier: claims.tier, tiktok_account_ids: claims.tiktokAccountIds })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(jwt.issuer)
    .setAudience(jwt.audience)
    .setIssuedAt(nowSeconds)
    .setNotBefore(nowSeconds)
    .setExpirationTime(nowSeconds + jwt.accessTtlSeconds)
    .sign(await hmacKey(jwt.secret));
  return { token, expiresIn: jwt.accessTtlSeconds };
}

export type VerifyFailure = "expired" | "invalid";

export async function verifyAccessToken(
  token: string,
  jwt: JwtSettings,
): Promise<{ ok: true; claims: AccessClaims; expiresAtSeconds: number } | { ok: false; reason: VerifyFailure }> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(jwt.secret), {
      algorithms: [ALGORITHM],
      issuer: jwt.issuer,
      audience: jwt.audience,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp", "sub"],
    });
    const parsed = ClaimsSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, reason: "invalid" };
    return {
      ok: true,
      claims: { sub: parsed.data.sub, tier: parsed.data.tier, tiktokAccountIds: parsed.data.tiktok_account_ids },
      expiresAtSeconds: payload.exp as number,
    };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
