import { describe, expect, it } from "vitest";
import { signAccessToken } from "../../auth/jwt";
import { checkAccessToken } from "./verified-tokens";

const settings = { secret: "s".repeat(40), issuer: "https://adam.test", audience: "adam-api", accessTtlSeconds: 900 };
const claims = { sub: "7", tier: "free" as const, tiktokAccountIds: ["3"] };
const now = Math.floor(Date.now() / 1000);

describe("remembered access tokens, from the attacker's side", () => {
  it("a token verified once is answered with the same claims", async () => {
    const { token } = await signAccessToken(claims, settings, now);
    expect(await checkAccessToken(token, settings)).toMatchObject({ ok: true, claims });
    expect(await checkAccessToken(token, settings)).toMatchObject({ ok: true, claims });
  });

  it("a forged signature on a remembered token's claims is still refused", async () => {
    const { token } = await signAccessToken(claims, settings, now);
    await checkAccessToken(token, settings);
    const [header, payload] = token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(43)}`;
    expect(await checkAccessToken(forged, settings)).toEqual({ ok: false, reason: "invalid" });
  });

  it("a remembered token expires on time (with the verifier's 30 s skew)", async () => {
    const { token } = await signAccessToken(claims, settings, now);
    await checkAccessToken(token, settings);
    const expiry = (now + settings.accessTtlSeconds) * 1000;
    expect((await checkAccessToken(token, settings, expiry + 30_000)).ok).toBe(true);
    expect(await checkAccessToken(token, settings, expiry + 31_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("after the secret rotates, a token remembered under the old one is verified again and refused", async () => {
    const { token } = await signAccessToken(claims, settings, now);
    await checkAccessToken(token, settings);
    expect(await checkAccessToken(token, { ...settings, secret: "t".repeat(40) })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
