import { z } from "@hono/zod-openapi";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeAccount } from "../src/analytics";
import type { VideoSnapshot } from "../src/analytics/types";
import {
  AccountHistory,
  AccountInsights,
  AccountList,
  AccountMetrics,
  AccountOverview,
  AccountWatch,
  AlertList,
  AlertSettings,
  GrowthPlanResponse,
  Me,
  VideoAnomalies,
  VideoDetail,
  VideoHistory,
  VideoList,
  VideoWatch,
} from "../src/contract";
import { sql } from "./helpers/db";
import { seedAccount, seedAccountSnapshots, seedVideo, seedVideoSnapshots, slotOf } from "./helpers/fixtures";
import { deepStrict } from "./helpers/strict";
import { bearer, tokenFor } from "./helpers/tokens";
import { addWatchThroughBrowser, creatorWithAccount, watchJobDone } from "./helpers/watch";
import { resetWorld } from "./helpers/world";

/**
 * Every data route's 200 body parses, strictly (an unknown key anywhere fails), with the schema
 * of `src/contract` that the route's OpenAPI document names. Two accounts: one connected through
 * TikTok's simulator with watch-time insights read by the real daily job, and one whose analytics
 * `analyzeAccount` computed over synthetic history (curves, percentiles, forecasts, projection).
 */
const HOUR = 3_600_000;
let analysed: string;
let connected: string;
let watchedVideo: string;
let token: string;
let richness: { projection: boolean; insights: number; forecasts: number };
const VIDEOS = Array.from({ length: 12 }, (_, i) => `74000000000000000${String(i + 10)}`);

function snapshots(createdAt: number, now: number, scale: number): VideoSnapshot[] {
  const out: VideoSnapshot[] = [];
  for (let t = createdAt + HOUR / 2; t <= now; t += HOUR / 2) {
    const ageHours = (t - createdAt) / HOUR;
    const views = Math.round(scale * 1000 * Math.log1p(ageHours) * (1 + ageHours / 48));
    out.push({
      t,
      views,
      likes: Math.round(views / 10),
      comments: Math.round(views / 90),
      shares: Math.round(views / 210),
    });
  }
  return out;
}

/** An account with analytics as the snapshot job would store them. */
async function seedAnalysedAccount(): Promise<string> {
  const id = await seedAccount("open-contract-analysed", { displayName: "Ana" });
  const now = slotOf(Date.now());
  const created = VIDEOS.map((_, i) => now - (6 + i * 19) * HOUR);
  const output = analyzeAccount({
    now,
    account: {
      id: Number(id),
      followers: Array.from({ length: 14 * 48 }, (_, i) => ({ t: now - i * (HOUR / 2), count: 5000 - i * 3 })),
    },
    videos: VIDEOS.map((video, i) => ({
      id: video,
      createdAt: created[i]!,
      status: "public" as const,
      recent: snapshots(created[i]!, now, 1 + (i % 4)),
    })),
    recentAnomalies: [],
  });
  for (const [i, video] of VIDEOS.entries()) {
    await seedVideo(id, video, output.videos[video]!.latest?.views ?? 0, new Date(created[i]!).toISOString());
    await sql`UPDATE tiktok_videos SET analytics = ${JSON.stringify(output.videos[video])}::jsonb WHERE id = ${video}`;
  }
  await sql`UPDATE tiktok_accounts SET summary = ${JSON.stringify(output.account)}::jsonb WHERE id = ${id}`;
  await seedAccountSnapshots(id, now - 6 * HOUR, 12);
  await seedVideoSnapshots(id, VIDEOS[0]!, created[0]!, 12);
  for (const card of output.insights) {
    await sql`INSERT INTO tiktok_insights (account_id, video_id, kind, severity, title, body, evidence, rank, fact_key, expires_at)
      VALUES (${id}, ${card.videoId}, ${card.kind}, ${card.severity}, ${card.title}, ${card.body},
        ${JSON.stringify(card.evidence)}::jsonb, ${card.rank}, ${card.factKey}, now() + interval '6 hours')`;
  }
  await sql`INSERT INTO tiktok_anomalies (account_id, video_id, metric, kind, severity, score, confidence, window_start, window_end,
    observed, expected, event_key, details)
    VALUES (${id}, ${VIDEOS[0]}, 'views', 'spike', 'high', 7.5, 0.91, now() - interval '2 hours', now() - interval '1 hour',
      900, 120, 'contract:spike', '{"ratio": 7.5}')`;
  await sql`INSERT INTO tiktok_goals (account_id, kind, target, baseline, start_at, deadline)
    VALUES (${id}, 'followers', 6000, 4950, now() - interval '3 days', now() + interval '60 days')`;
  await sql`INSERT INTO tiktok_experiments (account_id, name, arm_a_label, arm_b_label, arm_b_negate, started_at)
    VALUES (${id}, 'Evenings', 'window:18-21', 'window:18-21', true, now() - interval '10 days')`;
  richness = {
    projection: output.account.followerProjection !== null,
    insights: output.insights.length,
    forecasts: Object.values(output.videos).filter((v) => v.percentiles.length > 0 && v.forecast.views24h).length,
  };
  return id;
}

beforeAll(async () => {
  await resetWorld();
  const user = await creatorWithAccount(31);
  await addWatchThroughBrowser(user, { creator: 31 });
  watchedVideo = await watchJobDone(user.id);
  connected = user.id;
  await sql`INSERT INTO tiktok_alerts (account_id, alert_key, kind, video_id, title, body, confidence, observed_at)
    VALUES (${user.id}, ${`anomaly:contract:${watchedVideo}`}, 'spike', ${watchedVideo}, 'Views spiking',
      '3.1× the expected pace', 0.9, now() - interval '1 hour')`;
  analysed = await seedAnalysedAccount();
  token = await tokenFor({ sub: user.userId, tier: "pro", tiktokAccountIds: [connected, analysed] });
});

const CASES: [string, () => string, z.ZodType][] = [
  ["the account list", () => `/api/v1/accounts`, AccountList],
  ["metrics", () => `/api/v1/accounts/${analysed}/metrics`, AccountMetrics],
  ["metrics of the connected account", () => `/api/v1/accounts/${connected}/metrics`, AccountMetrics],
  ["account history", () => `/api/v1/accounts/${analysed}/snapshots`, AccountHistory],
  ["the overview", () => `/api/v1/accounts/${analysed}/overview`, AccountOverview],
  ["the connected overview", () => `/api/v1/accounts/${connected}/overview`, AccountOverview],
  ["the video list", () => `/api/v1/videos/${analysed}?limit=100`, VideoList],
  ["the connected video list", () => `/api/v1/videos/${connected}`, VideoList],
  ["video history", () => `/api/v1/videos/${VIDEOS[0]}/snapshots?anchor=posted&hours=2160`, VideoHistory],
  ["anomalies", () => `/api/v1/videos/${VIDEOS[0]}/anomalies`, VideoAnomalies],
  ["the video page", () => `/api/v1/videos/${VIDEOS[0]}/detail`, VideoDetail],
  ["the watched video page", () => `/api/v1/videos/${watchedVideo}/detail`, VideoDetail],
  ["insights", () => `/api/v1/insights/${analysed}`, AccountInsights],
  ["account watch time", () => `/api/v1/accounts/${connected}/watch`, AccountWatch],
  ["account watch time, not added", () => `/api/v1/accounts/${analysed}/watch`, AccountWatch],
  ["video watch time", () => `/api/v1/videos/${watchedVideo}/watch`, VideoWatch],
  ["the growth plan", () => `/api/v1/coach/${analysed}`, GrowthPlanResponse],
  ["the profile", () => `/api/v1/me`, Me],
  ["alerts", () => `/api/v1/alerts`, AlertList],
  ["alert settings", () => `/api/v1/alerts/settings`, AlertSettings],
];

describe("every data route answers exactly its contract", () => {
  it("is checked on rich analytics and an alert, not empty objects", async () => {
    expect(richness.projection).toBe(true);
    expect(richness.insights).toBeGreaterThan(0);
    expect(richness.forecasts).toBeGreaterThan(0);
    expect(await sql`SELECT kind FROM tiktok_alerts`).toEqual([{ kind: "spike" }]);
  });

  it.each(CASES)("%s", async (_, path, schema) => {
    const res = await exports.default.fetch(`http://adam.test${path()}`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    const parsed = deepStrict(schema).safeParse(body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it("fails a body with a key the contract does not name, however deep", () => {
    const strict = deepStrict(AccountMetrics);
    const body = {
      id: "1",
      display_name: null,
      username: null,
      avatar_url: null,
      status: "active",
      granted_scopes: [],
      last_synced_at: null,
      followers: null,
      following: null,
      likes: null,
      videos: null,
      views: null,
      engagement_rate: null,
      summary: { changes: { followers: { h24: 1, d7: null }, views: { h24: 1, d7: 2 }, likes: { h24: 0, d7: 0 } } },
    };
    const engagementRate = { h24: null, d7: null };
    const ok = { ...body, summary: { changes: { ...body.summary.changes, engagementRate } } };
    expect(strict.safeParse(ok).success).toBe(true);
    const drifted = {
      ...ok,
      summary: { changes: { ...ok.summary.changes, engagementRate: { ...engagementRate, d30: 1 } } },
    };
    expect(strict.safeParse(drifted).success).toBe(false);
  });
});
