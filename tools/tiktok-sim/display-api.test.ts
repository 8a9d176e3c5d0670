import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageOf } from "./display-api.ts";
import type { VideoAt } from "./model/index.ts";
import type { Simulator } from "./server.ts";
import { connect, display, displayError, LOG_ID, START_MS, startTestSimulator } from "./testing.ts";
import type { TokenResponse } from "./tokens.ts";

const HOUR_MS = 3_600_000;
const ALL_VIDEO_FIELDS =
  "id,create_time,cover_image_url,share_url,video_description,duration,height,width,title,embed_html,embed_link,like_count,comment_count,share_count,view_count";

const videoAtSecond = (id: string, sec: number) => ({ id, createTimeSec: sec }) as VideoAt;

type VideoPage = { videos: Record<string, unknown>[]; cursor: number; has_more: boolean };

let sim: Simulator;
let creator1: TokenResponse;
beforeAll(async () => {
  sim = await startTestSimulator();
  creator1 = await connect(sim, 1);
});
afterAll(() => sim.close());

describe("envelope and auth", () => {
  it("wraps success in { data, error: { code: ok, message: '', log_id } } with the log_id also in a header", async () => {
    const res = await display(sim, "user/info", { token: creator1.access_token, fields: "open_id" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.body).toEqual({
      data: { user: { open_id: creator1.open_id } },
      error: { code: "ok", message: "", log_id: expect.stringMatching(LOG_ID) },
    });
    expect(res.headers.get("x-tt-logid")).toBe(res.body.error.log_id);
    // The log_id starts with the simulator clock's UTC time.
    expect(res.body.error.log_id.slice(0, 14)).toBe("20261101000000");
  });

  it("answers 401 access_token_invalid for a missing, unknown or malformed bearer token", async () => {
    for (const token of [undefined, "act.unknown"]) {
      const res = await display(sim, "user/info", { fields: "open_id", ...(token ? { token } : {}) });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(
        displayError("access_token_invalid", "The access token is invalid or not found in the request."),
      );
    }
    const basic = await fetch(`${sim.url}/v2/user/info/?fields=open_id`, {
      headers: { authorization: `Basic ${creator1.access_token}` },
    });
    expect(basic.status).toBe(401);
  });

  it("answers 405 for the wrong method and 404 off the API's paths", async () => {
    const wrong = await fetch(`${sim.url}/v2/user/info/?fields=open_id`, { method: "POST" });
    expect(wrong.status).toBe(405);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("invalid_params");
    const noSlash = await fetch(`${sim.url}/v2/user/info?fields=open_id`);
    expect(noSlash.status).toBe(404);
  });
});

describe("GET /v2/user/info/", () => {
  it("returns exactly the requested fields, with the model's numbers at the simulator's now", async () => {
    const fields =
      "open_id,union_id,avatar_url,avatar_url_100,avatar_large_url,display_name,bio_description,profile_deep_link,is_verified,username,follower_count,following_count,likes_count,video_count";
    const res = await display(sim, "user/info", { token: creator1.access_token, fields });
    const p = sim.world.creator(1);
    const a = sim.world.account(1, sim.clock.now());
    expect(res.body.data).toEqual({
      user: {
        open_id: p.openId,
        union_id: p.unionId,
        avatar_url: p.avatarUrl,
        avatar_url_100: p.avatarUrl100,
        avatar_large_url: p.avatarLargeUrl,
        display_name: p.displayName,
        bio_description: p.bioDescription,
        profile_deep_link: p.profileDeepLink,
        is_verified: p.isVerified,
        username: p.username,
        follower_count: a.followerCount,
        following_count: a.followingCount,
        likes_count: a.likesCount,
        video_count: a.videoCount,
      },
    });
    expect(p.avatarUrl.startsWith(`${sim.url}/media/`)).toBe(true);
    const avatar = await fetch(p.avatarUrl);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
    await avatar.text();
  });

  it("moves with the clock", async () => {
    const at = async () =>
      (
        await display<{ user: { follower_count: number } }>(sim, "user/info", {
          token: creator1.access_token,
          fields: "follower_count",
        })
      ).body.data.user.follower_count;
    const before = await at();
    sim.clock.advance(2 * HOUR_MS);
    try {
      expect(await at()).toBe(sim.world.account(1, START_MS + 2 * HOUR_MS).followerCount);
      expect(before).toBe(sim.world.account(1, START_MS).followerCount);
    } finally {
      sim.clock.set(START_MS);
    }
  });

  it("rejects unknown and missing fields with invalid_params", async () => {
    for (const [fields, message] of [
      ["open_id,fps", "Invalid fields: fps"],
      ["avatar_url_200", "Invalid fields: avatar_url_200"],
      [undefined, "The fields parameter is required."],
    ] as const) {
      const res = await display(sim, "user/info", { token: creator1.access_token, ...(fields ? { fields } : {}) });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: "invalid_params", message, log_id: expect.stringMatching(LOG_ID) });
    }
  });

  it("answers scope_permission_missed when a field needs a scope the token lacks", async () => {
    const basicOnly = await connect(sim, 2, ["user.info.basic"]);
    const ok = await display(sim, "user/info", { token: basicOnly.access_token, fields: "open_id,display_name" });
    expect(ok.status).toBe(200);
    const res = await display(sim, "user/info", {
      token: basicOnly.access_token,
      fields: "open_id,username,follower_count",
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: "scope_permission_missed",
      message: "Fields username,follower_count need scopes the access token lacks: user.info.profile,user.info.stats.",
      log_id: expect.stringMatching(LOG_ID),
    });
  });
});

async function page(token: string, body: unknown, fields = "id,create_time,view_count") {
  return display<VideoPage>(sim, "video/list", { token, fields, body });
}

describe("POST /v2/video/list/", () => {
  it("pages newest first with a ms cursor until has_more is false, without gaps or duplicates", async () => {
    const seen: Record<string, unknown>[] = [];
    let cursor: number | undefined;
    let pages = 0;
    for (;;) {
      const res = await page(
        creator1.access_token,
        cursor === undefined ? { max_count: 20 } : { cursor, max_count: 20 },
      );
      expect(res.status).toBe(200);
      pages += 1;
      seen.push(...res.body.data.videos);
      if (!res.body.data.has_more) break;
      expect(res.body.data.cursor).toBe((res.body.data.videos.at(-1)!.create_time as number) * 1000);
      cursor = res.body.data.cursor;
    }
    const expected = sim.world.publicVideos(1, START_MS);
    expect(expected.length).toBeGreaterThan(100);
    expect(pages).toBe(Math.ceil(expected.length / 20));
    expect(seen).toEqual(expected.map((v) => ({ id: v.id, create_time: v.createTimeSec, view_count: v.viewCount })));
    expect(seen.every((v) => typeof v.id === "string" && /^\d{19}$/.test(v.id))).toBe(true);
  });

  it("defaults to 10 per page and returns exactly the requested fields", async () => {
    const res = await page(creator1.access_token, {}, ALL_VIDEO_FIELDS);
    expect(res.body.data.videos).toHaveLength(10);
    const v = sim.world.publicVideos(1, START_MS)[0]!;
    expect(res.body.data.videos[0]).toEqual({
      id: v.id,
      create_time: v.createTimeSec,
      cover_image_url: v.coverImageUrl,
      share_url: v.shareUrl,
      video_description: v.videoDescription,
      duration: v.durationSec,
      height: v.height,
      width: v.width,
      title: v.title,
      embed_html: v.embedHtml,
      embed_link: v.embedLink,
      like_count: v.likeCount,
      comment_count: v.commentCount,
      share_count: v.shareCount,
      view_count: v.viewCount,
    });
    // No body at all is the same as {}.
    const bare = await display<VideoPage>(sim, "video/list", { token: creator1.access_token, fields: "id" });
    expect(bare.body.data.videos).toHaveLength(10);
  });

  it("treats a caller's own ms timestamp as 'posted before'", async () => {
    const all = sim.world.publicVideos(1, START_MS);
    const pivot = all[30]!;
    const res = await page(creator1.access_token, { cursor: pivot.createTimeSec * 1000, max_count: 5 });
    expect(res.body.data.videos.map((v) => v.id)).toEqual(all.slice(31, 36).map((v) => v.id));
  });

  it("rejects max_count above 20 (and other bad bodies) with invalid_params", async () => {
    for (const [body, message] of [
      [{ max_count: 21 }, "max_count must be an integer from 1 to 20."],
      [{ max_count: 0 }, "max_count must be an integer from 1 to 20."],
      [{ max_count: "5" }, "max_count must be an integer from 1 to 20."],
      [{ cursor: "1793491200000" }, "cursor must be a UTC Unix timestamp in milliseconds."],
      [[1], "The request body must be a JSON object."],
    ] as const) {
      const res = await page(creator1.access_token, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: "invalid_params", message, log_id: expect.stringMatching(LOG_ID) });
    }
    const broken = await fetch(`${sim.url}/v2/video/list/?fields=id`, {
      method: "POST",
      headers: { authorization: `Bearer ${creator1.access_token}`, "content-type": "application/json" },
      body: "{",
    });
    expect(broken.status).toBe(400);
  });

  it("needs the video.list scope: 401 scope_not_authorized", async () => {
    const noVideos = await connect(sim, 3, ["user.info.basic", "user.info.stats"]);
    const res = await page(noVideos.access_token, {});
    expect(res.status).toBe(401);
    expect(res.body).toEqual(
      displayError(
        "scope_not_authorized",
        "The user did not authorize the scope required for completing this request: video.list.",
      ),
    );
  });

  it("ends a page early rather than between two videos of the same second", () => {
    const videos = [9, 8, 7, 7, 6].map((sec, i) => videoAtSecond("abcde"[i]!, sec));
    expect(pageOf(videos, 3).map((v) => v.id)).toEqual(["a", "b"]);
    expect(pageOf(videos, 4).map((v) => v.id)).toEqual(["a", "b", "c", "d"]);
    expect(pageOf(videos, 9).map((v) => v.id)).toEqual(["a", "b", "c", "d", "e"]);
  });
});

describe("POST /v2/video/query/", () => {
  it("returns the owner's public videos in the order asked, silently leaving out foreign ids", async () => {
    const mine = sim.world.publicVideos(1, START_MS).slice(0, 3);
    const foreign = sim.world.publicVideos(4, START_MS)[0]!;
    const res = await display<{ videos: Record<string, unknown>[] }>(sim, "video/query", {
      token: creator1.access_token,
      fields: "id,view_count,like_count",
      body: { filters: { video_ids: [mine[2]!.id, foreign.id, mine[0]!.id, "7000000000000000000", mine[1]!.id] } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        videos: [mine[2]!, mine[0]!, mine[1]!].map((v) => ({
          id: v.id,
          view_count: v.viewCount,
          like_count: v.likeCount,
        })),
      },
      error: { code: "ok", message: "", log_id: expect.stringMatching(LOG_ID) },
    });
  });

  it("accepts at most 20 ids: 21 is invalid_params", async () => {
    const ids = sim.world
      .publicVideos(1, START_MS)
      .slice(0, 21)
      .map((v) => v.id);
    const ok = await display(sim, "video/query", {
      token: creator1.access_token,
      fields: "id",
      body: { filters: { video_ids: ids.slice(0, 20) } },
    });
    expect(ok.status).toBe(200);
    const res = await display(sim, "video/query", {
      token: creator1.access_token,
      fields: "id",
      body: { filters: { video_ids: ids } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: "invalid_params",
      message: "filters.video_ids accepts at most 20 ids.",
      log_id: expect.stringMatching(LOG_ID),
    });
    for (const body of [{}, { filters: { video_ids: [] } }, { filters: { video_ids: [7077642457] } }]) {
      expect((await display(sim, "video/query", { token: creator1.access_token, fields: "id", body })).status).toBe(
        400,
      );
    }
  });
});

describe("videos that go private or are deleted", () => {
  it("vanish from list, query and video_count once the clock passes that moment", async () => {
    // The model's truth says which video vanishes, and when.
    let found: { index: number; id: string; gone: number } | undefined;
    for (let index = 0; index < 50 && !found; index++) {
      const v = sim.world
        .truth(index, START_MS + 30 * 24 * HOUR_MS)
        .videos.find(
          (x) => x.createdAtMs < START_MS && x.unavailableFromMs !== undefined && x.unavailableFromMs > START_MS,
        );
      if (v) found = { index, id: v.id, gone: v.unavailableFromMs! };
    }
    expect(found).toBeDefined();
    const { index, id, gone } = found!;
    // Connect just before it vanishes, so the token is fresh whenever that is.
    sim.clock.set(gone - 1);
    const tokens = await connect(sim, index);
    const listIds = async () => {
      const ids: string[] = [];
      let cursor: number | undefined;
      for (;;) {
        const res = await display<VideoPage>(sim, "video/list", {
          token: tokens.access_token,
          fields: "id",
          body: cursor === undefined ? { max_count: 20 } : { cursor, max_count: 20 },
        });
        ids.push(...res.body.data.videos.map((v) => v.id as string));
        if (!res.body.data.has_more) return ids;
        cursor = res.body.data.cursor;
      }
    };
    const query = async () =>
      (
        await display<{ videos: { id: string }[] }>(sim, "video/query", {
          token: tokens.access_token,
          fields: "id",
          body: { filters: { video_ids: [id] } },
        })
      ).body.data.videos;
    const videoCount = async () =>
      (
        await display<{ user: { video_count: number } }>(sim, "user/info", {
          token: tokens.access_token,
          fields: "video_count",
        })
      ).body.data.user.video_count;

    try {
      expect(await listIds()).toContain(id);
      expect(await query()).toEqual([{ id }]);
      const countBefore = await videoCount();
      sim.clock.set(gone);
      expect(await listIds()).not.toContain(id);
      expect(await query()).toEqual([]);
      expect(await videoCount()).toBe(countBefore - 1);
    } finally {
      sim.clock.set(START_MS);
    }
  });
});
