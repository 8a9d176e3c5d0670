import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "./rate-limit.ts";
import type { Simulator } from "./server.ts";
import { connect, display, displayError, startTestSimulator } from "./testing.ts";
import type { TokenResponse } from "./tokens.ts";

describe("SlidingWindowLimiter", () => {
  it("admits N calls in any 60 s window and frees each slot 60 s after its call", () => {
    const limiter = new SlidingWindowLimiter(2);
    expect(limiter.tryAcquire("a", 0)).toBe(true);
    expect(limiter.tryAcquire("a", 30_000)).toBe(true);
    expect(limiter.tryAcquire("a", 59_999)).toBe(false);
    expect(limiter.tryAcquire("b", 59_999)).toBe(true); // separate per key
    expect(limiter.tryAcquire("a", 60_000)).toBe(true); // the call at 0 slid out
    expect(limiter.tryAcquire("a", 60_001)).toBe(false); // refused calls are not counted…
    expect(limiter.tryAcquire("a", 90_000)).toBe(true); // …so the call at 30 s frees a slot at 90 s
  });

  it("forgets calls 'in the future' when the clock is set back", () => {
    const limiter = new SlidingWindowLimiter(1);
    expect(limiter.tryAcquire("a", 100_000)).toBe(true);
    expect(limiter.tryAcquire("a", 50_000)).toBe(true);
  });
});

describe("the simulator's rate limit", () => {
  let sim: Simulator;
  let a: TokenResponse;
  let b: TokenResponse;
  beforeAll(async () => {
    sim = await startTestSimulator({ rateLimitPerMinute: 3 });
    a = await connect(sim, 1);
    b = await connect(sim, 2);
  });
  afterAll(() => sim.close());

  it("answers 429 rate_limit_exceeded past the limit, per endpoint and app-wide, then recovers", async () => {
    const info = (token: string) => display(sim, "user/info", { token, fields: "open_id" });
    expect((await info(a.access_token)).status).toBe(200);
    expect((await info(b.access_token)).status).toBe(200);
    sim.clock.advance(30_000);
    expect((await info(a.access_token)).status).toBe(200);
    const limited = await info(b.access_token); // another account: the limit is per app
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(
      displayError("rate_limit_exceeded", "The API rate limit was exceeded. Please try again later."),
    );
    // Another endpoint has its own window.
    expect((await display(sim, "video/list", { token: a.access_token, fields: "id", body: {} })).status).toBe(200);
    // Token calls are not limited.
    expect((await connect(sim, 3)).access_token).toMatch(/^act\./);
    // 60 s after the first two calls, two slots are free again; the third is still taken.
    sim.clock.advance(30_000);
    expect((await info(a.access_token)).status).toBe(200);
    expect((await info(b.access_token)).status).toBe(200);
    expect((await info(a.access_token)).status).toBe(429);
  });

  it("does not count faulted calls against the window", async () => {
    sim.clock.advance(120_000);
    sim.faults.add({ kind: "server_error", count: 5 });
    for (let i = 0; i < 5; i++) expect((await display(sim, "video/query", { token: a.access_token })).status).toBe(500);
    for (let i = 0; i < 3; i++) {
      const res = await display(sim, "video/query", {
        token: a.access_token,
        fields: "id",
        body: { filters: { video_ids: ["1"] } },
      });
      expect(res.status).toBe(200);
    }
    expect((await display(sim, "video/query", { token: a.access_token })).status).toBe(429);
  });
});
