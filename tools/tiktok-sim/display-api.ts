/**
 * Display API v2 (tiktok-api.md §3): `GET /v2/user/info/`, `POST /v2/video/list/`,
 * `POST /v2/video/query/`. Bearer-token auth, `fields` in the query string even on POST, JSON
 * bodies, the `{data, error}` envelope. Every number is the model's value at the simulator
 * clock's current time; video ids stay strings.
 */
import type { SimContext } from "./context.ts";
import { apiError, apiOk } from "./envelope.ts";
import { mediaType, type Reply, type SimRequest } from "./http.ts";
import type { AccountCounters, VideoAt } from "./model/index.ts";
import { parseFields, USER_FIELDS, userObject, VIDEO_FIELDS, videoObject, type Scope } from "./scopes.ts";
import type { Grant } from "./tokens.ts";

export const MAX_COUNT = 20;
export const DEFAULT_MAX_COUNT = 10;
export const MAX_VIDEO_IDS = 20;

/** The token in `Authorization: Bearer …`, if any. */
export function bearerToken(req: SimRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1];
}

/** Missing, unknown, expired and revoked tokens all look the same to the client: 401 `access_token_invalid`. */
function authenticate(ctx: SimContext, req: SimRequest, scope?: Scope): { grant: Grant } | { reply: Reply } {
  const token = bearerToken(req);
  const check = token ? ctx.tokens.checkAccess(token) : undefined;
  if (!check?.ok) {
    const message =
      check?.reason === "expired"
        ? "The access token has expired. Please refresh the token and retry."
        : "The access token is invalid or not found in the request.";
    return { reply: apiError("access_token_invalid", req.logId, message) };
  }
  if (scope && !check.grant.scopes.includes(scope)) {
    return {
      reply: apiError(
        "scope_not_authorized",
        req.logId,
        `The user did not authorize the scope required for completing this request: ${scope}.`,
      ),
    };
  }
  return { grant: check.grant };
}

/** The JSON body of a POST endpoint: `{}` when empty; an `invalid_params` answer when not a JSON object. */
function jsonBody(req: SimRequest): Record<string, unknown> | Reply {
  if (req.body.trim() === "") return {};
  if (mediaType(req.headers) !== "application/json") {
    return apiError("invalid_params", req.logId, "Content-Type must be application/json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch {
    return apiError("invalid_params", req.logId, "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return apiError("invalid_params", req.logId, "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && "kind" in value && "status" in value;
}

export function userInfo(ctx: SimContext, req: SimRequest): Reply {
  const auth = authenticate(ctx, req);
  if ("reply" in auth) return auth.reply;
  const parsed = parseFields(req.url.searchParams.get("fields"), USER_FIELDS);
  if (!parsed.ok) return apiError("invalid_params", req.logId, parsed.message);
  const missing = parsed.fields.filter((f) => !auth.grant.scopes.includes(USER_FIELDS[f]!.scope));
  if (missing.length > 0) {
    const needed = [...new Set(missing.map((f) => USER_FIELDS[f]!.scope))];
    return apiError(
      "scope_permission_missed",
      req.logId,
      `Fields ${missing.join(",")} need scopes the access token lacks: ${needed.join(",")}.`,
    );
  }
  const now = ctx.clock.now();
  let counters: AccountCounters | undefined;
  const account = () => (counters ??= ctx.world.account(auth.grant.index, now));
  return apiOk({ user: userObject(parsed.fields, ctx.world.creator(auth.grant.index), account) }, req.logId);
}

/** What video/list and video/query check first, in TikTok's order: the token and its video.list scope, the fields, the body. */
function videoRequest(
  ctx: SimContext,
  req: SimRequest,
): { grant: Grant; fields: string[]; body: Record<string, unknown> } | Reply {
  const auth = authenticate(ctx, req, "video.list");
  if ("reply" in auth) return auth.reply;
  const parsed = parseFields(req.url.searchParams.get("fields"), VIDEO_FIELDS);
  if (!parsed.ok) return apiError("invalid_params", req.logId, parsed.message);
  const body = jsonBody(req);
  if (isReply(body)) return body;
  return { grant: auth.grant, fields: parsed.fields, body };
}

/**
 * Newest first. `cursor` is a ms timestamp meaning "posted before"; the answer's cursor is the
 * last video's `create_time` in ms. `create_time` has whole seconds, so a page never ends
 * between two videos of the same second (the next page would skip the second one): it ends
 * early instead, a short page with `has_more: true`, which TikTok's own docs warn about.
 */
export function videoList(ctx: SimContext, req: SimRequest): Reply {
  const asked = videoRequest(ctx, req);
  if (isReply(asked)) return asked;
  const { grant, fields, body } = asked;
  const { cursor, max_count: maxCount = DEFAULT_MAX_COUNT } = body;
  if (!Number.isInteger(maxCount) || (maxCount as number) < 1 || (maxCount as number) > MAX_COUNT) {
    return apiError("invalid_params", req.logId, `max_count must be an integer from 1 to ${MAX_COUNT}.`);
  }
  if (cursor !== undefined && !(Number.isSafeInteger(cursor) && (cursor as number) >= 0)) {
    return apiError("invalid_params", req.logId, "cursor must be a UTC Unix timestamp in milliseconds.");
  }
  const before = (cursor as number | undefined) ?? Number.POSITIVE_INFINITY;
  const candidates = ctx.world
    .publicVideos(grant.index, ctx.clock.now())
    .filter((v) => v.createTimeSec * 1000 < before);
  const page = pageOf(candidates, maxCount as number);
  const last = page.at(-1);
  return apiOk(
    {
      videos: page.map((v) => videoObject(fields, v)),
      cursor: last ? last.createTimeSec * 1000 : ((cursor as number | undefined) ?? 0),
      has_more: candidates.length > page.length,
    },
    req.logId,
  );
}

export function pageOf(candidates: VideoAt[], maxCount: number): VideoAt[] {
  const page = candidates.slice(0, maxCount);
  const next = candidates[maxCount];
  if (!next) return page;
  const trimmed = page.filter((v) => v.createTimeSec !== next.createTimeSec);
  // A whole page inside one second cannot be split safely; serve it as is rather than nothing.
  return trimmed.length > 0 ? trimmed : page;
}

/** Only the token owner's currently public videos come back; other ids are silently left out. */
export function videoQuery(ctx: SimContext, req: SimRequest): Reply {
  const asked = videoRequest(ctx, req);
  if (isReply(asked)) return asked;
  const { grant, fields, body } = asked;
  const filters = body.filters as { video_ids?: unknown } | undefined;
  const ids = typeof filters === "object" && filters !== null ? filters.video_ids : undefined;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === "string")) {
    return apiError("invalid_params", req.logId, "filters.video_ids must be a non-empty array of video id strings.");
  }
  if (ids.length > MAX_VIDEO_IDS) {
    return apiError("invalid_params", req.logId, `filters.video_ids accepts at most ${MAX_VIDEO_IDS} ids.`);
  }
  const now = ctx.clock.now();
  const videos = [...new Set(ids as string[])]
    .map((id) => ctx.world.video(grant.index, id, now))
    .filter((v): v is VideoAt => v !== undefined)
    .map((v) => videoObject(fields, v));
  return apiOk({ videos }, req.logId);
}
