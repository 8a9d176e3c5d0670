import { fromBase64Url, randomBytes } from "../../lib/crypto";

/**
 * Web Push message encryption (RFC 8291) in the aes128gcm content coding (RFC 8188), with
 * WebCrypto only, so it runs on Workers: an ephemeral P-256 key agrees a secret with the
 * browser's key, HKDF mixes in the subscription's auth secret, and the message is one AES-128-GCM
 * record. Checked against the RFC's own example (push/encrypt.test.ts), and decrypted by the
 * local outbox sink, which plays the browser (tools/outbox-sink).
 */
const RECORD_SIZE = 4096;
const enc = new TextEncoder();

export interface PushKeys {
  /** The subscription's P-256 public key, uncompressed (65 bytes), base64url. */
  p256dh: string;
  /** The subscription's 16-byte authentication secret, base64url. */
  auth: string;
}

/** For tests only: the RFC's fixed sender key and salt instead of fresh random ones. */
export interface FixedSender {
  keyPair: CryptoKeyPair;
  salt: Uint8Array;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", ikm as BufferSource, "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: salt as BufferSource, info: info as BufferSource },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

async function ecdh(privateKey: CryptoKey, publicKey: CryptoKey): Promise<Uint8Array> {
  // workers-types spells the member `$public`; the runtime (and WebCrypto) reads `public`
  const algorithm = { name: "ECDH", public: publicKey } as unknown as SubtleCryptoDeriveKeyAlgorithm;
  return new Uint8Array(await crypto.subtle.deriveBits(algorithm, privateKey, 256));
}

function importPublic(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw as BufferSource, { name: "ECDH", namedCurve: "P-256" }, true, []);
}

/** The content-encryption key and nonce both sides derive (RFC 8291 §3.4, RFC 8188 §2.2). */
async function contentKeys(
  secret: Uint8Array,
  auth: Uint8Array,
  uaPublic: Uint8Array,
  asPublic: Uint8Array,
  salt: Uint8Array,
) {
  const keyInfo = concat(enc.encode("WebPush: info\0"), uaPublic, asPublic);
  const ikm = await hkdf(auth, secret, keyInfo, 32);
  const cek = await hkdf(salt, ikm, enc.encode("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, enc.encode("Content-Encoding: nonce\0"), 12);
  return {
    key: await crypto.subtle.importKey("raw", cek as BufferSource, "AES-GCM", false, ["encrypt", "decrypt"]),
    nonce,
  };
}

/** The request body for a push service: header (salt, record size, sender key) and one record. */
export async function encryptPushPayload(
  keys: PushKeys,
  plaintext: Uint8Array,
  fixed?: FixedSender,
): Promise<Uint8Array> {
  const uaPublic = fromBase64Url(keys.p256dh);
  const auth = fromBase64Url(keys.auth);
  if (uaPublic.length !== 65 || uaPublic[0] !== 4) throw new Error("p256dh must be an uncompressed P-256 key");
  if (auth.length !== 16) throw new Error("auth must be 16 bytes");
  // one record: the payload, the last-record delimiter, within the record size with the tag
  if (plaintext.length + 1 + 16 > RECORD_SIZE) throw new Error("push payload too large for one record");
  const sender =
    fixed?.keyPair ??
    ((await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair);
  const salt = fixed?.salt ?? randomBytes(16);
  const asPublic = new Uint8Array((await crypto.subtle.exportKey("raw", sender.publicKey)) as ArrayBuffer);
  const secret = await ecdh(sender.privateKey, await importPublic(uaPublic));
  const { key, nonce } = await contentKeys(secret, auth, uaPublic, asPublic, salt);
  const record = concat(plaintext, Uint8Array.of(2));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce as BufferSource }, key, record as BufferSource),
  );
  const header = new Uint8Array(21);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = asPublic.length;
  return concat(header, asPublic, sealed);
}

/**
 * What the browser does: the receiving side, for the outbox sink and the tests. `privateKey` is
 * the subscription's ECDH private key, `uaPublic` its public key (raw, 65 bytes).
 */
export async function decryptPushPayload(
  body: Uint8Array,
  receiver: { privateKey: CryptoKey; uaPublic: Uint8Array; auth: Uint8Array },
): Promise<Uint8Array> {
  const salt = body.slice(0, 16);
  const idLength = body[20] as number;
  const asPublic = body.slice(21, 21 + idLength);
  const sealed = body.slice(21 + idLength);
  const secret = await ecdh(receiver.privateKey, await importPublic(asPublic));
  const { key, nonce } = await contentKeys(secret, receiver.auth, receiver.uaPublic, asPublic, salt);
  const record = new Uint8Array(
    await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce as BufferSource }, key, sealed as BufferSource),
  );
  // strip the padding and the delimiter (2: last record)
  let end = record.length - 1;
  while (end >= 0 && record[end] === 0) end--;
  if (record[end] !== 2) throw new Error("not a last record");
  return record.slice(0, end);
}
