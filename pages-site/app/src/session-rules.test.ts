import { describe, expect, it } from "vitest";
import { needsRenewal, refreshFailureIsNews, renewAfterMs, singleFlight, tokenUse } from "./session-rules";

describe("the session's rules", () => {
  it("renews a token at 80% of its life", () => {
    expect(renewAfterMs(900)).toBe(720_000);
  });

  it("uses a token until its renewal time, renews after it, and has none signed out", () => {
    expect(tokenUse({ token: "t", signedIn: true, now: 99, renewAt: 100 })).toBe("use");
    expect(tokenUse({ token: "t", signedIn: true, now: 100, renewAt: 100 })).toBe("renew");
    // signed in (the user is known) but the token was dropped: get one
    expect(tokenUse({ token: null, signedIn: true, now: 0, renewAt: 0 })).toBe("renew");
    expect(tokenUse({ token: null, signedIn: false, now: 0, renewAt: 100 })).toBe("signed_out");
  });

  it("renews after a 401 only when no other request already brought a newer token", () => {
    expect(needsRenewal("a", "a")).toBe(true);
    expect(needsRenewal(null, "a")).toBe(true);
    expect(needsRenewal("b", "a")).toBe(false);
  });

  it("tells about a failed refresh unless the API said there is no session", () => {
    expect(refreshFailureIsNews(401)).toBe(false);
    expect(refreshFailureIsNews(403)).toBe(false);
    expect(refreshFailureIsNews(500)).toBe(true);
    expect(refreshFailureIsNews(null)).toBe(true);
  });
});

describe("singleFlight", () => {
  it("gives calls during a run the same promise, and starts a new run after it settles", async () => {
    let runs = 0;
    let finish: (n: number) => void = () => undefined;
    const once = singleFlight(() => {
      runs++;
      return new Promise<number>((done) => (finish = done));
    });
    const a = once();
    const b = once();
    expect(a).toBe(b);
    expect(runs).toBe(1);
    finish(1);
    expect(await a).toBe(1);
    const c = once();
    expect(runs).toBe(2);
    finish(2);
    expect(await c).toBe(2);
  });

  it("starts afresh after a failed run", async () => {
    let runs = 0;
    const once = singleFlight(async () => {
      runs++;
      if (runs === 1) throw new Error("lost");
      return runs;
    });
    await expect(once()).rejects.toThrow("lost");
    expect(await once()).toBe(2);
  });
});
