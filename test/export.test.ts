import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "./helpers/db";
import { newUser } from "./helpers/connect";
import { dbRequests, seedAccount } from "./helpers/fixtures";
import { describeRouteSecurity } from "./helpers/route-security";
import { bearer, tokenFor } from "./helpers/tokens";
import { resetWorld } from "./helpers/world";

/**
 * GET /api/v1/me/export: everything Adam holds about the user and their accounts, as JSON lines,
 * streamed page by page. The account here has a year of 30-minute history (17,520 account
 * snapshots) and 20 videos with 1,000 snapshots each.
 */
const SLOTS_IN_A_YEAR = 365 * 48;
const VIDEOS = 20;
const SNAPSHOTS_PER_VIDEO = 1_000;

let user: Awaited<ReturnType<typeof newUser>>;
let mine: string;
let theirs: string;

beforeAll(async () => {
  await resetWorld();
  user = await newUser();
  mine = await seedAccount("open-export", { displayName: "Year-long" });
  theirs = await seedAccount("open-other", { displayName: "Someone else" });
  await sql`INSERT INTO identity.user_tiktok_accounts (user_id, tiktok_account_id) VALUES (${user.userId}, ${mine})`;
  const start = "2025-11-20T00:00:00Z";
  await sql`INSERT INTO tiktok_account_snapshots (account_id, slot, fetched_at, follower_count, view_count)
    SELECT ${mine}, s, s + interval '40 seconds', 1000 + n, 50000 + n * 10
    FROM generate_series(0, ${SLOTS_IN_A_YEAR - 1}) AS n, LATERAL (SELECT ${start}::timestamptz + n * interval '30 minutes' AS s) t`;
  await sql`INSERT INTO tiktok_account_snapshots (account_id, slot, fetched_at, follower_count)
    VALUES (${theirs}, ${start}, ${start}, 1)`;
  await sql`INSERT INTO tiktok_account_daily (account_id, day, follower_count, snapshots)
    SELECT ${mine}, d::date, 1000, 48 FROM generate_series(${start}::timestamptz, ${start}::timestamptz + interval '364 days', interval '1 day') d`;
  await sql`INSERT INTO tiktok_videos (id, account_id, create_time, title, view_count, analytics)
    SELECT (7300000000000000000 + v)::text, ${mine}, ${start}::timestamptz + v * interval '1 day', 'Video ' || v, v * 100,
      '{"latest":{"views":1}}'::jsonb
    FROM generate_series(1, ${VIDEOS}) v`;
  await sql`INSERT INTO tiktok_video_snapshots (video_id, account_id, slot, fetched_at, view_count, like_count,
      comment_count, share_count)
    SELECT (7300000000000000000 + v)::text, ${mine}, s, s, n, n / 10, 0, 0
    FROM generate_series(1, ${VIDEOS}) v, generate_series(0, ${SNAPSHOTS_PER_VIDEO - 1}) n,
      LATERAL (SELECT ${start}::timestamptz + v * interval '1 day' + n * interval '30 minutes' AS s) t`;
  await sql`INSERT INTO tiktok_anomalies (account_id, video_id, metric, kind, severity, score, window_start, window_end,
      observed, expected, event_key)
    VALUES (${mine}, '7300000000000000001', 'views', 'spike', 'high', 7.5, now(), now(), 900, 120, 'a')`;
  await sql`INSERT INTO tiktok_insights (account_id, kind, severity, title, body, fact_key, expires_at)
    VALUES (${mine}, 'milestone', 'info', 'Close to 10K', 'Soon.', 'm', now() + interval '1 day'),
      (${theirs}, 'milestone', 'info', 'Not yours', 'No.', 'm', now() + interval '1 day')`;
  await sql`INSERT INTO tiktok_alerts (account_id, alert_key, kind, title, body, confidence, observed_at)
    VALUES (${mine}, 'anomaly:a', 'spike', 'Views spiking', 'Go.', 0.9, now()),
      (${theirs}, 'anomaly:b', 'spike', 'Not yours either', 'No.', 0.9, now())`;
  await sql`INSERT INTO identity.alert_webhooks (user_id, url, format)
    VALUES (${user.userId}, 'https://hooks.slack.com/services/T/B/secret-path', 'slack')`;
  await sql`INSERT INTO tiktok_credentials (account_id, access_token_ciphertext, refresh_token_ciphertext, key_version,
      scope, access_expires_at, refresh_expires_at)
    VALUES (${mine}, 'v1.secret-access.x', 'v1.secret-refresh.y', 1, 'video.list', now(), now())`;
}, 120_000);

const exportAs = (token: string) =>
  exports.default.fetch("http://adam.test/api/v1/me/export", { headers: bearer(token) });

async function readAll(res: Response) {
  const text = await res.text();
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });
}

describe("GET /api/v1/me/export", () => {
  it("downloads a year of 30-minute history, every line of it, with an end line that counts them", async () => {
    const res = await exportAs(user.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="adam-export-\d{4}-\d\d-\d\d\.jsonl"$/,
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const lines = await readAll(res);
    const byType = (type: string) => lines.filter((l) => l.type === type);

    expect(lines[0]).toMatchObject({ type: "export", format: "adam-export/1", user_id: user.userId, accounts: [mine] });
    expect(byType("profile")).toEqual([expect.objectContaining({ id: user.userId, email: user.email, tier: "free" })]);
    expect(byType("session").length).toBeGreaterThanOrEqual(1);
    expect(byType("account")).toEqual([expect.objectContaining({ id: mine, display_name: "Year-long" })]);
    expect(byType("account_snapshot")).toHaveLength(SLOTS_IN_A_YEAR);
    expect(byType("account_day")).toHaveLength(365);
    expect(byType("video")).toHaveLength(VIDEOS);
    expect(byType("video_snapshot")).toHaveLength(VIDEOS * SNAPSHOTS_PER_VIDEO);
    expect(byType("anomaly")).toHaveLength(1);
    expect(byType("insight")).toEqual([expect.objectContaining({ title: "Close to 10K" })]);

    // in order, each once: the keyset pages neither skip nor repeat a row
    const slots = byType("account_snapshot").map((l) => Date.parse(l.slot as string));
    expect(new Set(slots).size).toBe(SLOTS_IN_A_YEAR);
    expect(slots).toEqual(slots.toSorted((a, b) => a - b));
    const videoKeys = byType("video_snapshot").map((l) => `${l.video_id}@${l.slot}`);
    expect(new Set(videoKeys).size).toBe(VIDEOS * SNAPSHOTS_PER_VIDEO);

    const end = lines[lines.length - 1]!;
    expect(end).toEqual({
      type: "end",
      counts: {
        profile: 1,
        session: byType("session").length,
        account: 1,
        account_snapshot: SLOTS_IN_A_YEAR,
        account_day: 365,
        video: VIDEOS,
        video_snapshot: VIDEOS * SNAPSHOTS_PER_VIDEO,
        anomaly: 1,
        insight: 1,
        alert: 1,
        alert_settings: 1,
      },
    });
  });

  it("streams: the first lines arrive before most of the history has been read", async () => {
    const before = await dbRequests();
    const res = await exportAs(user.token);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"type":"export"');
    const afterFirst = (await dbRequests()) - before;
    let bytes = first.value!.length;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.length;
    const total = (await dbRequests()) - before;
    // 17,520 + 20,000 history rows at 5,000 a page: at least eight pages, read as the download goes
    expect(total).toBeGreaterThanOrEqual(10);
    expect(afterFirst).toBeLessThan(total / 2);
    expect(bytes).toBeGreaterThan(3_000_000);
  });

  it("never contains a token, a password hash or a refresh-token hash", async () => {
    const text = await (await exportAs(user.token)).text();
    expect(text).not.toContain("secret-access");
    expect(text).not.toContain("secret-refresh");
    expect(text).not.toContain("pbkdf2");
    const hashes = (await sql`SELECT token_hash FROM identity.sessions WHERE user_id = ${user.userId}`) as {
      token_hash: string;
    }[];
    for (const { token_hash } of hashes) expect(text).not.toContain(token_hash);
  });

  it("leaves out an account the user's token still lists but the user no longer holds", async () => {
    const stale = await tokenFor({ sub: user.userId, tiktokAccountIds: [mine, theirs] });
    const lines = await readAll(await exportAs(stale));
    expect(lines[0]).toMatchObject({ accounts: [mine] });
    expect(lines.filter((l) => l.type === "account").map((l) => l.id)).toEqual([mine]);
    expect(lines.some((l) => l.type === "insight" && l.title === "Not yours")).toBe(false);
  });

  it("a stolen token cannot make the database stream a year of history over and over: 5 exports an hour", async () => {
    const someone = await newUser();
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const res = await exportAs(someone.token);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("answers 404 for a token of a user who no longer exists", async () => {
    const ghost = await tokenFor({ sub: "987654321" });
    expect((await exportAs(ghost)).status).toBe(404);
  });
});

describeRouteSecurity([{ name: "export", own: () => "/api/v1/me/export" }]);
