import { constantTimeEqual, fromBase64Url, hmacSha256, toBase64Url } from "../lib/crypto";

/**
 * Signed links and derived secrets, all from ALERTS_SECRET with a purpose in every MAC:
 *
 * - one-click unsubscribe (RFC 8058): `<user>.<what>.<mac>`, what = `email` (alert emails) or
 *   `digest`. No expiry: an unsubscribe link must work from an old email too; it can only turn
 *   email off, for the user it names, and names nothing else.
 * - each webhook's signing secret: `whsec_` + base64url(HMAC(secret, "webhook:<id>")), shown to
 *   its owner in Settings, never stored.
 */
export type UnsubscribeScope = "email" | "digest";

export async function unsubscribeToken(secret: string, userId: string, scope: UnsubscribeScope): Promise<string> {
  const mac = await hmacSha256(secret, `unsubscribe:${userId}:${scope}`);
  return `${userId}.${scope}.${toBase64Url(mac)}`;
}

export async function verifyUnsubscribeToken(
  secret: string,
  token: string,
): Promise<{ userId: string; scope: UnsubscribeScope } | null> {
  const match = /^([1-9]\d{0,17})\.(email|digest)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, userId, scope, mac] = match as unknown as [string, string, UnsubscribeScope, string];
  const expected = await hmacSha256(secret, `unsubscribe:${userId}:${scope}`);
  return constantTimeEqual(expected, fromBase64Url(mac)) ? { userId, scope } : null;
}

export async function unsubscribeUrl(apiUrl: string, secret: string, userId: string, scope: UnsubscribeScope) {
  return `${apiUrl}/alerts/unsubscribe?token=${await unsubscribeToken(secret, userId, scope)}`;
}

export async function webhookSecret(secret: string, webhookId: string): Promise<string> {
  return `whsec_${toBase64Url(await hmacSha256(secret, `webhook:${webhookId}`))}`;
}
