import { beforeEach, describe, expect, it } from "vitest";
import { createTikTokClient } from "../src/tiktok/client";
import { TikTokError } from "../src/tiktok/errors";
import { ALL_SCOPES, SIM, sim } from "./helpers/simulator";

const options = { apiBase: SIM, clientKey: "test-client-key", clientSecret: "test-client-secret", baseDelayMs: 5 };
const client = createTikTokClient(options);

async function connect(creator: number, scopes = ALL_SCOPES) {
  const { code, open_id } = await sim.authorize(creator, scopes);
  const tokens = await client.exchangeCode(code, "http://adam.test/tiktok/callback");
  return { ...tokens, openId: open_id };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as TikTokError,
  );

beforeEach(async () => {
  await sim.reset();
});

describe("TikTok client against the simulator", () => {
  it("exchanges a code for tokens and reads the user with the fields its scopes allow", async () => {
    const tokens = await connect(1);
    expect(tokens.access_token).toMatch(/^act\./);
    expect(tokens.refresh_token).toMatch(/^rft\./);
    expect(tokens.scope.split(",").toSorted()).toEqual(ALL_SCOPES);
    const { user, observedAtMs } = await client.userInfo(tokens.access_token, ALL_SCOPES);
    expect(user.open_id).toBe(tokens.open_id);
    expect(Math.abs(observedAtMs - (await sim.state()).now)).toBeLessThan(2000);
    expect(typeof user.follower_count).toBe("number");
    expect(typeof user.username).toBe("string");

    const basic = await connect(2, ["user.info.basic"]);
    const { user: limited } = await client.userInfo(basic.access_token, ["user.info.basic"]);
    expect(limited.follower_count).toBeUndefined();
    expect(limited.display_name).toBeTypeOf("string");
  });

  it("pages through videos newest first with the ms cursor, ids kept as strings", async () => {
    const { access_token } = await connect(3);
    const first = await client.listVideos(access_token, { maxCount: 5 });
    expect(first.videos.length).toBeLessThanOrEqual(5);
    expect(first.videos.every((v) => typeof v.id === "string" && /^\d{19}$/.test(v.id))).toBe(true);
    const all = await client.listVideosSince(access_token, 0, 100);
    expect(all.complete).toBe(true);
    const times = all.videos.map((v) => v.create_time);
    expect(times).toEqual(times.toSorted((a, b) => b - a));
    expect(new Set(all.videos.map((v) => v.id)).size).toBe(all.videos.length);

    // back to a known video: one page covers it, and the whole page comes back
    const since = all.videos[3]!.create_time * 1000;
    await sim.resetCalls();
    const recent = await client.listVideosSince(access_token, since, 100);
    expect(recent.videos.map((v) => v.id)).toEqual(all.videos.slice(0, recent.videos.length).map((v) => v.id));
    expect(recent.videos.length).toBeGreaterThan(4);
    expect((await sim.calls()).video_list).toBe(1);
  });

  it("queries any number of ids 20 at a time, silently dropping videos that are not the user's", async () => {
    const mine = await connect(4);
    const theirs = await connect(5);
    const myVideos = (await client.listVideosSince(mine.access_token, 0, 100)).videos.map((v) => v.id);
    const foreign = (await client.listVideos(theirs.access_token, { maxCount: 1 })).videos[0]!.id;
    await sim.resetCalls();
    const found = await client.queryVideos(mine.access_token, [...myVideos, foreign]);
    expect(found.map((v) => v.id).toSorted()).toEqual(myVideos.toSorted());
    expect((await sim.calls()).video_query).toBe(Math.ceil((myVideos.length + 1) / 20));
  });

  it.each([
    ["rate_limit", "rate_limit_exceeded"],
    ["server_error", "internal_error"],
    ["malformed_json", "malformed_response"],
  ])("retries a transient %s and succeeds", async (kind) => {
    const { access_token, open_id } = await connect(6);
    await sim.fault({ kind, scope: open_id, endpoint: "user_info", count: 2 });
    await sim.resetCalls();
    const { user } = await client.userInfo(access_token, ALL_SCOPES);
    expect(user.open_id).toBe(open_id);
    expect((await sim.calls()).user_info).toBe(3);
  });

  it("gives up after three attempts, with an error that says a retry could help", async () => {
    const { access_token, open_id } = await connect(7);
    await sim.fault({ kind: "rate_limit", scope: open_id, count: 10 });
    await sim.resetCalls();
    const error = await failure(client.userInfo(access_token, ALL_SCOPES));
    expect(error).toBeInstanceOf(TikTokError);
    expect([error!.code, error!.action, error!.retryable, error!.rateLimited]).toEqual([
      "rate_limit_exceeded",
      "retry",
      true,
      true,
    ]);
    expect(error!.details.httpStatus).toBe(429);
    expect((await sim.calls()).user_info).toBe(3);
  });

  it("times out a call that never answers", async () => {
    const quick = createTikTokClient({ ...options, timeoutMs: 300, maxAttempts: 1 });
    const { access_token, open_id } = await connect(8);
    await sim.fault({ kind: "timeout", scope: open_id, count: 1 });
    const error = await failure(quick.userInfo(access_token, ALL_SCOPES));
    expect([error?.code, error?.action]).toEqual(["timeout", "retry"]);
  });

  it.each([
    ["access_token_invalid", "refresh", 401],
    ["scope_not_authorized", "reconnect", 401],
  ])("maps %s to %s without retrying", async (kind, action, status) => {
    const { access_token, open_id } = await connect(9);
    await sim.fault({ kind, scope: open_id, count: 1 });
    await sim.resetCalls();
    const error = await failure(client.userInfo(access_token, ALL_SCOPES));
    expect([error?.code, error?.action, error?.details.httpStatus]).toEqual([kind, action, status]);
    expect((await sim.calls()).user_info).toBe(1);
  });

  it("rotates refresh tokens: the old one is invalid_grant, which means reconnect", async () => {
    const tokens = await connect(10);
    const next = await client.refresh(tokens.refresh_token);
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    const reuse = await failure(client.refresh(tokens.refresh_token));
    expect([reuse?.code, reuse?.action]).toEqual(["invalid_grant", "reconnect"]);
    expect((await client.userInfo(next.access_token, ALL_SCOPES)).user.open_id).toBe(tokens.open_id);
  });

  it("never retries a single-use refresh after an answer that may have spent it", async () => {
    const tokens = await connect(12);
    await sim.fault({ kind: "server_error", endpoint: "token", count: 1 });
    await sim.resetCalls();
    const error = await failure(client.refresh(tokens.refresh_token));
    expect([error?.code, error?.retryable]).toEqual(["server_error", true]);
    expect((await sim.calls()).refresh).toBe(1);
    // a rate-limited refresh, turned away unprocessed, is retried
    await sim.fault({ kind: "rate_limit", endpoint: "token", count: 1 });
    await sim.resetCalls();
    expect((await client.refresh(tokens.refresh_token)).access_token).toMatch(/^act\./);
    expect((await sim.calls()).refresh).toBe(2);
  });

  it("refuses a code used twice", async () => {
    const { code } = await sim.authorize(11, ALL_SCOPES);
    await client.exchangeCode(code, "http://adam.test/tiktok/callback");
    const again = await failure(client.exchangeCode(code, "http://adam.test/tiktok/callback"));
    expect([again?.code, again?.retryable]).toEqual(["invalid_grant", false]);
  });
});
