import { importJWK, SignJWT } from "jose";
import { fromBase64Url, toBase64Url } from "../../lib/crypto";

/**
 * VAPID (RFC 8292): every push request carries a short-lived ES256 JWT for the push service's
 * origin, signed with Adam's application key, and that key's public half, so the push service
 * can tie subscriptions to Adam. The browser subscribes with the same public key
 * (`applicationServerKey`), which the dashboard gets from `GET /api/v1/alerts/preferences`.
 */
export interface VapidKeys {
  /** Uncompressed P-256 public key (65 bytes), base64url. */
  publicKey: string;
  /** The private scalar d (32 bytes), base64url. */
  privateKey: string;
  /** A contact for the push service: `mailto:` or `https:`. */
  subject: string;
}

/** Tokens live 12 hours (RFC 8292 allows up to 24). */
const TOKEN_SECONDS = 12 * 3600;

export function vapidJwk(keys: Pick<VapidKeys, "publicKey" | "privateKey">) {
  const raw = fromBase64Url(keys.publicKey);
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("VAPID_PUBLIC_KEY must be an uncompressed P-256 key");
  return {
    kty: "EC",
    crv: "P-256",
    x: toBase64Url(raw.slice(1, 33)),
    y: toBase64Url(raw.slice(33, 65)),
    d: keys.privateKey,
  };
}

const signingKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();

export async function vapidAuthorization(endpoint: string, keys: VapidKeys, nowSeconds: number): Promise<string> {
  let key = signingKeys.get(keys.privateKey);
  if (!key) {
    key = importJWK(vapidJwk(keys), "ES256");
    signingKeys.set(keys.privateKey, key);
  }
  const jwt = await new SignJWT({ sub: keys.subject })
    .setProtectedHeader({ typ: "JWT", alg: "ES256" })
    .setAudience(new URL(endpoint).origin)
    .setExpirationTime(nowSeconds + TOKEN_SECONDS)
    .sign(await key);
  return `vapid t=${jwt}, k=${keys.publicKey}`;
}
