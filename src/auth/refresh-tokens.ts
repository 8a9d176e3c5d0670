import { randomBytes, sha256Hex, toBase64Url } from "../lib/crypto";

/**
 * Refresh tokens are 256 random bits handed to the browser (in an httpOnly cookie, see
 * src/http/refresh-cookie.ts); only their SHA-256 reaches the database, so a database leak yields
 * no usable session.
 */
export function newRefreshToken(): string {
  return toBase64Url(randomBytes(32));
}

export function hashRefreshToken(token: string): Promise<string> {
  return sha256Hex(token);
}
