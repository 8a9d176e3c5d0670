import { randomBytes, sha256Hex, toBase64Url } from "./encoding";

/**
 * Refresh tokens are 256 random bits handed to the browser in an httpOnly cookie; only their
 * SHA-256 reaches the database, so a database leak yields no usable session.
 */
export function newRefreshToken(): string {
  return toBase64Url(randomBytes(32));
}

export function hashRefreshToken(token: string): Promise<string> {
  return sha256Hex(token);
}

export const REFRESH_COOKIE = "adam_refresh";
/** The cookie goes only to the auth routes: data requests never carry it. */
export const REFRESH_COOKIE_PATH = "/api/v1/auth";
