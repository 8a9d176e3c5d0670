import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { resetDatabase } from "./helpers/db";
import { nextUserId, seedAccount } from "./helpers/fixtures";
import { bearer, tokenFor } from "./helpers/tokens";

let account: string;
let token: string;

beforeAll(async () => {
  await resetDatabase();
  account = await seedAccount("open-contract");
});

const get = async (path: string) => {
  token = await tokenFor({ sub: nextUserId(), tier: "pro", tiktokAccountIds: [account] });
  const res = await exports.default.fetch(`http://adam.test${path}`, { headers: bearer(token) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
};

describe("bad input is a 4xx envelope naming the problem", () => {
  it.each([
    ["/api/v1/accounts/abc/metrics", "Invalid param: param.id: must be a positive integer account id"],
    ["/api/v1/accounts/-1/metrics", "Invalid param: param.id: must be a positive integer account id"],
    [
      "/api/v1/accounts/99999999999999999999999/metrics",
      "Invalid param: param.id: must be a positive integer account id",
    ],
    [
      "/api/v1/videos/12x/snapshots",
      "Invalid param: param.videoId: must be a numeric TikTok video id (up to 20 digits, sent as a string)",
    ],
    ["/api/v1/accounts/ACCOUNT/snapshots?days=0", "Invalid query: query.days: must be at least 1"],
    ["/api/v1/accounts/ACCOUNT/snapshots?days=100000", "Invalid query: query.days: must be at most 365"],
    ["/api/v1/accounts/ACCOUNT/snapshots?days=ten", "Invalid query: query.days: must be a whole number of days"],
    ["/api/v1/accounts/ACCOUNT/snapshots?days=1.5", "Invalid query: query.days: must be a whole number of days"],
    ["/api/v1/videos/ACCOUNT?limit=-5", "Invalid query: query.limit: must be at least 1"],
    ["/api/v1/videos/ACCOUNT?limit=1000000", "Invalid query: query.limit: must be at most 100"],
    [
      "/api/v1/videos/ACCOUNT?sort=random",
      "Invalid query: query.sort: must be one of views, likes, comments, shares, engagement, newest",
    ],
    ["/api/v1/videos/ACCOUNT?limt=5", 'Invalid query: query: Unrecognized key: "limt"'],
    [
      "/api/v1/videos/7300000000000000001/snapshots?anchor=yesterday",
      "Invalid query: query.anchor: must be posted or latest",
    ],
  ])("GET %s → 400", async (path, message) => {
    const { status, body } = await get(path.replace("ACCOUNT", account));
    expect(status).toBe(400);
    expect(body.error?.code).toBe("invalid_request");
    expect(body.error?.message).toBe(message);
  });
});

describe("every route's query is strict", () => {
  it.each([
    ["GET", "/api/v1/accounts"],
    ["GET", "/api/v1/accounts/ACCOUNT/metrics"],
    ["GET", "/api/v1/accounts/ACCOUNT/snapshots"],
    ["GET", "/api/v1/accounts/ACCOUNT/overview"],
    ["DELETE", "/api/v1/accounts/ACCOUNT"],
    ["GET", "/api/v1/videos/ACCOUNT"],
    ["GET", "/api/v1/videos/7300000000000000001/snapshots"],
    ["GET", "/api/v1/videos/7300000000000000001/anomalies"],
    ["GET", "/api/v1/videos/7300000000000000001/detail"],
    ["GET", "/api/v1/insights/ACCOUNT"],
    ["GET", "/api/v1/coach/ACCOUNT"],
    ["GET", "/api/v1/me"],
    ["GET", "/api/v1/me/export"],
    ["DELETE", "/api/v1/me"],
    ["GET", "/api/v1/tiktok/connect"],
    ["POST", "/api/v1/auth/signup"],
    ["POST", "/api/v1/auth/login"],
    ["POST", "/api/v1/auth/refresh"],
    ["POST", "/api/v1/auth/logout"],
    ["POST", "/tiktok/webhook"],
    ["GET", "/healthz"],
    ["GET", "/livez"],
    ["GET", "/api/v1/openapi.json"],
    ["GET", "/api/v1/docs"],
  ])("%s %s?cachebuster=1 → 400", async (method, path) => {
    token = await tokenFor({ sub: nextUserId(), tier: "pro", tiktokAccountIds: [account] });
    const res = await exports.default.fetch(`http://adam.test${path.replace("ACCOUNT", account)}?cachebuster=1`, {
      method,
      headers: { ...bearer(token), "content-type": "application/json" },
      body: method === "GET" ? undefined : JSON.stringify({ email: "a@b.co", password: "long enough pw" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  });
});

describe("OpenAPI", () => {
  it("documents every route, generated from the validating schemas", async () => {
    const res = await exports.default.fetch("http://adam.test/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string; schema: Record<string, unknown> }[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).toSorted()).toEqual([
      "/alerts/unsubscribe",
      "/api/v1/accounts",
      "/api/v1/accounts/{id}",
      "/api/v1/accounts/{id}/metrics",
      "/api/v1/accounts/{id}/overview",
      "/api/v1/accounts/{id}/snapshots",
      "/api/v1/accounts/{id}/watch",
      "/api/v1/accounts/{id}/watch/connect",
      "/api/v1/alerts",
      "/api/v1/alerts/push-subscriptions",
      "/api/v1/alerts/push-subscriptions/{id}",
      "/api/v1/alerts/read",
      "/api/v1/alerts/settings",
      "/api/v1/alerts/settings/preferences",
      "/api/v1/alerts/webhooks",
      "/api/v1/alerts/webhooks/{id}",
      "/api/v1/auth/login",
      "/api/v1/auth/logout",
      "/api/v1/auth/refresh",
      "/api/v1/auth/signup",
      "/api/v1/coach/{accountId}",
      "/api/v1/coach/{accountId}/experiments",
      "/api/v1/coach/{accountId}/experiments/{experimentId}",
      "/api/v1/coach/{accountId}/experiments/{experimentId}/stop",
      "/api/v1/coach/{accountId}/goals",
      "/api/v1/coach/{accountId}/goals/{goalId}",
      "/api/v1/coach/{accountId}/settings",
      "/api/v1/coach/{accountId}/videos/{videoId}/labels/{label}",
      "/api/v1/insights/{accountId}",
      "/api/v1/me",
      "/api/v1/me/export",
      "/api/v1/tiktok/connect",
      "/api/v1/videos/{accountId}",
      "/api/v1/videos/{videoId}/anomalies",
      "/api/v1/videos/{videoId}/detail",
      "/api/v1/videos/{videoId}/snapshots",
      "/api/v1/videos/{videoId}/watch",
      "/healthz",
      "/livez",
      "/tiktok/callback",
      "/tiktok/watch/callback",
      "/tiktok/webhook",
    ]);
    expect(Object.keys(doc.paths["/api/v1/accounts/{id}"]!)).toEqual(["delete"]);
    expect(Object.keys(doc.paths["/api/v1/me"]!).toSorted()).toEqual(["delete", "get"]);
    const days = doc.paths["/api/v1/accounts/{id}/snapshots"]!.get!.parameters!.find((p) => p.name === "days");
    expect(days?.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 365, default: 30 });
    const sort = doc.paths["/api/v1/videos/{accountId}"]!.get!.parameters!.find((p) => p.name === "sort");
    expect(sort?.schema).toMatchObject({ enum: ["views", "likes", "comments", "shares", "engagement", "newest"] });
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
  });

  it("has a readable docs page that needs no script", async () => {
    const res = await exports.default.fetch("http://adam.test/api/v1/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    const html = await res.text();
    expect(html).toContain("<code>/api/v1/videos/{videoId}/snapshots</code>");
    expect(html).toContain("<code>days</code> <em>query</em> 1–365 (default 30)");
    expect(html).not.toContain("<script");
  });
});

describe("CORS", () => {
  it("allows the dashboard origin with credentials", async () => {
    const res = await exports.default.fetch("http://adam.test/api/v1/auth/refresh", {
      method: "OPTIONS",
      headers: { origin: "http://dashboard.test", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://dashboard.test");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
  });

  it("lets the dashboard's preflight through for every method the API documents (a PUT the browser may not send is a broken form)", async () => {
    const doc = (await (await exports.default.fetch("http://adam.test/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(Object.values(doc.paths).flatMap((ops) => Object.keys(ops).map((m) => m.toUpperCase())));
    const res = await exports.default.fetch("http://adam.test/api/v1/alerts/settings/preferences", {
      method: "OPTIONS",
      headers: { origin: "http://dashboard.test", "access-control-request-method": "PUT" },
    });
    const allowed = (res.headers.get("access-control-allow-methods") ?? "").split(",").map((m) => m.trim());
    expect([...documented].filter((m) => !allowed.includes(m))).toEqual([]);
    expect(documented.has("PUT")).toBe(true);
  });

  it("gives any other origin no CORS grant", async () => {
    const res = await exports.default.fetch("http://adam.test/api/v1/accounts", {
      headers: { origin: "https://evil.example" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
