import { describe, expect, it } from "vitest";
import { freshFor, screenCache } from "./screen-cache";

describe("freshFor", () => {
  it("reuses an answer for its max-age, and never one marked no-store or without an age", () => {
    expect(freshFor("private, max-age=60")).toBe(60_000);
    expect(freshFor("private, max-age=60, no-store")).toBe(0);
    expect(freshFor("no-store")).toBe(0);
    expect(freshFor("private")).toBe(0);
    expect(freshFor(null)).toBe(0);
  });
});

/** A cache on a clock the test moves, and a loader that counts its requests. */
function setUp() {
  let now = 0;
  const cache = screenCache(() => now);
  let requests = 0;
  const load = (ms: number) => async () => ({ data: `answer ${++requests}`, ms });
  return { cache, load, requests: () => requests, at: (ms: number) => (now = ms) };
}

describe("screenCache", () => {
  it("costs no request for a screen whose answer is still fresh, and one once it is not", async () => {
    const { cache, load, requests, at } = setUp();
    expect(await cache.read("/overview", load(30_000))).toBe("answer 1");
    at(29_999);
    expect(await cache.read("/overview", load(30_000))).toBe("answer 1");
    expect(requests()).toBe(1);
    at(30_000);
    expect(await cache.read("/overview", load(30_000))).toBe("answer 2");
    expect(requests()).toBe(2);
  });

  it("keeps answers per path", async () => {
    const { cache, load } = setUp();
    expect(await cache.read("/a", load(60_000))).toBe("answer 1");
    expect(await cache.read("/b", load(60_000))).toBe("answer 2");
    expect(await cache.read("/a", load(60_000))).toBe("answer 1");
  });

  it("never keeps an answer that may not be reused", async () => {
    const { cache, load, requests } = setUp();
    await cache.read("/first-snapshot", load(0));
    await cache.read("/first-snapshot", load(0));
    expect(requests()).toBe(2);
  });

  it("asks again when told to (fresh), and keeps the new answer", async () => {
    const { cache, load } = setUp();
    await cache.read("/a", load(60_000));
    expect(await cache.read("/a", load(60_000), { fresh: true })).toBe("answer 2");
    expect(await cache.read("/a", load(60_000))).toBe("answer 2");
  });

  it("shares one request between screens asking at once", async () => {
    const { cache, load, requests } = setUp();
    const [a, b] = await Promise.all([cache.read("/a", load(0)), cache.read("/a", load(0))]);
    expect([a, b]).toEqual(["answer 1", "answer 1"]);
    expect(requests()).toBe(1);
  });

  it("keeps no failure: the next read asks again", async () => {
    const { cache, load } = setUp();
    await expect(cache.read("/a", () => Promise.reject(new Error("503")))).rejects.toThrow("503");
    expect(await cache.read("/a", load(60_000))).toBe("answer 1");
  });

  it("forgets everything on clear (a sign-out)", async () => {
    const { cache, load } = setUp();
    await cache.read("/a", load(60_000));
    cache.clear();
    expect(await cache.read("/a", load(60_000))).toBe("answer 2");
  });
});
