import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Simulator } from "./server.ts";
import {
  ALL_SCOPES,
  CLIENT_KEY,
  connect,
  control,
  display,
  exchangeCode,
  LOG_ID,
  oauthPost,
  parseForm,
  readJson,
  refresh,
  REDIRECT_URI,
  startReceiver,
  startTestSimulator,
} from "./testing.ts";

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ accessTokenTtlSec: 7200, refreshTokenTtlSec: 15_552_000 });
});
afterAll(() => sim.close());
afterEach(() => sim.reset());

function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_key: CLIENT_KEY,
    response_type: "code",
    scope: ALL_SCOPES.join(","),
    redirect_uri: REDIRECT_URI,
    state: "st-1",
    ...params,
  });
  return `${sim.url}/v2/auth/authorize/?${query}`;
}

/** Opens the consent page, fills the form like a user would, submits it and returns the 302 target. */
async function consent(options: {
  creator?: number;
  untick?: string[];
  decision: "allow" | "deny";
  redirectUri?: string;
}) {
  const page = await fetch(authorizeUrl({ redirect_uri: options.redirectUri ?? REDIRECT_URI }));
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
  const form = parseForm(await page.text());
  const body = new URLSearchParams();
  for (const [name, value] of form.fields) {
    if (name === "creator") body.append(name, String(options.creator ?? value));
    else if (!(name === "grant" && options.untick?.includes(value))) body.append(name, value);
  }
  const button = form.buttons.find((b) => b.value === options.decision)!;
  body.append(button.name, button.value);
  return { form, body };
}

async function postConsent(action: string, body: URLSearchParams, redirect: "manual" | "follow" = "manual") {
  return fetch(new URL(action, sim.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect,
  });
}

describe("authorize page and consent form", () => {
  it("runs the whole code flow as a browser would: page, form, redirect back, code exchange", async () => {
    const app = await startReceiver();
    try {
      const redirectUri = `${app.url}/tiktok/callback`;
      const { form, body } = await consent({ creator: 4, decision: "allow", redirectUri });
      expect(form.method).toBe("post");
      expect(form.action).toBe("/v2/auth/authorize/");
      expect(form.checkboxes).toEqual(["user.info.profile", "user.info.stats", "video.list"]);
      // The browser follows the 302 to the app's callback.
      const landed = await postConsent(form.action, body, "follow");
      expect(landed.status).toBe(200);
      expect(app.received).toHaveLength(1);
      const callback = new URL(app.received[0]!.url, app.url);
      expect(app.received[0]!.method).toBe("GET");
      expect(callback.pathname).toBe("/tiktok/callback");
      expect([...callback.searchParams.keys()]).toEqual(["code", "scopes", "state"]);
      expect(callback.searchParams.get("scopes")).toBe(ALL_SCOPES.join(","));
      expect(callback.searchParams.get("state")).toBe("st-1");

      const tokens = await exchangeCode(sim, callback.searchParams.get("code")!, redirectUri);
      expect(tokens.status).toBe(200);
      expect(tokens.body).toEqual({
        access_token: expect.stringMatching(/^act\.[0-9A-Za-z]{40}$/),
        expires_in: 7200,
        open_id: sim.world.creator(4).openId,
        refresh_token: expect.stringMatching(/^rft\.[0-9A-Za-z]{40}$/),
        refresh_expires_in: 15_552_000,
        scope: ALL_SCOPES.join(","),
        token_type: "Bearer",
      });
      const me = await display(sim, "user/info", { token: tokens.body.access_token, fields: "open_id,display_name" });
      expect(me.body.data).toEqual({
        user: { open_id: sim.world.creator(4).openId, display_name: sim.world.creator(4).displayName },
      });
    } finally {
      await app.close();
    }
  });

  it("lists the first creators by name and shows the requested scopes", async () => {
    const html = await (await fetch(authorizeUrl({ scope: "user.info.basic,video.list" }))).text();
    for (let i = 0; i < 8; i++) expect(html).toContain(`<li value="${i}"><b>`);
    expect(html).toContain(sim.world.creator(0).displayName.replace(/'/g, "&#39;"));
    expect(parseForm(html).checkboxes).toEqual(["video.list"]);
    expect(html).toContain("user.info.basic</code> (always granted)");
  });

  it("sends a denied consent back with error=access_denied and the state", async () => {
    const { form, body } = await consent({ decision: "deny" });
    const res = await postConsent(form.action, body);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: "access_denied",
      error_description: "The user denied the authorization request.",
      state: "st-1",
    });
  });

  it("grants only the scopes left ticked (basic always), and the token says so", async () => {
    const { form, body } = await consent({
      creator: 2,
      untick: ["video.list", "user.info.profile"],
      decision: "allow",
    });
    const location = new URL((await postConsent(form.action, body)).headers.get("location")!);
    expect(location.searchParams.get("scopes")).toBe("user.info.basic,user.info.stats");
    const tokens = await exchangeCode(sim, location.searchParams.get("code")!);
    expect(tokens.body.scope).toBe("user.info.basic,user.info.stats");
    const list = await display(sim, "video/list", { token: tokens.body.access_token, fields: "id" });
    expect(list.status).toBe(401);
    expect(list.body.error.code).toBe("scope_not_authorized");
  });

  it("re-renders the form with an error for a creator index out of range", async () => {
    const { form, body } = await consent({ creator: 50, decision: "allow" });
    const res = await postConsent(form.action, body);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Pick a creator index between 0 and 49.");
  });

  it("shows an error page, not a redirect, for an unknown client or an unregistered redirect_uri", async () => {
    const cases: Record<string, string>[] = [
      { client_key: "someone-else" },
      { redirect_uri: "https://evil.example/cb" },
      { redirect_uri: `${REDIRECT_URI}?next=1` },
    ];
    for (const params of cases) {
      const res = await fetch(authorizeUrl(params), { redirect: "manual" });
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
      expect(await res.text()).toContain("Something went wrong");
    }
  });

  it("redirects errors back once the redirect_uri is trusted: response_type and scope", async () => {
    const cases = [
      [{ response_type: "token" }, "unsupported_response_type"],
      [{ scope: "user.info.basic video.list" }, "invalid_scope"],
      [{ scope: "" }, "invalid_scope"],
    ] as const;
    for (const [params, error] of cases) {
      const res = await fetch(authorizeUrl(params), { redirect: "manual" });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get("location")!);
      expect(location.searchParams.get("error")).toBe(error);
      expect(location.searchParams.get("state")).toBe("st-1");
    }
  });

  it("matches a registered redirect_uri list exactly", async () => {
    const strict = await startTestSimulator({ redirectUris: ["https://app.example/tiktok/callback"] });
    try {
      const base = { client_key: CLIENT_KEY, response_type: "code", scope: "user.info.basic", state: "x" };
      const ok = await fetch(
        `${strict.url}/v2/auth/authorize/?${new URLSearchParams({ ...base, redirect_uri: "https://app.example/tiktok/callback" })}`,
      );
      expect(ok.status).toBe(200);
      for (const uri of ["https://app.example/tiktok/callback/", REDIRECT_URI]) {
        const res = await fetch(
          `${strict.url}/v2/auth/authorize/?${new URLSearchParams({ ...base, redirect_uri: uri })}`,
        );
        expect(res.status).toBe(400);
      }
    } finally {
      await strict.close();
    }
  });
});

async function code(creator = 1, redirectUri = REDIRECT_URI) {
  const res = await control<{ code: string }>(sim, "POST", "authorize", {
    creator,
    scopes: ALL_SCOPES,
    client_key: CLIENT_KEY,
    redirect_uri: redirectUri,
  });
  return res.body.code;
}

describe("token endpoint", () => {
  it("codes are single-use: a second exchange is invalid_grant", async () => {
    const c = await code();
    expect(c).toMatch(/\*0!\d{4}$/); // needs URL-decoding, like TikTok's
    expect((await exchangeCode(sim, c)).status).toBe(200);
    const again = await exchangeCode(sim, c);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      error: "invalid_grant",
      error_description: "Authorization code is invalid or has already been used.",
      log_id: expect.stringMatching(LOG_ID),
    });
    expect(again.headers.get("x-tt-logid")).toBe((again.body as unknown as { log_id: string }).log_id);
  });

  it("binds the code to its redirect_uri", async () => {
    const res = await exchangeCode(sim, await code(), "http://127.0.0.1:8787/other");
    expect(res.body).toMatchObject({ error: "invalid_grant" });
  });

  it("expires codes after 10 minutes of simulator time", async () => {
    const c = await code();
    sim.clock.advance(600_000);
    expect((await exchangeCode(sim, c)).body).toMatchObject({
      error: "invalid_grant",
      error_description: "Authorization code is expired.",
    });
  });

  it("rotates refresh tokens: the old one is invalid_grant after use, the new pair works", async () => {
    const first = await connect(sim, 3);
    const second = await refresh(sim, first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      access_token: expect.stringMatching(/^act\./),
      expires_in: 7200,
      open_id: first.open_id,
      refresh_token: expect.stringMatching(/^rft\./),
      refresh_expires_in: 15_552_000,
      scope: first.scope,
      token_type: "Bearer",
    });
    expect(second.body.access_token).not.toBe(first.access_token);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    const reused = await refresh(sim, first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: "invalid_grant" });
    expect((await refresh(sim, second.body.refresh_token)).status).toBe(200);
    // The access token issued before a refresh keeps working until it expires.
    expect((await display(sim, "user/info", { token: first.access_token, fields: "open_id" })).status).toBe(200);
  });

  it("honours lifetimes on the simulator clock", async () => {
    const tokens = await connect(sim, 5);
    sim.clock.advance(7_199_000);
    expect((await display(sim, "user/info", { token: tokens.access_token, fields: "open_id" })).status).toBe(200);
    sim.clock.advance(1_000);
    const expired = await display(sim, "user/info", { token: tokens.access_token, fields: "open_id" });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toEqual({
      code: "access_token_invalid",
      message: "The access token has expired. Please refresh the token and retry.",
      log_id: expect.stringMatching(LOG_ID),
    });
    const renewed = await refresh(sim, tokens.refresh_token);
    expect(renewed.status).toBe(200);
    sim.clock.advance(15_552_000_000);
    expect((await refresh(sim, renewed.body.refresh_token)).body).toMatchObject({
      error: "invalid_grant",
      error_description: "Refresh token is expired.",
    });
  });

  it("takes form bodies only and checks the client", async () => {
    const json = await fetch(`${sim.url}/v2/oauth/token/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_key: CLIENT_KEY, grant_type: "authorization_code", code: await code() }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: "invalid_request" });
    const badSecret = await readJson(
      await oauthPost(sim, "token", { client_secret: "nope", grant_type: "refresh_token", refresh_token: "rft.x" }),
    );
    expect(badSecret.status).toBe(401);
    expect(badSecret.body).toMatchObject({ error: "invalid_client" });
    const grant = await readJson(await oauthPost(sim, "token", { grant_type: "password" }));
    expect(grant.body).toMatchObject({ error: "unsupported_grant_type" });
    const missing = await readJson(await oauthPost(sim, "token", { grant_type: "authorization_code" }));
    expect(missing.body).toMatchObject({
      error: "invalid_request",
      error_description: "Missing required parameter: code.",
    });
  });
});

describe("revoke endpoint", () => {
  it("ends the user's authorization: access and refresh tokens stop working", async () => {
    const tokens = await connect(sim, 6);
    const res = await readJson(await oauthPost(sim, "revoke", { token: tokens.access_token }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect((await display(sim, "user/info", { token: tokens.access_token, fields: "open_id" })).status).toBe(401);
    expect((await refresh(sim, tokens.refresh_token)).body).toMatchObject({ error: "invalid_grant" });
    // Revoking again (or an unknown token) is not an error.
    expect((await oauthPost(sim, "revoke", { token: tokens.access_token })).status).toBe(200);
  });

  it("leaves the user no live grant (the app is gone from their connected apps)", async () => {
    const tokens = await connect(sim, 9);
    const grants = () => control(sim, "GET", `grants?open_id=${encodeURIComponent(tokens.open_id)}`);
    expect((await grants()).body).toEqual({ codes: 0, access: 1, refresh: 1 });
    await oauthPost(sim, "revoke", { token: tokens.access_token });
    expect((await grants()).body).toEqual({ codes: 0, access: 0, refresh: 0 });
  });

  it("tells the app with authorization.removed, reason 5 (developer revoked), as TikTok does", async () => {
    const receiver = await startReceiver();
    const withHook = await startTestSimulator({ seed: 7, webhookUrl: `${receiver.url}/tiktok/webhook` });
    try {
      const tokens = await connect(withHook, 2);
      await oauthPost(withHook, "revoke", { token: tokens.access_token });
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1));
      const delivery = JSON.parse(receiver.received[0]!.body) as Record<string, unknown>;
      expect(delivery).toMatchObject({ event: "authorization.removed", user_openid: tokens.open_id });
      expect(JSON.parse(delivery.content as string)).toEqual({ reason: 5 });
      // revoking what is already revoked tells nobody again
      await oauthPost(withHook, "revoke", { token: tokens.access_token });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.received).toHaveLength(1);
    } finally {
      await withHook.close();
      await receiver.close();
    }
  });

  it("checks the client and requires the token", async () => {
    expect((await readJson(await oauthPost(sim, "revoke", { client_secret: "x", token: "act.x" }))).body).toMatchObject(
      {
        error: "invalid_client",
      },
    );
    expect((await readJson(await oauthPost(sim, "revoke", {}))).body).toMatchObject({ error: "invalid_request" });
  });
});
