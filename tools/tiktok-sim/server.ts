/**
 * `startSimulator(options)`: a local stand-in for TikTok's servers (Login Kit OAuth, Display
 * API v2, webhooks, and the Accounts API of TikTok API for Business with its own app and OAuth)
 * with synthetic creators, a movable clock and faults on demand. A development tool for
 * `npm run dev` and tests; it binds 127.0.0.1 only.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname } from "node:path";

import type { AddressInfo } from "node:net";
import { handleApiCall } from "./api-pipeline.ts";
import { authorizeDecision, authorizeDirectly, authorizePage, type AuthorizationInput } from "./authorize.ts";
import { CallCounter } from "./calls.ts";
import { createClock, type ClockOptions, type SimClock } from "./clock.ts";
import { resetState, type AppConfig, type SimContext } from "./context.ts";
import { CONTROL_PREFIX, handleControl } from "./control.ts";
import { AUTHORIZE_PATH, ENDPOINTS, endpointOfPath, isBusinessEndpoint, isDisplayEndpoint } from "./endpoints.ts";
import { apiError, businessError, oauthError } from "./envelope.ts";
import { FaultStore } from "./faults.ts";
import { EventStore, withEvents } from "./events.ts";
import { isLoopbackHost } from "../loopback.ts";
import { BodyTooLargeError, isLoopback, json, readBody, text, type Reply, type SimRequest } from "./http.ts";
import { newLogId } from "./log-id.ts";
import { MEDIA_PREFIX, mediaImage } from "./media.ts";
import { createWorld, type World } from "./model/index.ts";
import { SlidingWindowLimiter } from "./rate-limit.ts";
import { Timers } from "./timers.ts";
import { TokenStore } from "./tokens.ts";
import { sendAuthorizationRemoved, type AuthorizationRemovedInput, type DeliveryOutcome } from "./webhook.ts";

export interface SimulatorOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** Seed of the synthetic world. @default 42 */
  seed?: number;
  /** Creators with index 0 … creators − 1 can log in. @default 500 */
  creators?: number;
  /** @default "sim-client-key" */
  clientKey?: string;
  /** Also the webhook signing key, as on TikTok. @default "sim-client-secret" */
  clientSecret?: string;
  /** Registered redirect URIs, matched exactly. @default any http://127.0.0.1:* or http://localhost:* URI without query or fragment */
  redirectUris?: string[];
  /** Where `authorization.removed` is delivered. @default none */
  webhookUrl?: string;
  /** The Accounts API app's client key (its own app in TikTok for Business). @default "sim-business-key" */
  businessClientKey?: string;
  /** @default "sim-business-secret" */
  businessClientSecret?: string;
  /** Its registered redirect URIs. @default any loopback URI, as for the Login Kit app */
  businessRedirectUris?: string[];
  /** Per Accounts API data endpoint, per app, sliding 1-minute window (TikTok publishes none). @default 600 */
  businessRateLimitPerMinute?: number;
  /** Keep live tokens in this JSON file across restarts (what `npm run dev` wants). @default none */
  stateFile?: string;
  /** @default 86400 (24 h, the older docs; the newer ones say 7200) */
  accessTokenTtlSec?: number;
  /** @default 31536000 (365 d, the older docs; the newer ones say 15552000) */
  refreshTokenTtlSec?: number;
  /** Authorization code lifetime (undocumented by TikTok). @default 600 */
  authCodeTtlSec?: number;
  /** Per Display API endpoint, per app, sliding 1-minute window. @default 600 */
  rateLimitPerMinute?: number;
  clock?: ClockOptions;
  /** The world's reference "now": creators have ~90 days of history before it. @default the clock's start */
  epochMs?: number;
  /** Serve this world instead of `createWorld({ seed, epochMs })`. */
  world?: World;
  /** Unexpected failures are reported here. @default console.error */
  log?: (line: string) => void;
}

export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:8790` (no trailing slash). */
  url: string;
  port: number;
  world: World;
  clock: Pick<SimClock, "now" | "set" | "advance">;
  faults: FaultStore;
  stats: CallCounter;
  /** Issue an authorization code as if the creator clicked Allow (the `/__sim/authorize` call); throws on bad input. */
  authorize(input: Omit<AuthorizationInput, "clientKey"> & { clientKey?: string }): {
    code: string;
    openId: string;
    scopes: string;
  };
  /** Revoke the user's tokens and deliver a signed `authorization.removed` (the `/__sim/webhooks/…` call). */
  sendAuthorizationRemoved(input: AuthorizationRemovedInput): Promise<DeliveryOutcome>;
  /** Clear tokens, codes, faults, counters and the rate-limit window; clock back to its start. */
  reset(): void;
  close(): Promise<void>;
}

const HOST = "127.0.0.1";

async function dispatch(ctx: SimContext, req: SimRequest): Promise<Reply> {
  const path = req.url.pathname;
  if (path.startsWith(CONTROL_PREFIX)) {
    // Belt and braces: the server binds loopback only, and the control API checks it again.
    if (!isLoopback(req.remoteAddress)) return json(403, { error: "the control API answers loopback clients only" });
    return handleControl(ctx, req);
  }
  if (path === AUTHORIZE_PATH) {
    if (req.method === "GET") return authorizePage(ctx, req);
    if (req.method === "POST") return authorizeDecision(ctx, req);
    return text(405, "method not allowed");
  }
  const endpoint = endpointOfPath(path);
  if (endpoint) {
    if (req.method !== ENDPOINTS[endpoint].method) {
      const message = `${path} takes ${ENDPOINTS[endpoint].method}.`;
      const reply = isDisplayEndpoint(endpoint)
        ? apiError("invalid_params", req.logId, message)
        : isBusinessEndpoint(endpoint)
          ? businessError("invalid_params", req.logId, message)
          : oauthError("invalid_request", message, req.logId);
      return reply.kind === "send" ? { ...reply, status: 405 } : reply;
    }
    return handleApiCall(ctx, endpoint, req);
  }
  if (req.method === "GET" && path.startsWith(MEDIA_PREFIX)) return mediaImage(path);
  if (req.method === "GET" && path === "/") return text(200, indexText(ctx));
  return json(404, { error: { code: "not_found", message: `No endpoint ${req.method} ${path}.`, log_id: req.logId } });
}

function indexText(ctx: SimContext): string {
  return [
    "TikTok API simulator (a development tool, not TikTok)",
    `seed ${ctx.seed}, ${ctx.creators} creators, clock ${new Date(ctx.clock.now()).toISOString()}`,
    "",
    `GET  ${AUTHORIZE_PATH}?client_key=…&response_type=code&scope=…&redirect_uri=…&state=…`,
    ...Object.values(ENDPOINTS).map((e) => `${e.method.padEnd(4)} ${e.path}`),
    "",
    `Accounts API app: client_key ${ctx.business.clientKey} (the same authorize page; the /open_api/v1.3/ paths above)`,
    "",
    "control API: GET /__sim/state, POST /__sim/clock, POST|GET|DELETE /__sim/faults, GET /__sim/calls,",
    "             GET /__sim/grants?open_id=…,",
    "             POST /__sim/calls/reset, POST /__sim/authorize, POST /__sim/webhooks/authorization-removed,",
    "             POST /__sim/reset",
    "",
  ].join("\n");
}

/**
 * `Date` carries the simulator's clock, as TikTok's servers carry theirs: a client that timestamps
 * what it observed from the answer's Date header stays consistent when tests move the clock.
 */
function write(res: ServerResponse, reply: Reply, logId: string, timers: Timers, nowMs: number): void {
  if (res.destroyed) return;
  if (reply.kind === "hold") {
    // A timeout: say nothing. The socket stays open until the client gives up, `forMs` passes
    // (then it is dropped without an answer), or the simulator closes.
    if (reply.forMs !== undefined) timers.after(reply.forMs, () => res.destroy());
    return;
  }
  res.writeHead(reply.status, {
    ...reply.headers,
    "content-length": Buffer.byteLength(reply.body),
    "x-tt-logid": logId,
    date: new Date(nowMs).toUTCString(),
  });
  res.end(reply.body);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const log = options.log ?? ((line: string) => console.error(line));
  const clock = createClock(options.clock);
  const epochMs = options.epochMs ?? clock.startMs;
  const seed = options.seed ?? 42;
  const creators = options.creators ?? 500;
  if (!(Number.isInteger(creators) && creators > 0)) throw new RangeError("creators must be a positive integer");
  const app: AppConfig = {
    kind: "display",
    clientKey: options.clientKey ?? "sim-client-key",
    clientSecret: options.clientSecret ?? "sim-client-secret",
    redirectUris: options.redirectUris ?? "loopback",
    webhookUrl: options.webhookUrl,
  };
  const business: AppConfig = {
    kind: "business",
    clientKey: options.businessClientKey ?? "sim-business-key",
    clientSecret: options.businessClientSecret ?? "sim-business-secret",
    redirectUris: options.businessRedirectUris ?? "loopback",
    webhookUrl: undefined,
  };
  if (business.clientKey === app.clientKey) throw new RangeError("the two apps need different client keys");
  const timers = new Timers();
  // The world is made once the port is known, so its media URLs point at this server; until
  // then (never in practice: nothing runs between listening and the next lines) requests get a 503.
  const ready: { ctx?: SimContext } = {};

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const logId = newLogId(clock.now());
    const current = ready.ctx;
    if (!current) return write(res, json(503, { error: "the simulator is starting" }), logId, timers, clock.now());
    // A page on another site can make a browser send requests here (DNS rebinding): they name
    // another host, and get nothing.
    if (!isLoopbackHost(req.headers.host)) {
      return write(
        res,
        json(403, { error: "the simulator answers requests for 127.0.0.1 or localhost only" }),
        logId,
        timers,
        clock.now(),
      );
    }
    void (async () => {
      const simReq: SimRequest = {
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", `http://${HOST}`),
        headers: req.headers,
        body: await readBody(req),
        remoteAddress: req.socket.remoteAddress,
        logId,
      };
      write(res, await dispatch(current, simReq), logId, timers, clock.now());
    })().catch((error: unknown) => {
      if (error instanceof BodyTooLargeError)
        return write(res, json(413, { error: error.message }), logId, timers, clock.now());
      // The client went away mid-request (aborted upload, closed socket): nobody to answer.
      if (req.destroyed || res.destroyed) return;
      log(
        `[tiktok-sim] unexpected failure on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      if (!res.headersSent)
        write(res, json(500, { error: "unexpected failure in the simulator" }), logId, timers, clock.now());
      else res.destroy();
    });
  });
  // Keep-alive sockets from clients must not hold close() open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${HOST}:${port}`;

  const events = new EventStore();
  const world = withEvents(options.world ?? createWorld({ seed, epochMs, mediaBaseUrl: `${url}/media` }), events);
  const context: SimContext = {
    app,
    business,
    seed,
    creators,
    epochMs,
    clock,
    world,
    tokens: new TokenStore(
      {
        accessTokenTtlSec: options.accessTokenTtlSec ?? 86_400,
        refreshTokenTtlSec: options.refreshTokenTtlSec ?? 31_536_000,
        authCodeTtlSec: options.authCodeTtlSec ?? 600,
      },
      clock.now,
    ),
    faults: new FaultStore(),
    events,
    calls: new CallCounter(),
    limiter: new SlidingWindowLimiter(options.rateLimitPerMinute ?? 600),
    businessLimiter: new SlidingWindowLimiter(options.businessRateLimitPerMinute ?? 600),
    timers,
  };
  ready.ctx = context;
  if (options.stateFile) persistTokens(context.tokens, options.stateFile, log);

  return {
    url,
    port,
    world,
    clock: { now: clock.now, set: clock.set, advance: clock.advance },
    faults: context.faults,
    stats: context.calls,
    authorize: (input) => authorizeDirectly(context, { ...input, clientKey: input.clientKey ?? app.clientKey }),
    sendAuthorizationRemoved: (input) => sendAuthorizationRemoved(context, input, (ms) => timers.sleep(ms)),
    reset: () => resetState(context),
    close: () =>
      new Promise<void>((resolve) => {
        timers.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Loads the token file if there is one, and rewrites it (debounced) whenever tokens change. */
function persistTokens(tokens: TokenStore, file: string, log: (line: string) => void): void {
  try {
    tokens.restore(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      log(`[tiktok-sim] ignoring unreadable ${file}: ${String(error)}`);
  }
  let pending: NodeJS.Timeout | undefined;
  tokens.onChange = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(tokens));
    }, 100);
  };
}
