import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type ContentPlan, contentPlan, growthPlan, isTimeZone, toCoachVideos, weekStart } from "../../analytics/coach";
import {
  Created,
  Deleted,
  ExperimentStarted,
  ExperimentStopped,
  GrowthPlanResponse,
  LabelAdded,
  TimeZoneSaved,
} from "../../contract";
import { type CoachInput, MAX_EXPERIMENTS, MAX_GOALS } from "../../db/queries/coach";
import * as coach from "../../db/queries/coach";
import { holdsAccount } from "../../db/queries/users";
import { GOAL_KINDS } from "../../db/schema/coach";
import { accountNotFound, assertAccountClaim } from "../access";
import { ApiError } from "../errors";
import { requireUser } from "../middleware/auth";
import { jsonBody } from "../middleware/json-body";
import { rateLimit, sessionBudget } from "../middleware/rate-limit";
import { createRouter } from "../router";
import {
  AccountId,
  authRouteErrors,
  bearerSecurity,
  dataRouteErrors,
  errorResponse,
  NoQuery,
  VideoId,
} from "../schemas";
import type { AppEnv } from "../types";

/**
 * The growth plan (src/analytics/coach): one read computes labels, best time to post, goals,
 * missions and experiments from the account's stored rows (one database round trip, no edge cache:
 * a goal just set must show on the next read). Goals, experiments, hand-made labels and the time
 * zone belong to the account: the token's claims guard reads, and every write also asks the users
 * database whether the caller still holds the account (a stale token may read, never change).
 */
const Id = z.string().regex(/^[1-9]\d{0,17}$/, "must be a positive integer id");
const Label = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u, "must be 1–40 letters, digits, spaces, _ or -")
  .openapi({ description: "A label you add by hand", example: "collab" });
/** A label key an experiment arm can use: automatic (`hashtag:booktok`, `length:under-30`, `window:18-21`, …) or `manual:<name>`. */
const LabelKey = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(hashtag:[\p{L}\p{N}_]{1,100}|length:(under-30|30-60|over-60)|window:(0|3|6|9|12|15|18|21)-(3|6|9|12|15|18|21|24)|weekday:(mon|tue|wed|thu|fri|sat|sun)|series:[\p{L}\p{N}' ]{1,120}|manual:[\p{L}\p{N}][\p{L}\p{N} _-]{0,39})$/u,
    "must be a label key such as hashtag:booktok, length:under-30, window:18-21, weekday:mon, series:<phrase> or manual:<name>",
  );
const Arm = z
  .object({ label: LabelKey, negate: z.boolean().default(false).openapi({ description: "Videos without the label" }) })
  .strict();

const accountParam = z.object({ accountId: AccountId }).strict();
const data = { security: bearerSecurity, tags: ["coach"], middleware: [requireUser, rateLimit] };
const write = (maxBytes = 4096) => ({
  security: bearerSecurity,
  tags: ["coach"],
  // the session budget, as settings: having looked at ten charts must not stop setting a goal
  middleware: [requireUser, sessionBudget, jsonBody(maxBytes)],
});
/** Writes without a body. */
const action = { security: bearerSecurity, tags: ["coach"], middleware: [requireUser, sessionBudget] };
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const writeErrors = {
  ...authRouteErrors,
  401: errorResponse("Missing, malformed, forged or expired access token"),
  404: errorResponse("Not found, or not one of your accounts (the same answer either way)"),
};

const planRoute = createRoute({
  ...data,
  method: "get",
  path: "/api/v1/coach/{accountId}",
  summary: "The growth plan: labels, best time to post, goals, missions and experiments",
  request: {
    params: accountParam,
    query: z
      .object({
        time_zone: z
          .string()
          .max(64)
          .optional()
          .openapi({ description: "The browser's time zone, used until one is saved", example: "Europe/Berlin" }),
      })
      .strict(),
  },
  responses: { 200: { description: "The plan", ...json(GrowthPlanResponse) }, ...dataRouteErrors },
});

const settingsRoute = createRoute({
  ...write(),
  method: "put",
  path: "/api/v1/coach/{accountId}/settings",
  summary: "Save the time zone labels, best times and missions are read in",
  request: {
    params: accountParam,
    query: NoQuery,
    body: { required: true, ...json(z.object({ time_zone: z.string().min(1).max(64) }).strict()) },
  },
  responses: { 200: { description: "Saved", ...json(TimeZoneSaved) }, ...writeErrors },
});

const addGoalRoute = createRoute({
  ...write(),
  method: "post",
  path: "/api/v1/coach/{accountId}/goals",
  summary: `Set a goal: followers by a date, or views from now until a date (${MAX_GOALS} at most)`,
  request: {
    params: accountParam,
    query: NoQuery,
    body: {
      required: true,
      ...json(
        z
          .object({
            kind: z.enum(GOAL_KINDS),
            target: z.number().int().positive().max(1e12),
            deadline: z.iso.datetime({ offset: true }).openapi({ example: "2027-03-01T00:00:00Z" }),
          })
          .strict(),
      ),
    },
  },
  responses: {
    201: { description: "Set", ...json(Created) },
    409: errorResponse(`Already ${MAX_GOALS} goals`),
    ...writeErrors,
  },
});

const deleteGoalRoute = createRoute({
  ...action,
  method: "delete",
  path: "/api/v1/coach/{accountId}/goals/{goalId}",
  summary: "Remove a goal",
  request: { params: z.object({ accountId: AccountId, goalId: Id }).strict(), query: NoQuery },
  responses: { 200: { description: "Removed", ...json(Deleted) }, ...writeErrors },
});

const addExperimentRoute = createRoute({
  ...write(),
  method: "post",
  path: "/api/v1/coach/{accountId}/experiments",
  summary: `Start an experiment: every new video matching one arm's condition joins it (${MAX_EXPERIMENTS} at most)`,
  request: {
    params: accountParam,
    query: NoQuery,
    body: {
      required: true,
      ...json(z.object({ name: z.string().trim().min(1).max(80), arm_a: Arm, arm_b: Arm }).strict()),
    },
  },
  responses: {
    201: { description: "Started", ...json(ExperimentStarted) },
    409: errorResponse(`Already ${MAX_EXPERIMENTS} experiments`),
    ...writeErrors,
  },
});

const stopExperimentRoute = createRoute({
  ...action,
  method: "post",
  path: "/api/v1/coach/{accountId}/experiments/{experimentId}/stop",
  summary: "Stop an experiment (its videos so far stay in it)",
  request: { params: z.object({ accountId: AccountId, experimentId: Id }).strict(), query: NoQuery },
  responses: { 200: { description: "Stopped", ...json(ExperimentStopped) }, ...writeErrors },
});

const deleteExperimentRoute = createRoute({
  ...action,
  method: "delete",
  path: "/api/v1/coach/{accountId}/experiments/{experimentId}",
  summary: "Delete an experiment",
  request: { params: z.object({ accountId: AccountId, experimentId: Id }).strict(), query: NoQuery },
  responses: { 200: { description: "Deleted", ...json(Deleted) }, ...writeErrors },
});

const labelParams = z.object({ accountId: AccountId, videoId: VideoId, label: Label }).strict();
const addLabelRoute = createRoute({
  ...action,
  method: "put",
  path: "/api/v1/coach/{accountId}/videos/{videoId}/labels/{label}",
  summary: "Add a label of your own to a video",
  request: { params: labelParams, query: NoQuery },
  responses: {
    200: { description: "Added (adding it again changes nothing)", ...json(LabelAdded) },
    409: errorResponse("The video has 20 labels already"),
    ...writeErrors,
  },
});

const removeLabelRoute = createRoute({
  ...action,
  method: "delete",
  path: "/api/v1/coach/{accountId}/videos/{videoId}/labels/{label}",
  summary: "Remove a label you added",
  request: { params: labelParams, query: NoQuery },
  responses: { 200: { description: "Removed", ...json(Deleted) }, ...writeErrors },
});

const noStore = { "cache-control": "no-store" };
const iso = (msValue: number) => new Date(msValue).toISOString();
const notFound = (what: string) => new ApiError("not_found", `${what} not found.`);

/** Writes: the claim first (no database for a stranger), then the holder in the users database. */
async function assertHolder(c: Context<AppEnv>, accountId: string): Promise<void> {
  assertAccountClaim(c, accountId);
  if (!(await holdsAccount(c.var.services.usersDb, c.var.user.sub, accountId))) throw accountNotFound();
}

function badTimeZone(value: string): ApiError {
  return new ApiError("validation_failed", `time_zone ${JSON.stringify(value)} is not a known IANA time zone.`, {
    details: [{ path: "time_zone", message: "not a known IANA time zone" }],
  });
}

/**
 * Labels, best time and missions change only when ingestion writes (the summary's computedAtMs),
 * the zone, the week or the creator's own labels change: the isolate keeps the last few, so only
 * the first read after a snapshot pays for them (tens of ms for hundreds of videos); goals and
 * experiments are computed on every read (they change with every write).
 */
const CONTENT_CACHE_ENTRIES = 64;
const contentCache = new Map<string, ContentPlan>();

function cachedContent(key: string, compute: () => ContentPlan): ContentPlan {
  const hit = contentCache.get(key);
  if (hit) {
    contentCache.delete(key);
    contentCache.set(key, hit);
    return hit;
  }
  const value = compute();
  contentCache.set(key, value);
  if (contentCache.size > CONTENT_CACHE_ENTRIES) contentCache.delete(contentCache.keys().next().value as string);
  return value;
}

function planView(
  accountId: string,
  input: CoachInput,
  browserZone: string | undefined,
  nowMs: number,
): GrowthPlanResponse {
  const source: "saved" | "browser" | "default" = input.timeZone
    ? "saved"
    : browserZone && isTimeZone(browserZone)
      ? "browser"
      : "default";
  const timeZone =
    source === "saved" ? (input.timeZone as string) : source === "browser" ? (browserZone as string) : "UTC";
  const videos = toCoachVideos(input.videos, input.summary?.growthShape);
  const planInput = {
    nowMs,
    timeZone,
    videos,
    summary: input.summary,
    goals: input.goals.map((g) => ({ ...g })),
    experiments: input.experiments.map((e) => ({ ...e, endMs: e.endMs })),
  };
  const manual = input.videos.flatMap((v) => v.manualLabels.map((l) => `${v.id}:${l}`)).join(",");
  const key = [
    accountId,
    input.summary?.computedAtMs ?? 0,
    // what the videos are, cheaply: ingestion's stamp above moves with them, and this guards the rest
    videos.length,
    videos.at(-1)?.id ?? "",
    videos.reduce((sum, v) => sum + (v.views24h ?? 0) + (v.views7d ?? 0), 0),
    timeZone,
    weekStart(nowMs, timeZone),
    manual,
  ].join("|");
  const content = cachedContent(key, () => contentPlan(planInput));
  const plan = growthPlan(planInput, content);
  const labelsOf = new Map(content.labelled.map((l) => [l.videoId, l.labels]));
  return {
    account_id: accountId,
    time_zone: timeZone,
    time_zone_source: source,
    plan,
    goals: input.goals.map((g) => ({
      id: g.id,
      kind: g.kind,
      target: g.target,
      baseline: g.baseline,
      start: iso(g.startMs),
      deadline: iso(g.deadlineMs),
    })),
    experiments: input.experiments.map((e) => ({
      id: e.id,
      name: e.name,
      arm_a: e.armA,
      arm_b: e.armB,
      started_at: iso(e.startMs),
      ended_at: e.endMs === null ? null : iso(e.endMs),
    })),
    videos: input.videos
      .slice(-60)
      .reverse()
      .map((v) => ({
        id: v.id,
        title: v.title ?? v.description,
        created_at: iso(v.createdAtMs),
        labels: labelsOf.get(v.id) ?? [],
        manual_labels: v.manualLabels,
      })),
  };
}

export const coachRoutes = createRouter()
  .openapi(planRoute, async (c) => {
    const { accountId } = c.req.valid("param");
    assertAccountClaim(c, accountId);
    const input = await coach.readCoachInput(c.var.services.db, accountId);
    if (!input) throw accountNotFound();
    return c.json(planView(accountId, input, c.req.valid("query").time_zone, Date.now()), 200, noStore);
  })
  .openapi(settingsRoute, async (c) => {
    const { accountId } = c.req.valid("param");
    const { time_zone } = c.req.valid("json");
    await assertHolder(c, accountId);
    if (!isTimeZone(time_zone)) throw badTimeZone(time_zone);
    if (!(await coach.saveTimeZone(c.var.services.db, accountId, time_zone))) throw accountNotFound();
    return c.json({ time_zone }, 200, noStore);
  })
  .openapi(addGoalRoute, async (c) => {
    const { accountId } = c.req.valid("param");
    const body = c.req.valid("json");
    await assertHolder(c, accountId);
    const deadline = new Date(body.deadline);
    if (!(deadline.getTime() > Date.now())) {
      throw new ApiError("validation_failed", "deadline must be in the future.", {
        details: [{ path: "deadline", message: "must be in the future" }],
      });
    }
    const id = await coach.addGoal(c.var.services.db, accountId, { kind: body.kind, target: body.target, deadline });
    if (id === "missing") throw accountNotFound();
    if (id === "full") throw new ApiError("conflict", `You already have ${MAX_GOALS} goals; remove one first.`);
    return c.json({ id }, 201, noStore);
  })
  .openapi(deleteGoalRoute, async (c) => {
    const { accountId, goalId } = c.req.valid("param");
    await assertHolder(c, accountId);
    if (!(await coach.deleteGoal(c.var.services.db, accountId, goalId))) throw notFound("Goal");
    return c.json({ deleted: true as const }, 200, noStore);
  })
  .openapi(addExperimentRoute, async (c) => {
    const { accountId } = c.req.valid("param");
    const body = c.req.valid("json");
    await assertHolder(c, accountId);
    if (body.arm_a.label === body.arm_b.label && body.arm_a.negate === body.arm_b.negate) {
      throw new ApiError("validation_failed", "The two arms must differ.", {
        details: [{ path: "arm_b", message: "must differ from arm_a" }],
      });
    }
    const added = await coach.addExperiment(c.var.services.db, accountId, {
      name: body.name,
      armA: body.arm_a,
      armB: body.arm_b,
    });
    if (added === "missing") throw accountNotFound();
    if (added === "full")
      throw new ApiError("conflict", `You already have ${MAX_EXPERIMENTS} experiments; delete one first.`);
    return c.json({ id: added.id, started_at: iso(added.startedAtMs) }, 201, noStore);
  })
  .openapi(stopExperimentRoute, async (c) => {
    const { accountId, experimentId } = c.req.valid("param");
    await assertHolder(c, accountId);
    if (!(await coach.stopExperiment(c.var.services.db, accountId, experimentId))) throw notFound("Experiment");
    return c.json({ stopped: true as const }, 200, noStore);
  })
  .openapi(deleteExperimentRoute, async (c) => {
    const { accountId, experimentId } = c.req.valid("param");
    await assertHolder(c, accountId);
    if (!(await coach.deleteExperiment(c.var.services.db, accountId, experimentId))) throw notFound("Experiment");
    return c.json({ deleted: true as const }, 200, noStore);
  })
  .openapi(addLabelRoute, async (c) => {
    const { accountId, videoId, label } = c.req.valid("param");
    await assertHolder(c, accountId);
    const outcome = await coach.addVideoLabel(c.var.services.db, accountId, videoId, label);
    if (outcome === "missing") throw notFound("Video");
    if (outcome === "full") throw new ApiError("conflict", "This video has 20 labels already.");
    return c.json({ label }, 200, noStore);
  })
  .openapi(removeLabelRoute, async (c) => {
    const { accountId, videoId, label } = c.req.valid("param");
    await assertHolder(c, accountId);
    if (!(await coach.removeVideoLabel(c.var.services.db, accountId, videoId, label))) throw notFound("Label");
    return c.json({ deleted: true as const }, 200, noStore);
  });
