/**
 * Helpers for the simulator's own tests: start one on a frozen clock, talk to it over HTTP the
 * way a client would (form-encoded OAuth calls, bearer-token Display API calls), read the
 * consent form out of its HTML.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { ADAM_BUSINESS_SCOPES } from "./scopes.ts";
import { startSimulator, type Simulator, type SimulatorOptions } from "./server.ts";
import type { TokenResponse } from "./tokens.ts";

/** 2026-11-01T00:00:00Z: every test world has 90 days of history before it. */
export const START_MS = Date.UTC(2026, 10, 1);
export const CLIENT_KEY = "sim-client-key";
export const CLIENT_SECRET = "sim-client-secret";
export const REDIRECT_URI = "http://127.0.0.1:8787/tiktok/callback";
export const ALL_SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"];
export const LOG_ID = /^\d{14}[0-9A-F]{20}$/;

export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ creators: 50, clock: { startMs: START_MS, frozen: true }, ...options });
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON (undefined when the body is empty). */
  body: T;
}

export async function readJson<T>(res: Response): Promise<JsonResponse<T>> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A control API call (`/__sim/...`). */
export async function control<T = Record<string, unknown>>(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonResponse<T>> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = JSON.stringify(body);
  }
  return readJson<T>(await fetch(`${sim.url}/__sim/${path}`, init));
}

/** A form-encoded POST to the token or revoke endpoint, with the app's credentials unless overridden. */
export function oauthPost(sim: Simulator, path: "token" | "revoke", fields: Record<string, string>): Promise<Response> {
  const form = new URLSearchParams({ client_key: CLIENT_KEY, client_secret: CLIENT_SECRET, ...fields });
  return fetch(`${sim.url}/v2/oauth/${path}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
}

export async function exchangeCode(sim: Simulator, code: string, redirectUri = REDIRECT_URI) {
  return readJson<TokenResponse>(
    await oauthPost(sim, "token", { grant_type: "authorization_code", code, redirect_uri: redirectUri }),
  );
}

export async function refresh(sim: Simulator, refreshToken: string) {
  return readJson<TokenResponse>(
    await oauthPost(sim, "token", { grant_type: "refresh_token", refresh_token: refreshToken }),
  );
}

/** Authorize through the control API and exchange the code: a connected account in two calls. */
export async function connect(sim: Simulator, creator: number, scopes: string[] = ALL_SCOPES): Promise<TokenResponse> {
  const granted = await control<{ code: string }>(sim, "POST", "authorize", {
    creator,
    scopes,
    client_key: CLIENT_KEY,
    redirect_uri: REDIRECT_URI,
    state: "s",
  });
  const tokens = await exchangeCode(sim, granted.body.code);
  if (tokens.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(tokens.body)}`);
  return tokens.body;
}

export interface Envelope<D = Record<string, unknown>> {
  data: D;
  error: { code: string; message: string; log_id: string };
}

/** A Display API call: `fields` in the query string, JSON body for POST. */
export async function display<D = Record<string, unknown>>(
  sim: Simulator,
  endpoint: "user/info" | "video/list" | "video/query",
  options: { token?: string; fields?: string; body?: unknown } = {},
): Promise<JsonResponse<Envelope<D>>> {
  const query = options.fields === undefined ? "" : `?fields=${encodeURIComponent(options.fields)}`;
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method: endpoint === "user/info" ? "GET" : "POST", headers };
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  return readJson<Envelope<D>>(await fetch(`${sim.url}/v2/${endpoint}/${query}`, init));
}

export interface ParsedForm {
  action: string;
  method: string;
  /** What a browser would submit before the button: hidden inputs, the number field, ticked boxes. */
  fields: [string, string][];
  /** Enabled checkboxes by value, for unticking. */
  checkboxes: string[];
  buttons: { name: string; value: string }[];
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/** Reads the consent form out of the page, as a browser would see it (enough for our own markup). */
export function parseForm(html: string): ParsedForm {
  const form = /<form\b[^>]*>/.exec(html)?.[0];
  if (!form) throw new Error("no <form> in the page");
  const fields: [string, string][] = [];
  const checkboxes: string[] = [];
  for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(input, "name");
    if (!name || /\sdisabled\b/.test(input)) continue;
    const type = attr(input, "type") ?? "text";
    const value = attr(input, "value") ?? "";
    if (type === "checkbox") {
      checkboxes.push(value);
      if (/\schecked\b/.test(input)) fields.push([name, value]);
    } else fields.push([name, value]);
  }
  const buttons = [...html.matchAll(/<button\b[^>]*>/g)].map(([b]) => ({
    name: attr(b, "name") ?? "",
    value: attr(b, "value") ?? "",
  }));
  return { action: attr(form, "action") ?? "", method: attr(form, "method") ?? "get", fields, checkboxes, buttons };
}

/** A stand-in for the app's callback (or webhook) endpoint: records each request and answers with `answer()`. */
export async function startReceiver(
  answer: (req: IncomingMessage, body: string) => number | Promise<number> = () => 200,
) {
  const received: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      void Promise.resolve(answer(req, body)).then((status) =>
        res.writeHead(status, { "content-type": "text/plain" }).end("ok"),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const BUSINESS_KEY = "sim-business-key";
export const BUSINESS_SECRET = "sim-business-secret";
export const BUSINESS_SCOPES_GRANTED: string[] = [...ADAM_BUSINESS_SCOPES];

export interface BusinessEnvelope<D = Record<string, unknown>> {
  code: number;
  message: string;
  request_id: string;
  data: D;
}

export interface BusinessTokens {
  access_token: string;
  expires_in: number;
  open_id: string;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
  token_type: string;
}

/** A JSON POST to one of the Accounts API's OAuth endpoints, with its app's credentials unless overridden. */
export async function businessOAuth<D = BusinessTokens>(
  sim: Simulator,
  path: "token" | "refresh_token" | "revoke",
  body: Record<string, unknown>,
): Promise<JsonResponse<BusinessEnvelope<D>>> {
  return readJson(
    await fetch(`${sim.url}/open_api/v1.3/tt_user/oauth2/${path}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: BUSINESS_KEY, client_secret: BUSINESS_SECRET, ...body }),
    }),
  );
}

/** Consent for the Accounts API app through the control API, then the code exchanged. */
export async function connectBusiness(
  sim: Simulator,
  creator: number,
  scopes: string[] = BUSINESS_SCOPES_GRANTED,
): Promise<BusinessTokens> {
  const granted = await control<{ code: string }>(sim, "POST", "authorize", {
    creator,
    scopes,
    client_key: BUSINESS_KEY,
    redirect_uri: REDIRECT_URI,
  });
  if (granted.status !== 200) throw new Error(`authorize failed: ${JSON.stringify(granted.body)}`);
  const tokens = await businessOAuth(sim, "token", {
    grant_type: "authorization_code",
    auth_code: granted.body.code,
    redirect_uri: REDIRECT_URI,
  });
  if (tokens.body.code !== 0) throw new Error(`token exchange failed: ${JSON.stringify(tokens.body)}`);
  return tokens.body.data;
}

/** An Accounts API data call: `Access-Token` header, everything else in the query string (`fields` as JSON). */
export async function business<D = Record<string, unknown>>(
  sim: Simulator,
  endpoint: "business/get" | "business/video/list",
  options: { token?: string; params?: Record<string, string | number | string[] | object> } = {},
): Promise<JsonResponse<BusinessEnvelope<D>>> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.params ?? {})) {
    query.set(key, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  const headers: Record<string, string> = options.token ? { "access-token": options.token } : {};
  return readJson(await fetch(`${sim.url}/open_api/v1.3/${endpoint}/?${query}`, { headers }));
}
