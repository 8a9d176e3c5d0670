import { fromBase64Url, randomBytes, toBase64Url } from "../lib/crypto";

/**
 * TikTok tokens at rest: AES-256-GCM (WebCrypto), a fresh 96-bit IV per encryption, and the
 * key's version written into the ciphertext (`v<version>.<iv>.<ciphertext+tag>`) and beside it in
 * the database, so keys can rotate: the newest key encrypts, every configured key decrypts, and a
 * token encrypted under an older key is re-encrypted on its next write. The associated data binds
 * each ciphertext to one account and one purpose, so a ciphertext copied onto another row fails
 * to decrypt instead of handing out the wrong account's token.
 */
export interface VaultKey {
  version: number;
  /** Standard base64 of 32 random bytes. */
  key: string;
}

export class VaultError extends Error {
  override readonly name = "VaultError";
}

export interface TokenVault {
  readonly currentVersion: number;
  encrypt(plaintext: string, associatedData: string): Promise<string>;
  decrypt(ciphertext: string, associatedData: string): Promise<string>;
  /** The key version a ciphertext was written with. */
  versionOf(ciphertext: string): number;
}

const imported = new Map<string, Promise<CryptoKey>>();

function importKey(base64: string): Promise<CryptoKey> {
  let key = imported.get(base64);
  if (!key) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    if (bytes.length !== 32) throw new VaultError("token encryption keys must be 32 bytes (AES-256)");
    key = crypto.subtle.importKey("raw", bytes, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    imported.set(base64, key);
  }
  return key;
}

export function createTokenVault(keys: readonly VaultKey[]): TokenVault {
  if (keys.length === 0) throw new VaultError("no token encryption key configured");
  const byVersion = new Map(keys.map((k) => [k.version, k.key]));
  const currentVersion = Math.max(...keys.map((k) => k.version));
  const encoder = new TextEncoder();

  const parse = (ciphertext: string) => {
    const match = /^v(\d+)\.([\w-]+)\.([\w-]+)$/.exec(ciphertext);
    if (!match) throw new VaultError("not a vault ciphertext");
    return {
      version: Number(match[1]),
      iv: fromBase64Url(match[2] as string),
      data: fromBase64Url(match[3] as string),
    };
  };

  return {
    currentVersion,
    async encrypt(plaintext, associatedData) {
      const iv = randomBytes(12);
      const key = await importKey(byVersion.get(currentVersion) as string);
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(associatedData) },
        key,
        encoder.encode(plaintext),
      );
      return `v${currentVersion}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },
    async decrypt(ciphertext, associatedData) {
      const { version, iv, data } = parse(ciphertext);
      const secret = byVersion.get(version);
      if (!secret) throw new VaultError(`token encrypted with key version ${version}, which is no longer configured`);
      try {
        const opened = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv, additionalData: encoder.encode(associatedData) },
          await importKey(secret),
          data,
        );
        return new TextDecoder().decode(opened);
      } catch {
        throw new VaultError("token ciphertext failed authentication (wrong key, account or purpose)");
      }
    },
    versionOf: (ciphertext) => parse(ciphertext).version,
  };
}

/** Associated data for a token of one TikTok user (open_id is known before the account row exists). */
export const tokenContext = (openId: string, purpose: "access" | "refresh") => `tiktok:${openId}:${purpose}`;
