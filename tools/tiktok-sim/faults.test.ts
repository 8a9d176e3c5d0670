import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FaultSpecError, FaultStore } from "./faults.ts";
import type { Simulator } from "./server.ts";
import {
  connect,
  control,
  display,
  displayError,
  LOG_ID,
  oauthPost,
  readJson,
  refresh,
  startTestSimulator,
} from "./testing.ts";
import type { TokenResponse } from "./tokens.ts";

let sim: Simulator;
let a: TokenResponse;
let b: TokenResponse;
beforeAll(async () => {
  sim = await startTestSimulator();
  a = await connect(sim, 1);
  b = await connect(sim, 2);
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
});

const info = (token: string) => display(sim, "user/info", { token, fields: "open_id" });
const list = (token: string) => display(sim, "video/list", { token, fields: "id", body: { max_count: 1 } });

async function addFault(spec: Record<string, unknown>): Promise<string> {
  const res = await control<{ id: string }>(sim, "POST", "faults", spec);
  expect(res.status).toBe(200);
  return res.body.id;
}

describe("FaultStore", () => {
  it("fires a counted rule N times, slow rules add up, the first other rule decides", () => {
    const store = new FaultStore();
    store.add({ kind: "slow", delayMs: 10, count: 1 });
    store.add({ kind: "slow", delayMs: 5 });
    store.add({ kind: "server_error", endpoint: "user_info", count: 2 });
    store.add({ kind: "rate_limit" });
    expect(store.take("user_info", "x")).toMatchObject({ delayMs: 15, fault: { kind: "server_error", remaining: 1 } });
    expect(store.take("user_info", "x")).toMatchObject({ delayMs: 5, fault: { kind: "server_error", remaining: 0 } });
    expect(store.take("user_info", "x")).toMatchObject({ delayMs: 5, fault: { kind: "rate_limit" } });
    expect(store.list().map((f) => f.kind)).toEqual(["slow", "rate_limit"]);
  });

  it("applies kinds only where they make sense and rejects bad specs", () => {
    const store = new FaultStore();
    store.add({ kind: "invalid_grant" });
    store.add({ kind: "access_token_invalid" });
    expect(store.take("token", undefined).fault?.kind).toBe("invalid_grant");
    expect(store.take("video_list", undefined).fault?.kind).toBe("access_token_invalid");
    expect(store.take("revoke", undefined).fault).toBeUndefined();
    const bad = [
      { kind: "explode" },
      { kind: "invalid_grant", endpoint: "user_info" },
      { kind: "scope_not_authorized", endpoint: "token" },
      { kind: "rate_limit", endpoint: "nope" },
      { kind: "rate_limit", count: 0 },
      { kind: "slow", delayMs: -1 },
      { kind: "rate_limit", scope: "" },
    ];
    for (const spec of bad) expect(() => store.add(spec as never)).toThrow(FaultSpecError);
  });
});

describe("faults over HTTP", () => {
  it("rate_limit: 429 envelope on the Display API, for one account only", async () => {
    await addFault({ scope: a.open_id, kind: "rate_limit" });
    const res = await info(a.access_token);
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: "rate_limit_exceeded" });
    expect((await info(b.access_token)).status).toBe(200);
  });

  it("server_error: 500 internal_error on the Display API, 500 server_error on OAuth endpoints", async () => {
    await addFault({ kind: "server_error", count: 2 });
    const api = await list(b.access_token);
    expect(api.status).toBe(500);
    expect(api.body).toEqual(displayError("internal_error", "Internal error. Please try again later."));
    const token = await refresh(sim, b.refresh_token);
    expect(token.status).toBe(500);
    expect(token.body).toEqual({
      error: "server_error",
      error_description: "Internal server error. Please try again later.",
      log_id: expect.stringMatching(LOG_ID),
    });
    // count 2 used up: the refresh token was not consumed by the failed call and works now.
    const ok = await refresh(sim, b.refresh_token);
    expect(ok.status).toBe(200);
    b = ok.body;
  });

  it("rate_limit on the token endpoint answers 429 in the OAuth shape", async () => {
    await addFault({ kind: "rate_limit", endpoint: "token", count: 1 });
    const res = await refresh(sim, "rft.whatever");
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ error: "temporarily_unavailable" });
  });

  it("slow: answers correctly, after the delay", async () => {
    await addFault({ scope: a.open_id, endpoint: "user_info", kind: "slow", delayMs: 200, count: 1 });
    const t0 = performance.now();
    expect((await info(a.access_token)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    const t1 = performance.now();
    await info(a.access_token);
    expect(performance.now() - t1).toBeLessThan(150);
  });

  it("timeout: holds the socket without answering (until the client gives up, or delayMs, then drops it)", async () => {
    await addFault({ endpoint: "video_list", kind: "timeout", count: 1 });
    await expect(
      fetch(`${sim.url}/v2/video/list/?fields=id`, {
        method: "POST",
        headers: { authorization: `Bearer ${a.access_token}` },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
    await addFault({ endpoint: "user_info", kind: "timeout", delayMs: 100, count: 1 });
    await expect(info(a.access_token)).rejects.toThrow(/fetch failed/);
    expect((await info(a.access_token)).status).toBe(200);
  });

  it("access_token_invalid: 401 for that account's calls although the token is fine", async () => {
    await addFault({ scope: b.open_id, kind: "access_token_invalid", count: 1 });
    expect((await info(a.access_token)).status).toBe(200);
    const res = await list(b.access_token);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "access_token_invalid" });
    expect((await list(b.access_token)).status).toBe(200);
  });

  it("scope_not_authorized: 401 on the chosen endpoint", async () => {
    await addFault({ endpoint: "video_query", kind: "scope_not_authorized" });
    const res = await display(sim, "video/query", {
      token: a.access_token,
      fields: "id",
      body: { filters: { video_ids: ["1"] } },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: "scope_not_authorized" });
    expect((await list(a.access_token)).status).toBe(200);
  });

  it("invalid_grant: the token endpoint refuses a good refresh token, which still works afterwards", async () => {
    await addFault({ scope: a.open_id, kind: "invalid_grant", count: 1 });
    const res = await refresh(sim, a.refresh_token);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: "invalid_grant", log_id: expect.stringMatching(LOG_ID) });
    const ok = await refresh(sim, a.refresh_token);
    expect(ok.status).toBe(200);
    a = ok.body;
  });

  it("malformed_json: status 200 and a JSON content type, but a cut-off body", async () => {
    await addFault({ kind: "malformed_json", count: 3 });
    for (const res of [
      await fetch(`${sim.url}/v2/user/info/?fields=open_id,display_name`, {
        headers: { authorization: `Bearer ${a.access_token}` },
      }),
      await oauthPost(sim, "token", { grant_type: "refresh_token", refresh_token: "rft.unknown" }),
      await oauthPost(sim, "revoke", { token: "act.unknown" }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const text = await res.text();
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
    }
    expect((await info(a.access_token)).status).toBe(200);
  });

  it("lists, removes one and clears all through the control API; bad specs are 400", async () => {
    const id = await addFault({ kind: "server_error" });
    await addFault({ kind: "rate_limit", scope: a.open_id, endpoint: "video_list", count: 5 });
    const listed = await control<{ faults: unknown[] }>(sim, "GET", "faults");
    expect(listed.body.faults).toEqual([
      { id, scope: "global", endpoint: "*", kind: "server_error" },
      { id: expect.any(String), scope: a.open_id, endpoint: "video_list", kind: "rate_limit", remaining: 5 },
    ]);
    expect((await control(sim, "DELETE", `faults/${id}`)).body).toEqual({ removed: true });
    expect((await control(sim, "DELETE", `faults/${id}`)).status).toBe(404);
    expect((await control(sim, "DELETE", "faults")).body).toEqual({ cleared: 1 });
    expect((await list(a.access_token)).status).toBe(200);
    const bad = await control(sim, "POST", "faults", { kind: "invalid_grant", endpoint: "video_list" });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "invalid_grant cannot happen on video_list" });
  });

  it.each([
    ["rate_limit", 429, "rate_limit_exceeded"],
    ["server_error", 500, "internal_error"],
    ["access_token_invalid", 401, "access_token_invalid"],
    ["scope_not_authorized", 401, "scope_not_authorized"],
    ["malformed_json", 200, undefined],
  ] as const)("%s hits only the named account, or every account when global", async (kind, status, code) => {
    const check = async (token: string) => {
      const res = await fetch(`${sim.url}/v2/video/list/?fields=id`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "{}",
      });
      const text = await res.text();
      if (res.status !== status) return false;
      if (code === undefined) return !text.endsWith("}") && text.length > 0;
      return (JSON.parse(text) as { error: { code: string } }).error.code === code;
    };
    const id = await addFault({ scope: a.open_id, kind });
    expect(await check(a.access_token)).toBe(true);
    expect((await list(b.access_token)).status).toBe(200);
    sim.faults.remove(id);
    await addFault({ scope: "global", kind, endpoint: "video_list" });
    expect(await check(a.access_token)).toBe(true);
    expect(await check(b.access_token)).toBe(true);
    expect((await info(b.access_token)).status).toBe(200);
  });

  it("faulted calls still count as calls", async () => {
    await control(sim, "POST", "calls/reset");
    await addFault({ kind: "server_error", count: 1 });
    await info(a.access_token);
    const calls = await readJson<{ total: Record<string, number> }>(await fetch(`${sim.url}/__sim/calls`));
    expect(calls.body.total.user_info).toBe(1);
  });
});
