import { constantTimeEqual, fromBase64Url, randomBytes, toBase64Url } from "../lib/crypto";

/**
 * PBKDF2-SHA256 password hashes: `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64url). 100,000
 * iterations is the most workerd allows (it refuses more); the count is stored with each hash so
 * it can be raised later without invalidating existing ones.
 */
export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BITS),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iterations || !salt || !hash) return false;
  const derived = await derive(password, fromBase64Url(salt), Number(iterations));
  return constantTimeEqual(derived, fromBase64Url(hash));
}

/**
 * A hash to verify against when the email is unknown, so a login for a missing account costs the
 * same time as one with a wrong password and does not reveal which emails exist.
 */
export const DECOY_HASH = `pbkdf2-sha256$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
