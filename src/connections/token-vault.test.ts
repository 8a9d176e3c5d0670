import { describe, expect, it } from "vitest";
import { createTokenVault, tokenContext, VaultError } from "./token-vault";

const V1 = { version: 1, key: "dGVzdC1rZXktdmVyc2lvbi1vbmUtMzItYnl0ZXMtISE=" };
const V2 = { version: 2, key: "dGVzdC1rZXktdmVyc2lvbi10d28tMzItYnl0ZXMtISE=" };
const ctx = tokenContext("open-1", "access");

describe("token vault", () => {
  it("round-trips a token and never writes the plaintext", async () => {
    const vault = createTokenVault([V1]);
    const sealed = await vault.encrypt("act.secret-token", ctx);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+$/);
    expect(sealed).not.toContain("secret");
    expect(await vault.decrypt(sealed, ctx)).toBe("act.secret-token");
  });

  it("uses a fresh IV for every encryption", async () => {
    const vault = createTokenVault([V1]);
    const a = await vault.encrypt("same", ctx);
    const b = await vault.encrypt("same", ctx);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(a).not.toBe(b);
  });

  it("binds a ciphertext to its account and purpose", async () => {
    const vault = createTokenVault([V1]);
    const sealed = await vault.encrypt("act.x", ctx);
    await expect(vault.decrypt(sealed, tokenContext("open-2", "access"))).rejects.toThrow(VaultError);
    await expect(vault.decrypt(sealed, tokenContext("open-1", "refresh"))).rejects.toThrow(VaultError);
  });

  it("detects tampering", async () => {
    const vault = createTokenVault([V1]);
    const sealed = await vault.encrypt("act.x", ctx);
    const last = sealed.at(-1) === "A" ? "B" : "A";
    await expect(vault.decrypt(sealed.slice(0, -1) + last, ctx)).rejects.toThrow(
      "token ciphertext failed authentication (wrong key, account or purpose)",
    );
    await expect(vault.decrypt("plaintext-token", ctx)).rejects.toThrow("not a vault ciphertext");
  });

  it("rotates keys: the newest encrypts, every configured key decrypts", async () => {
    const old = createTokenVault([V1]);
    const sealedV1 = await old.encrypt("act.old", ctx);
    const rotated = createTokenVault([V1, V2]);
    expect(rotated.currentVersion).toBe(2);
    expect(await rotated.decrypt(sealedV1, ctx)).toBe("act.old");
    const sealedV2 = await rotated.encrypt("act.new", ctx);
    expect(rotated.versionOf(sealedV2)).toBe(2);
    await expect(old.decrypt(sealedV2, ctx)).rejects.toThrow(
      "token encrypted with key version 2, which is no longer configured",
    );
  });

  it("refuses keys that are not 256-bit", async () => {
    const vault = createTokenVault([{ version: 1, key: btoa("too short") }]);
    await expect(vault.encrypt("x", ctx)).rejects.toThrow("token encryption keys must be 32 bytes (AES-256)");
  });
});
