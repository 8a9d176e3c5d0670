import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClock } from "./clock.ts";
import { getWithHost } from "../http-host.ts";
import { isLoopback } from "./http.ts";
import type { Simulator } from "./server.ts";
import {
  ALL_SCOPES,
  CLIENT_KEY,
  connect,
  control,
  display,
  exchangeCode,
  oauthPost,
  refresh,
  REDIRECT_URI,
  START_MS,
  startTestSimulator,
} from "./testing.ts";

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ seed: 7, rateLimitPerMinute: 50 });
});
afterAll(() => sim.close());

describe("clock", () => {
  it("frozen: moves only when told", () => {
    const clock = createClock({ startMs: 1000, frozen: true }, () => 5);
    expect(clock.now()).toBe(1000);
    expect(clock.advance(500)).toBe(1500);
    expect(clock.set(10)).toBe(10);
    expect(clock.reset()).toBe(1000);
  });

  it("running: real time plus an offset", () => {
    let real = 100;
    const clock = createClock({ startMs: 1000 }, () => real);
    real = 150;
    expect(clock.now()).toBe(1050);
    clock.advance(1000);
    real = 160;
    expect(clock.now()).toBe(2060);
    clock.set(0);
    real = 170;
    expect(clock.now()).toBe(10);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });
});

/** The Accounts API's counters, all zero in these Display API tests. */
const NO_BUSINESS_CALLS = {
  business_token: 0,
  business_refresh: 0,
  business_revoke: 0,
  business_get: 0,
  business_video_list: 0,
};

describe("control API", () => {
  it("GET /__sim/state", async () => {
    const res = await control(sim, "GET", "state");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      now: START_MS,
      seed: 7,
      creators: 50,
      rateLimitPerMinute: 50,
      epochMs: START_MS,
      clockStartMs: START_MS,
      frozen: true,
      clientKey: CLIENT_KEY,
      businessClientKey: "sim-business-key",
      businessRateLimitPerMinute: 600,
    });
  });

  it("POST /__sim/clock sets (ms or ISO) and advances", async () => {
    expect((await control(sim, "POST", "clock", { advance: 3_600_000 })).body).toEqual({ now: START_MS + 3_600_000 });
    expect((await control(sim, "POST", "clock", { set: "2026-12-24T18:00:00Z" })).body).toEqual({
      now: Date.UTC(2026, 11, 24, 18),
    });
    expect((await control(sim, "POST", "clock", { set: START_MS })).body).toEqual({ now: START_MS });
    expect((await control(sim, "POST", "clock", {})).status).toBe(400);
    expect((await control(sim, "POST", "clock", { advance: "1h" })).status).toBe(400);
  });

  it("POST /__sim/authorize issues a code without the form, validated like the page", async () => {
    const res = await control(sim, "POST", "authorize", {
      creator: 9,
      scopes: ["user.info.stats"],
      client_key: CLIENT_KEY,
      redirect_uri: REDIRECT_URI,
      state: "abc",
    });
    expect(res.status).toBe(200);
    const openId = sim.world.creator(9).openId;
    expect(res.body).toEqual({
      code: expect.any(String),
      open_id: openId,
      scopes: "user.info.basic,user.info.stats",
      redirect_url: `${REDIRECT_URI}?${new URLSearchParams({ code: res.body.code as string, scopes: "user.info.basic,user.info.stats", state: "abc" })}`,
    });
    expect((await exchangeCode(sim, res.body.code as string)).body.open_id).toBe(openId);
    for (const [body, error] of [
      [{ creator: 50, redirect_uri: REDIRECT_URI }, "creator must be an index from 0 to 49"],
      [
        { creator: 1, redirect_uri: "https://x.example/cb" },
        'redirect_uri "https://x.example/cb" is not registered (the code is bound to it)',
      ],
      [{ creator: 1, redirect_uri: REDIRECT_URI, client_key: "other" }, 'unknown client_key "other"'],
      [{ creator: 1, redirect_uri: REDIRECT_URI, scopes: ["video.upload"] }, "unknown scopes: video.upload"],
    ] as const) {
      const bad = await control(sim, "POST", "authorize", body);
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ error });
    }
  });

  it("GET /__sim/calls counts per endpoint and per open_id, refreshes separately; POST /__sim/calls/reset", async () => {
    const tokens = await connect(sim, 11);
    await control(sim, "POST", "calls/reset");
    await display(sim, "user/info", { token: tokens.access_token, fields: "open_id" });
    await display(sim, "video/list", { token: tokens.access_token, fields: "id", body: {} });
    await display(sim, "video/list", { token: "act.nobody", fields: "id", body: {} });
    const renewed = (await refresh(sim, tokens.refresh_token)).body;
    await refresh(sim, tokens.refresh_token); // reused: refused, still a call that reached TikTok
    await oauthPost(sim, "revoke", { token: renewed.access_token });
    const calls = await control(sim, "GET", "calls");
    expect(calls.body).toEqual({
      total: {
        ...NO_BUSINESS_CALLS,
        authorize: 0,
        token: 2,
        refresh: 2,
        revoke: 1,
        user_info: 1,
        video_list: 2,
        video_query: 0,
      },
      byOpenId: { [tokens.open_id]: { user_info: 1, video_list: 1, token: 2, refresh: 2, revoke: 1 } },
    });
    expect((await control(sim, "POST", "calls/reset")).body).toEqual({ ok: true });
    expect((await control(sim, "GET", "calls")).body).toEqual({
      total: {
        ...NO_BUSINESS_CALLS,
        authorize: 0,
        token: 0,
        refresh: 0,
        revoke: 0,
        user_info: 0,
        video_list: 0,
        video_query: 0,
      },
      byOpenId: {},
    });
  });

  it("POST /__sim/reset clears tokens, faults, counts and the rate-limit window, and rewinds the clock", async () => {
    const tokens = await connect(sim, 12);
    await control(sim, "POST", "faults", { kind: "server_error", endpoint: "revoke" });
    await control(sim, "POST", "clock", { advance: 60_000 });
    expect((await control(sim, "POST", "reset")).body).toEqual({ ok: true, now: START_MS });
    expect((await display(sim, "user/info", { token: tokens.access_token, fields: "open_id" })).status).toBe(401);
    expect((await control(sim, "GET", "faults")).body).toEqual({ faults: [] });
    expect(((await control(sim, "GET", "calls")).body.total as Record<string, number>).user_info).toBe(1);
  });

  it("answers 404 with a message for unknown control routes and 400 for non-JSON bodies", async () => {
    const res = await control(sim, "GET", "nothing");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: "no control route GET /__sim/nothing" });
    const text = await fetch(`${sim.url}/__sim/clock`, { method: "POST", body: "advance=1" });
    expect(text.status).toBe(400);
  });

  it("serves only loopback clients", () => {
    expect(["127.0.0.1", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
    expect(["10.0.0.2", "::ffff:192.168.1.4", undefined].some(isLoopback)).toBe(false);
    expect(new URL(sim.url).hostname).toBe("127.0.0.1");
  });

  it("is usable end to end from a client that can only speak HTTP", async () => {
    const { body } = await control<{ code: string }>(sim, "POST", "authorize", {
      creator: 0,
      scopes: ALL_SCOPES,
      client_key: CLIENT_KEY,
      redirect_uri: REDIRECT_URI,
    });
    const tokens = (await exchangeCode(sim, body.code)).body;
    await control(sim, "POST", "clock", { advance: 86_400_000 });
    expect((await display(sim, "user/info", { token: tokens.access_token, fields: "open_id" })).status).toBe(401);
    expect((await refresh(sim, tokens.refresh_token)).status).toBe(200);
    await control(sim, "POST", "reset");
  });
});

describe("DNS rebinding", () => {
  it("refuses a request that names another host, even on loopback", async () => {
    const rebound = await getWithHost(`${sim.url}/__sim/state`, "evil.example");
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain("clientKey");
    expect((await getWithHost(`${sim.url}/__sim/state`, `localhost:${sim.port}`)).status).toBe(200);
  });
});
