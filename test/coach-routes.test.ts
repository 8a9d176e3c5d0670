import { beforeEach, describe, expect, it } from "vitest";
import { callApi } from "./helpers/api";
import { countOf, sql } from "./helpers/db";
import { seedAccount } from "./helpers/fixtures";
import { newUser } from "./helpers/connect";
import { hold } from "./helpers/outbox";
import { describeForeignIds, describeRouteSecurity, type ProtectedRoute } from "./helpers/route-security";
import { tokenFor } from "./helpers/tokens";
import { resetWorld } from "./helpers/world";

/**
 * The growth plan's routes as an attacker and as a creator see them: the plan (labels, best time,
 * goals, missions, experiments) and the goals, experiments, labels and time zone a creator sets.
 */
const call = callApi;

const DAY_MS = 86_400_000;
const GOAL = { kind: "followers", target: 5000, deadline: new Date(Date.now() + 30 * DAY_MS).toISOString() };
const EXPERIMENT = {
  name: "Short or long",
  arm_a: { label: "length:under-30" },
  arm_b: { label: "length:over-60" },
};

/** A creator with 40 videos a day apart, their 24 h and 7 d counts stored as ingestion stores them. */
async function creatorWithVideos(openId: string): Promise<{ accountId: string; videoIds: string[] }> {
  const accountId = await seedAccount(openId, { followers: 1000 });
  const videoIds: string[] = [];
  const start = Date.now() - 45 * DAY_MS;
  for (let i = 0; i < 40; i++) {
    const id = `73${accountId.padStart(6, "0")}${String(i).padStart(11, "0")}`;
    const createdAt = new Date(start + i * DAY_MS + (i % 8) * 3 * 3_600_000).toISOString();
    const duration = i % 2 === 0 ? 20 : 90;
    const views24 = (duration > 60 ? 2000 : 1000) * (1 + (i % 3) * 0.1);
    const analytics = {
      version: 1,
      latest: { ageHours: 24 * (45 - i), views: views24 * 3 },
      checkpoints: [
        { ageHours: 24, views: views24 },
        { ageHours: 168, views: views24 * 2.5 },
      ],
    };
    await sql`INSERT INTO tiktok_videos (id, account_id, create_time, title, description, duration_seconds, view_count,
        analytics, metrics_updated_at)
      VALUES (${id}, ${accountId}, ${createdAt}, ${i % 4 === 0 ? `Morning routine part ${i}` : `Clip ${i}`},
        ${i % 3 === 0 ? "#booktok #fyp" : "#fyp"}, ${duration}, ${views24 * 3}, ${JSON.stringify(analytics)}::jsonb, now())`;
    videoIds.push(id);
  }
  return { accountId, videoIds };
}

let mine: { accountId: string; videoIds: string[] };
let theirs: { accountId: string; videoIds: string[] };
let me: { userId: string; token: string };

beforeEach(async () => {
  await resetWorld();
  const user = await newUser();
  mine = await creatorWithVideos(`open-coach-mine-${user.userId}`);
  theirs = await creatorWithVideos(`open-coach-theirs-${user.userId}`);
  await hold(user.userId, mine.accountId);
  me = { userId: user.userId, token: await tokenFor({ sub: user.userId, tiktokAccountIds: [mine.accountId] }) };
});

describeRouteSecurity([
  { name: "growth plan", own: () => "/api/v1/coach/1" },
  { name: "coach settings", method: "PUT", own: () => "/api/v1/coach/1/settings", body: { time_zone: "UTC" } },
  { name: "add a goal", method: "POST", own: () => "/api/v1/coach/1/goals", body: GOAL },
  { name: "remove a goal", method: "DELETE", own: () => "/api/v1/coach/1/goals/1" },
  { name: "start an experiment", method: "POST", own: () => "/api/v1/coach/1/experiments", body: EXPERIMENT },
  { name: "stop an experiment", method: "POST", own: () => "/api/v1/coach/1/experiments/1/stop" },
  { name: "delete an experiment", method: "DELETE", own: () => "/api/v1/coach/1/experiments/1" },
  { name: "add a label", method: "PUT", own: () => "/api/v1/coach/1/videos/7300000000000000001/labels/collab" },
  { name: "remove a label", method: "DELETE", own: () => "/api/v1/coach/1/videos/7300000000000000001/labels/collab" },
]);

/** A coach route for my account, theirs and one that does not exist (with my video in each). */
const onAccounts = (
  name: string,
  path: (accountId: string, videoId: string) => string,
  extra: Pick<ProtectedRoute, "method" | "body"> = {},
) => ({
  name,
  ...extra,
  own: () => path(mine.accountId, mine.videoIds[0]!),
  foreign: () => path(theirs.accountId, theirs.videoIds[0]!),
  missing: () => path("999999", mine.videoIds[0]!),
  token: () => Promise.resolve(me.token),
});
describeForeignIds([
  onAccounts("growth plan", (account) => `/api/v1/coach/${account}`),
  onAccounts("add a goal", (account) => `/api/v1/coach/${account}/goals`, { method: "POST", body: GOAL }),
  onAccounts("start an experiment", (account) => `/api/v1/coach/${account}/experiments`, {
    method: "POST",
    body: EXPERIMENT,
  }),
  onAccounts("add a label", (account, video) => `/api/v1/coach/${account}/videos/${video}/labels/collab`, {
    method: "PUT",
  }),
]);

type PlanBody = {
  time_zone: string;
  time_zone_source: string;
  goals: { id: string; kind: string; target: number; baseline: number }[];
  experiments: { id: string; name: string; ended_at: string | null }[];
  videos: { id: string; labels: string[]; manual_labels: string[] }[];
  plan: {
    labels: { key: string; h24: { ratio: number; low: number; high: number; n: number } | null; note: string | null }[];
    bestTime: { answer: string; timeZone: string };
    goals: { id: string; progress: number; probability: number | null; note: string | null }[];
    missions: { current: { missions: { kind: string; title: string }[] }; streak: number };
    experiments: { id: string; verdict: string; arms: { a: { videos: unknown[] }; b: { videos: unknown[] } } }[];
  };
};
type Write = "POST" | "PUT" | "DELETE";

/** A change to an account's coach routes (`rest` follows the account id) with `token`, a body as JSON. */
const onAccount = (accountId: string, token: string, method: Write, rest: string, body?: unknown) =>
  call(`/api/v1/coach/${accountId}${rest}`, {
    token,
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Mine, to my own account. */
const onMine = (method: Write, rest: string, body?: unknown) => onAccount(mine.accountId, me.token, method, rest, body);

const plan = async (query = "") => {
  const res = await call(`/api/v1/coach/${mine.accountId}${query}`, { token: me.token });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return (await res.json()) as PlanBody;
};

describe("the growth plan", () => {
  it("labels the creator's videos and measures each label against their trend, in the browser's time zone until one is saved", async () => {
    const first = await plan("?time_zone=Asia/Tokyo");
    expect([first.time_zone, first.time_zone_source]).toEqual(["Asia/Tokyo", "browser"]);
    const long = first.plan.labels.find((l) => l.key === "length:over-60")!;
    expect(long.h24!.ratio).toBeGreaterThan(1.5);
    expect(long.h24!.n).toBe(20);
    expect(first.plan.labels.find((l) => l.key === "series:morning routine part")).toBeDefined();
    expect(first.videos[0]!.labels).toContain("hashtag:fyp");
    expect(first.plan.bestTime.timeZone).toBe("Asia/Tokyo");

    const saved = await onMine("PUT", "/settings", { time_zone: "Europe/Berlin" });
    expect(saved.status).toBe(200);
    const after = await plan("?time_zone=Asia/Tokyo");
    expect([after.time_zone, after.time_zone_source]).toEqual(["Europe/Berlin", "saved"]);

    const bad = await onMine("PUT", "/settings", { time_zone: "Mars/Olympus" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  });

  it("keeps a goal with its baseline and shows its progress; removes it", async () => {
    const res = await onMine("POST", "/goals", GOAL);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const p = await plan();
    expect(p.goals).toMatchObject([{ id, kind: "followers", target: 5000, baseline: 1000 }]);
    expect(p.plan.goals[0]).toMatchObject({ id, progress: 0 });
    expect(p.plan.goals[0]!.note).toMatch(/no projection yet/);

    const past = await onMine("POST", "/goals", { ...GOAL, deadline: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(422);
    const del = await onMine("DELETE", `/goals/${id}`);
    expect(del.status).toBe(200);
    expect((await plan()).goals).toEqual([]);
    expect((await onMine("DELETE", `/goals/${id}`)).status).toBe(404);
  });

  it("adds and removes a label of the creator's own, which then counts like any other", async () => {
    const video = mine.videoIds[3]!;
    const add = await onMine("PUT", `/videos/${video}/labels/Collab`);
    expect(add.status).toBe(200);
    expect(await add.json()).toEqual({ label: "collab" });
    const p = await plan();
    expect(p.videos.find((v) => v.id === video)!.manual_labels).toEqual(["collab"]);
    expect(p.plan.labels.find((l) => l.key === "manual:collab")!.note).toMatch(/not enough videos yet: 1 of 5/);
    const del = await onMine("DELETE", `/videos/${video}/labels/collab`);
    expect(del.status).toBe(200);
    expect((await plan()).plan.labels.find((l) => l.key === "manual:collab")).toBeUndefined();
  });

  it("starts an experiment that collects new videos, and stops it", async () => {
    const res = await onMine("POST", "/experiments", EXPERIMENT);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const p = await plan();
    expect(p.experiments).toMatchObject([{ id, name: "Short or long", ended_at: null }]);
    // started now: none of the old videos joins it
    expect(p.plan.experiments[0]).toMatchObject({ id, verdict: "collecting" });
    expect(p.plan.experiments[0]!.arms.a.videos).toEqual([]);
    const stop = await onMine("POST", `/experiments/${id}/stop`);
    expect(stop.status).toBe(200);
    expect((await plan()).experiments[0]!.ended_at).not.toBeNull();

    const same = await onMine("POST", "/experiments", { ...EXPERIMENT, arm_b: EXPERIMENT.arm_a });
    expect(same.status).toBe(422);
  });

  it("goes into the data export: the time zone, goals, experiments and the creator's own labels", async () => {
    await onMine("PUT", "/settings", { time_zone: "Europe/Berlin" });
    await onMine("POST", "/goals", GOAL);
    await onMine("POST", "/experiments", EXPERIMENT);
    await onMine("PUT", `/videos/${mine.videoIds[0]}/labels/collab`);
    const res = await call("/api/v1/me/export", { token: me.token });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    expect(lines.filter((l) => ["coach_settings", "goal", "experiment", "video_label"].includes(l.type))).toMatchObject(
      [
        { type: "coach_settings", time_zone: "Europe/Berlin" },
        { type: "goal", kind: "followers", target: 5000 },
        { type: "experiment", name: "Short or long", arm_a: { label: "length:under-30", negate: false } },
        { type: "video_label", video_id: mine.videoIds[0], label: "collab" },
      ],
    );
  });

  it("lets a stale token read but never change an account its user no longer holds", async () => {
    // the token still lists the account, but the users database says someone else holds it now
    await sql`DELETE FROM identity.user_tiktok_accounts WHERE user_id = ${me.userId}`;
    const stale = await tokenFor({ sub: me.userId, tiktokAccountIds: [mine.accountId] });
    const write = await onAccount(mine.accountId, stale, "POST", "/goals", GOAL);
    expect(write.status).toBe(404);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_goals`)).toBe(0);
  });

  it("cannot touch another account's goal or experiment by its id", async () => {
    const other = await newUser();
    await hold(other.userId, theirs.accountId);
    const theirToken = await tokenFor({ sub: other.userId, tiktokAccountIds: [theirs.accountId] });
    const goal = (await (await onAccount(theirs.accountId, theirToken, "POST", "/goals", GOAL)).json()) as {
      id: string;
    };
    const exp = (await (await onAccount(theirs.accountId, theirToken, "POST", "/experiments", EXPERIMENT)).json()) as {
      id: string;
    };
    // their ids under my account: nothing matches
    expect((await onMine("DELETE", `/goals/${goal.id}`)).status).toBe(404);
    expect((await onMine("DELETE", `/experiments/${exp.id}`)).status).toBe(404);
    expect((await onMine("PUT", `/videos/${theirs.videoIds[0]}/labels/x`)).status).toBe(404);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_goals`)).toBe(1);
    expect(await countOf(sql`SELECT count(*)::int AS n FROM tiktok_experiments`)).toBe(1);
  });
});
