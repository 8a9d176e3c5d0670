import { createDecipheriv, createECDH, hkdfSync, webcrypto, type ECDH } from "node:crypto";

/**
 * The sink as a push service and the browser behind it: it hands out subscriptions (an endpoint
 * on the sink with the keys a browser would make), checks each push's VAPID token (ES256,
 * audience = the sink's origin, not expired) and opens the message with the subscription's
 * private key, exactly as a browser would. A removed subscription answers 410 Gone, as real push
 * services do when a user revokes permission. Decryption here is Node's own crypto (not the
 * worker's WebCrypto code), so the sink is an independent check of the worker's RFC 8291 output.
 */
const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const fromBase64Url = (text: string) => new Uint8Array(Buffer.from(text, "base64url"));

/** RFC 8291 §3.4 and RFC 8188 §2, receiving side: one aes128gcm record. */
function decrypt(body: Uint8Array, receiver: { ecdh: ECDH; uaPublic: Uint8Array; auth: Uint8Array }): Uint8Array {
  const salt = body.subarray(0, 16);
  const idLength = body[20] as number;
  const asPublic = body.subarray(21, 21 + idLength);
  const sealed = body.subarray(21 + idLength);
  const secret = receiver.ecdh.computeSecret(asPublic);
  const info = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", secret, receiver.auth, info, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const record = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  let end = record.length - 1;
  while (end >= 0 && record[end] === 0) end--;
  if (record[end] !== 2) throw new Error("not a last record");
  return new Uint8Array(record.subarray(0, end));
}
interface Subscription {
  id: string;
  ecdh: ECDH;
  uaPublic: Uint8Array;
  auth: Uint8Array;
  gone: boolean;
}

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

export class PushService {
  private subscriptions = new Map<string, Subscription>();
  private next = 1;

  constructor(private readonly origin: () => string) {}

  async subscribe(): Promise<{ id: string; endpoint: string; keys: { p256dh: string; auth: string } }> {
    const ecdh = createECDH("prime256v1");
    const uaPublic = new Uint8Array(ecdh.generateKeys());
    const auth = webcrypto.getRandomValues(new Uint8Array(16));
    const id = `sub-${this.next++}-${toBase64Url(webcrypto.getRandomValues(new Uint8Array(6)))}`;
    this.subscriptions.set(id, { id, ecdh, uaPublic, auth, gone: false });
    return {
      id,
      endpoint: `${this.origin()}/push/${id}`,
      keys: { p256dh: toBase64Url(uaPublic), auth: toBase64Url(auth) },
    };
  }

  remove(id: string): boolean {
    const sub = this.subscriptions.get(id);
    if (!sub) return false;
    sub.gone = true;
    return true;
  }

  /** The status to answer and, when accepted, the message. */
  async receive(
    id: string,
    authorization: string | undefined,
    body: Uint8Array,
  ): Promise<{ status: number; problem?: string; message?: Record<string, unknown> }> {
    const sub = this.subscriptions.get(id);
    if (!sub) return { status: 404, problem: "no such subscription" };
    if (sub.gone) return { status: 410, problem: "subscription removed" };
    const problem = await this.vapidProblem(authorization);
    if (problem) return { status: 403, problem };
    try {
      const plain = decrypt(body, sub);
      return { status: 201, message: JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown> };
    } catch (error) {
      return { status: 400, problem: `could not decrypt: ${(error as Error).message}` };
    }
  }

  private async vapidProblem(header: string | undefined): Promise<string | null> {
    const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? "");
    if (!match) return "missing or malformed VAPID Authorization";
    const [, jwt, k] = match as unknown as [string, string, string];
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const raw = fromBase64Url(k);
    const key = await subtle.importKey(
      "jwk",
      { kty: "EC", crv: "P-256", x: toBase64Url(raw.slice(1, 33)), y: toBase64Url(raw.slice(33, 65)) },
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["verify"],
    );
    const ok = await subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      fromBase64Url(s) as BufferSource,
      new TextEncoder().encode(`${h}.${p}`),
    );
    if (!ok) return "VAPID signature does not verify";
    const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(p))) as {
      aud?: string;
      exp?: number;
      sub?: string;
    };
    if (claims.aud !== this.origin()) return `VAPID audience ${claims.aud} is not ${this.origin()}`;
    const now = Date.now() / 1000;
    if (!claims.exp || claims.exp < now || claims.exp > now + 24 * 3600) return "VAPID token expired or too long-lived";
    if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) return "VAPID sub must be mailto: or https:";
    return null;
  }
}
