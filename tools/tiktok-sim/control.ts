/**
 * The control API under `/__sim/`: JSON over HTTP, so tests running inside workerd (which cannot
 * call the simulator's functions) can move its clock, inject faults, read call counts, get an
 * authorization code without the HTML form and trigger webhooks. A development tool: the
 * server refuses it to anything but loopback clients.
 */
import { AuthorizationInputError, authorizeDirectly, callbackUrl } from "./authorize.ts";
import { appOf, resetState, type SimContext } from "./context.ts";
import { EventInputError, parseEventInput, pickVideo, VISIBLE_AFTER_MS } from "./events.ts";
import { FaultSpecError, type FaultSpec } from "./faults.ts";
import { json, type Reply, type SimRequest } from "./http.ts";
import { parseScopeList } from "./scopes.ts";
import { sendAuthorizationRemoved, WebhookInputError } from "./webhook.ts";

export const CONTROL_PREFIX = "/__sim/";

class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;

/** The JSON body; the content type is not checked, so `curl -d '{"advance":60000}'` works as typed. */
function readJson(req: SimRequest): Body {
  if (req.body.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch {
    throw new ControlError("the body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ControlError("send a JSON object");
  return value as Body;
}

function timeValue(value: unknown, name: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new ControlError(`${name} must be ms since the epoch (or an ISO date string for set)`);
}

function describeState(ctx: SimContext) {
  return {
    now: ctx.clock.now(),
    seed: ctx.seed,
    creators: ctx.creators,
    rateLimitPerMinute: ctx.limiter.limit,
    epochMs: ctx.epochMs,
    clockStartMs: ctx.clock.startMs,
    frozen: ctx.clock.frozen,
    clientKey: ctx.app.clientKey,
    businessClientKey: ctx.business.clientKey,
    businessRateLimitPerMinute: ctx.businessLimiter.limit,
  };
}

function setClock(ctx: SimContext, body: Body) {
  if (body.set !== undefined) return { now: ctx.clock.set(timeValue(body.set, "set")) };
  if (body.advance !== undefined) {
    if (typeof body.advance !== "number" || !Number.isFinite(body.advance)) {
      throw new ControlError("advance must be a number of ms");
    }
    return { now: ctx.clock.advance(body.advance) };
  }
  throw new ControlError('send { "set": ms } or { "advance": ms }');
}

function authorize(ctx: SimContext, body: Body) {
  const { creator, client_key: clientKey = ctx.app.clientKey, redirect_uri: redirectUri, state } = body;
  const rawScopes = body.scopes ?? [];
  if (!(typeof rawScopes === "string" || (Array.isArray(rawScopes) && rawScopes.every((s) => typeof s === "string")))) {
    throw new ControlError("scopes must be an array of scope names (or a comma-separated string)");
  }
  if (typeof clientKey !== "string" || typeof redirectUri !== "string") {
    throw new ControlError("client_key and redirect_uri must be strings");
  }
  const kind = appOf(ctx, clientKey)?.kind ?? "display";
  const list = Array.isArray(rawScopes) ? rawScopes.join(",") : rawScopes;
  const { scopes, unknown } = parseScopeList(list, kind);
  if (unknown.length > 0) throw new ControlError(`unknown scopes: ${unknown.join(", ")}`);
  try {
    const granted = authorizeDirectly(ctx, { creator: creator as number, scopes, clientKey, redirectUri });
    return {
      code: granted.code,
      open_id: granted.openId,
      scopes: granted.scopes,
      redirect_url: callbackUrl(redirectUri, {
        code: granted.code,
        scopes: granted.scopes,
        state: typeof state === "string" ? state : undefined,
      }),
    };
  } catch (error) {
    if (error instanceof AuthorizationInputError) throw new ControlError(error.message);
    throw error;
  }
}

async function authorizationRemoved(ctx: SimContext, body: Body) {
  const optional = <T>(name: string, type: string) => {
    if (body[name] !== undefined && typeof body[name] !== type) throw new ControlError(`${name} must be a ${type}`);
    return body[name] as T | undefined;
  };
  try {
    return await sendAuthorizationRemoved(
      ctx,
      {
        openId: optional<string>("open_id", "string") ?? "",
        reason: optional<number>("reason", "number"),
        url: optional<string>("url", "string"),
        timestampSec: optional<number>("timestampSec", "number"),
        dryRun: optional<boolean>("dryRun", "boolean"),
      },
      (ms) => ctx.timers.sleep(ms),
    );
  } catch (error) {
    if (error instanceof WebhookInputError) throw new ControlError(error.message);
    throw error;
  }
}

/** `POST /__sim/events`: a spike or drop on a video, from now on (see events.ts). */
function addEvent(ctx: SimContext, body: Body) {
  let input: ReturnType<typeof parseEventInput>;
  try {
    input = parseEventInput(body);
  } catch (error) {
    if (error instanceof EventInputError) throw new ControlError(error.message);
    throw error;
  }
  const openId = input.openId ?? ctx.tokens.latestOpenId();
  if (!openId) throw new ControlError("name the creator (open_id): nobody has connected yet");
  const index = ctx.world.indexOfOpenId(openId);
  if (index === undefined || index >= ctx.creators) throw new ControlError("no such creator", 404);
  const now = ctx.clock.now();
  const video = input.videoId ? ctx.world.video(index, input.videoId, now) : pickVideo(ctx.world, index, now);
  if (!video) {
    throw new ControlError(
      input.videoId ? "no such public video of this creator" : "this creator has no public video one to six days old",
      404,
    );
  }
  const event = ctx.events.add({
    openId,
    index,
    videoId: video.id,
    kind: input.kind,
    factor: input.factor,
    start: now,
    end: now + input.hours * 3_600_000,
  });
  return {
    id: event.id,
    open_id: openId,
    video_id: video.id,
    kind: event.kind,
    factor: event.factor,
    start: new Date(event.start).toISOString(),
    end: new Date(event.end).toISOString(),
    visible_after: new Date(event.start + VISIBLE_AFTER_MS).toISOString(),
  };
}

async function route(ctx: SimContext, req: SimRequest): Promise<unknown> {
  const path = req.url.pathname.slice(CONTROL_PREFIX.length);
  const on = (method: string, p: string) => req.method === method && path === p;
  if (on("GET", "state")) return describeState(ctx);
  if (on("POST", "clock")) return setClock(ctx, readJson(req));
  if (on("GET", "faults")) return { faults: ctx.faults.list() };
  if (on("POST", "faults")) {
    try {
      return { id: ctx.faults.add(readJson(req) as unknown as FaultSpec) };
    } catch (error) {
      if (error instanceof FaultSpecError) throw new ControlError(error.message);
      throw error;
    }
  }
  if (on("DELETE", "faults")) return { cleared: ctx.faults.clear() };
  if (req.method === "DELETE" && path.startsWith("faults/")) {
    if (!ctx.faults.remove(decodeURIComponent(path.slice("faults/".length)))) {
      throw new ControlError("no such fault", 404);
    }
    return { removed: true };
  }
  if (on("POST", "events")) return addEvent(ctx, readJson(req));
  if (on("GET", "events")) {
    return {
      events: ctx.events.list().map((e) => ({
        ...e,
        start: new Date(e.start).toISOString(),
        end: new Date(e.end).toISOString(),
        visible_after: new Date(e.start + VISIBLE_AFTER_MS).toISOString(),
      })),
    };
  }
  if (on("DELETE", "events")) return { cleared: ctx.events.clear() };
  if (on("GET", "calls")) return ctx.calls.snapshot();
  if (on("GET", "grants")) {
    const openId = req.url.searchParams.get("open_id");
    if (!openId) throw new ControlError("name the user: ?open_id=…");
    return ctx.tokens.liveGrants(openId);
  }
  if (on("POST", "calls/reset")) {
    ctx.calls.reset();
    return { ok: true };
  }
  if (on("POST", "authorize")) return authorize(ctx, readJson(req));
  if (on("POST", "webhooks/authorization-removed")) return authorizationRemoved(ctx, readJson(req));
  if (on("POST", "reset")) {
    resetState(ctx);
    return { ok: true, now: ctx.clock.now() };
  }
  throw new ControlError(`no control route ${req.method} ${req.url.pathname}`, 404);
}

export async function handleControl(ctx: SimContext, req: SimRequest): Promise<Reply> {
  try {
    return json(200, await route(ctx, req));
  } catch (error) {
    if (error instanceof ControlError) return json(error.status, { error: error.message });
    throw error;
  }
}
