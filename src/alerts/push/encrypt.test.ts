import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "../../lib/crypto";
import { decryptPushPayload, encryptPushPayload } from "./encrypt";

/** RFC 8291 §5 and Appendix A: the worked example, byte for byte. */
const RFC = {
  plaintext: "When I grow up, I want to be a watermelon",
  asPublic: "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
  asPrivate: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
  uaPublic: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
  uaPrivate: "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
  salt: "DGv6ra1nlYgDCS1FRnbzlw",
  auth: "BTBZMqHH6r4Tts7J_aSIgg",
  body:
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_" +
    "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
};

async function ecdhPair(publicB64: string, privateB64: string): Promise<CryptoKeyPair> {
  const raw = fromBase64Url(publicB64);
  const jwk = {
    kty: "EC",
    crv: "P-256",
    x: toBase64Url(raw.slice(1, 33)),
    y: toBase64Url(raw.slice(33, 65)),
    d: privateB64,
  };
  const privateKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDH", namedCurve: "P-256" }, true, [
    "deriveBits",
  ]);
  const publicKey = await crypto.subtle.importKey("raw", raw, { name: "ECDH", namedCurve: "P-256" }, true, []);
  return { privateKey, publicKey };
}

describe("Web Push message encryption (RFC 8291, aes128gcm)", () => {
  it("produces the RFC's example body from its keys, salt and auth secret", async () => {
    const body = await encryptPushPayload(
      { p256dh: RFC.uaPublic, auth: RFC.auth },
      new TextEncoder().encode(RFC.plaintext),
      { keyPair: await ecdhPair(RFC.asPublic, RFC.asPrivate), salt: fromBase64Url(RFC.salt) },
    );
    expect(toBase64Url(body)).toBe(RFC.body);
  });

  it("decrypts the RFC's example body with the user agent's private key", async () => {
    const ua = await ecdhPair(RFC.uaPublic, RFC.uaPrivate);
    const plain = await decryptPushPayload(fromBase64Url(RFC.body), {
      privateKey: ua.privateKey,
      uaPublic: fromBase64Url(RFC.uaPublic),
      auth: fromBase64Url(RFC.auth),
    });
    expect(new TextDecoder().decode(plain)).toBe(RFC.plaintext);
  });

  it("uses a fresh sender key and salt for every message, which the subscriber still opens", async () => {
    const ua = await ecdhPair(RFC.uaPublic, RFC.uaPrivate);
    const message = new TextEncoder().encode(
      JSON.stringify({ title: "Views spiking", body: "3.1× the expected pace" }),
    );
    const a = await encryptPushPayload({ p256dh: RFC.uaPublic, auth: RFC.auth }, message);
    const b = await encryptPushPayload({ p256dh: RFC.uaPublic, auth: RFC.auth }, message);
    expect(toBase64Url(a.slice(0, 16))).not.toBe(toBase64Url(b.slice(0, 16)));
    const receiver = {
      privateKey: ua.privateKey,
      uaPublic: fromBase64Url(RFC.uaPublic),
      auth: fromBase64Url(RFC.auth),
    };
    expect(await decryptPushPayload(a, receiver)).toEqual(message);
  });

  it("refuses a payload that does not fit in one 4096-byte record", async () => {
    await expect(encryptPushPayload({ p256dh: RFC.uaPublic, auth: RFC.auth }, new Uint8Array(4080))).rejects.toThrow(
      /too large/,
    );
  });
});
