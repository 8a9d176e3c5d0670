import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { unsubscribeToken } from "../src/alerts/links";
import { addWebhook, SettingsInputError } from "../src/alerts/settings";
import { targetProblem } from "../src/alerts/webhook/target-policy";
import { createUsersDb } from "../src/db/client";
import { callApi } from "./helpers/api";
import { sql } from "./helpers/db";
import { testEnv } from "./helpers/env";
import { nextUserId, seedAccount } from "./helpers/fixtures";
import { newUser } from "./helpers/connect";
import { freshAlertIds, hold, storeAlert } from "./helpers/outbox";
import { describeRouteSecurity } from "./helpers/route-security";
import { config, tokenFor } from "./helpers/tokens";
import { resetWorld } from "./helpers/world";

/**
 * The alert routes as an attacker and as a creator see them: the notifications list and its read
 * state, the settings panel, and the one-click unsubscribe link of every email.
 */
const call = callApi;

const PREFS = {
  kinds: ["spike", "fast_start"],
  email: true,
  push: false,
  webhooks: false,
  time_zone: "Europe/Berlin",
  quiet_hours: { start: "22:00", end: "07:30" },
  held: "release",
  digest: { enabled: true, hour: 9 },
  daily_cap: 5,
};

beforeEach(async () => {
  await resetWorld();
  await freshAlertIds();
});

describeRouteSecurity([
  { name: "alert list", own: () => "/api/v1/alerts" },
  { name: "mark alerts read", method: "POST", own: () => "/api/v1/alerts/read", body: { all: true } },
  { name: "alert settings", own: () => "/api/v1/alerts/settings" },
  {
    name: "alert preferences",
    method: "PUT",
    own: () => "/api/v1/alerts/settings/preferences",
    body: PREFS,
  },
  {
    name: "add a push subscription",
    method: "POST",
    own: () => "/api/v1/alerts/push-subscriptions",
    body: { endpoint: "https://push.example/x", keys: { p256dh: "B", auth: "a" } },
  },
  { name: "remove a push subscription", method: "DELETE", own: () => "/api/v1/alerts/push-subscriptions/1" },
  {
    name: "add a webhook",
    method: "POST",
    own: () => "/api/v1/alerts/webhooks",
    body: { url: "https://hooks.example/x" },
  },
  { name: "remove a webhook", method: "DELETE", own: () => "/api/v1/alerts/webhooks/1" },
]);

describe("the notifications list", () => {
  it("shows the alerts of the accounts the user holds, newest first, with what is unread; marking read sticks", async () => {
    const user = await newUser();
    const mine = await seedAccount(`open-mine-${user.userId}`);
    const theirs = await seedAccount(`open-theirs-${user.userId}`);
    await hold(user.userId, mine);
    const first = await storeAlert(mine, { title: "First" });
    const second = await storeAlert(mine, { title: "Second", kind: "follower_jump", videoId: null });
    await storeAlert(theirs, { title: "Someone else's" });

    const list = async () =>
      (await (await call("/api/v1/alerts", { token: user.token })).json()) as {
        unread: number;
        alerts: {
          id: string;
          title: string;
          read: boolean;
          kind: string;
          video_id: string | null;
          confidence: number;
        }[];
      };
    const before = await list();
    expect(before.unread).toBe(2);
    expect(before.alerts.map((a) => [a.title, a.read])).toEqual([
      ["Second", false],
      ["First", false],
    ]);
    expect(before.alerts[0]).toMatchObject({ kind: "follower_jump", video_id: null, confidence: 0.93 });

    const read = await call("/api/v1/alerts/read", {
      token: user.token,
      method: "POST",
      body: JSON.stringify({ ids: [first] }),
    });
    expect(await read.json()).toEqual({ updated: 1 });
    expect((await list()).unread).toBe(1);
    await call("/api/v1/alerts/read", { token: user.token, method: "POST", body: JSON.stringify({ all: true }) });
    const after = await list();
    expect([after.unread, after.alerts.every((a) => a.read)]).toEqual([0, true]);
    expect(second).toMatch(/^\d+$/);
  });

  it("cannot mark read, or see, another creator's alerts, even with their alert ids", async () => {
    const me = await newUser();
    const other = await newUser();
    const theirs = await seedAccount(`open-other-${other.userId}`);
    await hold(other.userId, theirs);
    const alertId = await storeAlert(theirs);
    const res = await call("/api/v1/alerts/read", {
      token: me.token,
      method: "POST",
      body: JSON.stringify({ ids: [alertId] }),
    });
    expect(await res.json()).toEqual({ updated: 0 });
    expect(
      ((await (await call("/api/v1/alerts", { token: me.token })).json()) as { alerts: unknown[] }).alerts,
    ).toEqual([]);
    // a stale token still listing the account reads nothing either: the users database decides
    const stale = await tokenFor({ sub: me.userId, tiktokAccountIds: [theirs] });
    expect(((await (await call("/api/v1/alerts", { token: stale })).json()) as { alerts: unknown[] }).alerts).toEqual(
      [],
    );
  });
});

describe("the settings panel", () => {
  it("starts with nothing sent but the in-app list, and keeps what the creator saves", async () => {
    const user = await newUser();
    const first = (await (await call("/api/v1/alerts/settings", { token: user.token })).json()) as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({
      email: user.email,
      preferences: { email: false, push: false, webhooks: false, quiet_hours: null, daily_cap: 10, time_zone: "UTC" },
      available: { email: true, push: true },
      push_public_key: expect.stringMatching(/^B[\w-]{86}$/),
      push_subscriptions: [],
      webhooks: [],
    });
    const saved = await call("/api/v1/alerts/settings/preferences", {
      token: user.token,
      method: "PUT",
      body: JSON.stringify(PREFS),
    });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { preferences: unknown }).preferences).toEqual(PREFS);
  });

  it("refuses a time zone that does not exist, quiet hours that are not times, and unknown fields", async () => {
    const user = await newUser();
    const put = (body: unknown) =>
      call("/api/v1/alerts/settings/preferences", { token: user.token, method: "PUT", body: JSON.stringify(body) });
    const zone = await put({ ...PREFS, time_zone: "Mars/Olympus_Mons" });
    expect(zone.status).toBe(422);
    expect(((await zone.json()) as { error: { details: unknown[] } }).error.details).toEqual([
      { path: "time_zone", message: "is not a known time zone" },
    ]);
    expect((await put({ ...PREFS, quiet_hours: { start: "25:00", end: "07:00" } })).status).toBe(422);
    expect((await put({ ...PREFS, admin: true })).status).toBe(422);
    expect((await put({ ...PREFS, daily_cap: 0 })).status).toBe(422);
  });

  it("adds and removes a push subscription, only the user's own", async () => {
    const me = await newUser();
    const other = await newUser();
    const keys = { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) };
    const added = await call("/api/v1/alerts/push-subscriptions", {
      token: me.token,
      method: "POST",
      body: JSON.stringify({ endpoint: "https://fcm.googleapis.com/fcm/send/abc", keys }),
    });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    const theirs = await call(`/api/v1/alerts/push-subscriptions/${id}`, { token: other.token, method: "DELETE" });
    expect(theirs.status).toBe(404);
    const mine = await call(`/api/v1/alerts/push-subscriptions/${id}`, { token: me.token, method: "DELETE" });
    expect(await mine.json()).toEqual({ deleted: true });
    expect(await sql`SELECT 1 FROM identity.push_subscriptions`).toEqual([]);
  });

  it("gives each webhook its own signing secret, derived, never stored", async () => {
    const user = await newUser();
    const res = await call("/api/v1/alerts/webhooks", {
      token: user.token,
      method: "POST",
      body: JSON.stringify({ url: "https://hooks.slack.com/services/T000/B000/XXXX" }),
    });
    expect(res.status).toBe(201);
    const hook = (await res.json()) as { id: string; format: string; signing_secret: string };
    expect(hook.format).toBe("slack");
    expect(hook.signing_secret).toMatch(/^whsec_[\w-]{43}$/);
    const stored = JSON.stringify(await sql`SELECT * FROM identity.alert_webhooks`);
    expect(stored).not.toContain(hook.signing_secret);
  });
});

describe("a webhook or push endpoint in production", () => {
  const privateTargets = [
    "http://hooks.example.com/x",
    "https://127.0.0.1/x",
    "https://localhost/x",
    "https://10.0.0.8/hook",
    "https://192.168.1.20/hook",
    "https://172.20.0.1/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/x",
    "https://0x7f.1/x",
    "https://2130706433/x",
    "https://[::1]/x",
    "https://[fd00::1]/x",
    "https://[fe80::1]/x",
    "https://[::ffff:7f00:1]/x",
    "https://printer.local/x",
    "https://metadata.internal/x",
    "https://intranet/x",
    "https://hooks.example.com:8443/x",
    "https://user:pass@hooks.example.com/x",
  ];

  it.each(privateTargets)("refuses %s", (url) => {
    expect(targetProblem(url, true)).not.toBeNull();
  });

  it("accepts public https URLs (Slack, Discord, a receiver of the creator's own)", () => {
    for (const url of [
      "https://hooks.slack.com/services/T1/B2/C3",
      "https://discord.com/api/webhooks/1/abc",
      "https://example.com/adam-hook",
      "https://93.184.216.34/hook",
    ]) {
      expect(targetProblem(url, true), url).toBeNull();
    }
  });

  it("refuses a webhook to a private address when a creator adds one, and stores nothing", async () => {
    const user = await newUser();
    const ctx = {
      usersDb: createUsersDb(config),
      secret: testEnv.ALERTS_SECRET,
      publicTargetsOnly: true,
      channels: { email: true, push: true, vapidPublicKey: null },
    };
    await expect(addWebhook(ctx, user.userId, "https://10.0.0.8/steal")).rejects.toThrow(SettingsInputError);
    await expect(addWebhook(ctx, user.userId, "http://127.0.0.1:8791/webhooks/x")).rejects.toThrow(/https/);
    expect(await sql`SELECT 1 FROM identity.alert_webhooks`).toEqual([]);
  });
});

describe("one-click unsubscribe", () => {
  async function emailOn() {
    const user = await newUser();
    const put = await call("/api/v1/alerts/settings/preferences", {
      token: user.token,
      method: "PUT",
      body: JSON.stringify(PREFS),
    });
    expect(put.status).toBe(200);
    return user;
  }
  const emailEnabled = async (userId: string) =>
    (
      (await sql`SELECT email_enabled, digest_enabled FROM identity.alert_preferences WHERE user_id = ${userId}`) as {
        email_enabled: boolean;
        digest_enabled: boolean;
      }[]
    )[0];
  const oneClick = (token: string) =>
    exports.default.fetch(`http://adam.test/alerts/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });

  it("turns alert emails off from a mail client's POST to the signed link", async () => {
    const user = await emailOn();
    const res = await oneClick(await unsubscribeToken(testEnv.ALERTS_SECRET, user.userId, "email"));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You will get no more alert emails from Adam.");
    expect(await emailEnabled(user.userId)).toEqual({ email_enabled: false, digest_enabled: true });
  });

  it("changes nothing when the link is only opened (link scanners open links): it shows one button", async () => {
    const user = await emailOn();
    const token = await unsubscribeToken(testEnv.ALERTS_SECRET, user.userId, "digest");
    const res = await exports.default.fetch(`http://adam.test/alerts/unsubscribe?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await res.text()).toContain('<button type="submit">Unsubscribe</button>');
    expect(await emailEnabled(user.userId)).toEqual({ email_enabled: true, digest_enabled: true });
  });

  it("refuses an unsigned link, a forged signature, and a genuine signature moved to another user", async () => {
    const user = await emailOn();
    const victim = await emailOn();
    const genuine = await unsubscribeToken(testEnv.ALERTS_SECRET, user.userId, "email");
    const mac = genuine.split(".")[2]!;
    const forgedWithOtherKey = await unsubscribeToken(
      "an-attackers-guess-at-the-secret-0123456789",
      victim.userId,
      "email",
    );
    for (const token of [
      `${victim.userId}.email`,
      `${victim.userId}.email.${"A".repeat(43)}`,
      `${victim.userId}.email.${mac}`,
      `${user.userId}.digest.${mac}`,
      forgedWithOtherKey,
    ]) {
      const res = await oneClick(token);
      expect(res.status, token).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    const missing = await exports.default.fetch("http://adam.test/alerts/unsubscribe", { method: "POST" });
    expect(missing.status).toBe(400);
    expect(await emailEnabled(victim.userId)).toEqual({ email_enabled: true, digest_enabled: true });
    expect(await emailEnabled(user.userId)).toEqual({ email_enabled: true, digest_enabled: true });
  });

  it("answers 404 for a signed link of a user who deleted their account", async () => {
    const gone = nextUserId();
    const res = await oneClick(await unsubscribeToken(testEnv.ALERTS_SECRET, gone, "email"));
    expect(res.status).toBe(404);
  });
});
