import { exports } from "cloudflare:workers";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { alertMessage, deliverMessage, digestMessage, type AlertMessage } from "../src/alerts/messages";
import { CRONS } from "../src/ingest/crons";
import { callApi } from "./helpers/api";
import { sql } from "./helpers/db";
import { testEnv } from "./helpers/env";
import { seedAccount } from "./helpers/fixtures";
import { newUser } from "./helpers/connect";
import { deliveriesOf, freshAlertIds, hold, outbox, SINK, storeAlert } from "./helpers/outbox";
import { deliver, runCron } from "./helpers/worker";
import { resetWorld } from "./helpers/world";

/**
 * Alerts from the outbox to the creator: through the real `alerts` queue to the outbox sink,
 * which plays Resend, a browser's push service and webhook receivers. What a creator relies on:
 * each alert arrives once per channel, quiet hours are kept, a dead endpoint is dropped, a flaky
 * one is retried, and nothing is lost when a message comes twice or not at all.
 */
const api = (path: string, token: string, init: RequestInit = {}) => callApi(path, { ...init, token });

const PREFS = {
  kinds: ["spike", "drop", "fast_start", "follower_jump", "goal_reached"],
  email: true,
  push: true,
  webhooks: true,
  time_zone: "UTC",
  quiet_hours: null as { start: string; end: string } | null,
  held: "release" as "release" | "digest",
  digest: { enabled: false, hour: 8 },
  daily_cap: 10,
};

/** A push subscription from the sink (playing the browser and its push service), given to the API. */
async function subscribe(token: string) {
  const subscription = await outbox.subscribe();
  const res = await api("/api/v1/alerts/push-subscriptions", token, {
    method: "POST",
    body: JSON.stringify({ endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys }),
  });
  if (res.status !== 201) throw new Error(`push subscription refused: ${res.status} ${await res.text()}`);
  return subscription;
}

/** A creator holding an account, with the channels asked for switched on through the API. */
async function creator(options: { webhookPath?: string; push?: boolean; prefs?: Partial<typeof PREFS> } = {}) {
  const user = await newUser();
  const accountId = await seedAccount(`open-${user.userId}`);
  await hold(user.userId, accountId);
  const put = await api("/api/v1/alerts/settings/preferences", user.token, {
    method: "PUT",
    body: JSON.stringify({ ...PREFS, ...options.prefs }),
  });
  expect(put.status, await put.clone().text()).toBe(200);
  const subscription = options.push === false ? undefined : await subscribe(user.token);
  const hook = await api("/api/v1/alerts/webhooks", user.token, {
    method: "POST",
    body: JSON.stringify({ url: `${SINK}${options.webhookPath ?? `/webhooks/u${user.userId}`}` }),
  });
  expect(hook.status).toBe(201);
  const webhook = (await hook.json()) as { id: string; signing_secret: string };
  return { ...user, accountId, subscription, webhook };
}

/** The consumer, called as the queue would, for one message (with how often it was tried). */
function consume(body: AlertMessage, attempts = 1, queue = "adam-alerts") {
  return deliver(queue, [body], attempts);
}

const sendAlert = (alertId: string) => testEnv.ALERTS.send(alertMessage(alertId), { contentType: "json" });

async function arrived(alertId: string, count: number) {
  return vi.waitFor(
    async () => {
      const entries = await outbox.forAlert(alertId);
      if (entries.filter((e) => e.answered < 300).length < count)
        throw new Error(`${entries.length} of ${count} arrived`);
      return entries;
    },
    { timeout: 15_000, interval: 100 },
  );
}

// Every test waits for the real queue and the sink.
vi.setConfig({ testTimeout: 30_000 });

beforeEach(async () => {
  await resetWorld();
  await freshAlertIds();
  await outbox.clear();
});

describe("an alert on its way to the creator", () => {
  it("reaches their email, their phone's push subscription and their webhook, once each, in their words", async () => {
    const c = await creator();
    const alertId = await storeAlert(c.accountId);
    await sendAlert(alertId);
    const entries = await arrived(alertId, 3);
    expect(entries.map((e) => e.channel).toSorted()).toEqual(["email", "push", "webhook"]);

    const email = entries.find((e) => e.channel === "email")!;
    expect(email).toMatchObject({ recipient: c.email, subject: "Views spiking: 3.1× the expected pace" });
    expect(email.body).toContain("Open it in Adam: http://dashboard.test/app/#/video/7301234567890123456");
    const headers = (email.details as { headers: Record<string, string> }).headers;
    expect(headers["List-Unsubscribe"]).toMatch(
      /^<http:\/\/adam\.test\/alerts\/unsubscribe\?token=\d+\.email\.[\w-]{43}>$/,
    );
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    // the sink opened the push message with the subscription's private key, after checking VAPID
    const push = entries.find((e) => e.channel === "push")!;
    expect(push).toMatchObject({ title: "Views spiking: 3.1× the expected pace", answered: 201 });
    expect(push.details).toMatchObject({ ttl: "21600", urgency: "high" });

    const hook = entries.find((e) => e.channel === "webhook")!;
    const details = hook.details as { signature: string; raw: string; event: string };
    expect(details.event).toBe("alert.spike");
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(details.signature)!;
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(c.webhook.signing_secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${t}.${details.raw}`)));
    expect(v1).toBe(Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join(""));

    await vi.waitFor(async () =>
      expect((await deliveriesOf(alertId)).map((d) => d.status)).toEqual(["sent", "sent", "sent"]),
    );
  });

  it("sends nothing twice when the queue redelivers a delivery, or the fan-out, after it went out", async () => {
    const c = await creator({ push: false });
    const alertId = await storeAlert(c.accountId);
    await sendAlert(alertId);
    await arrived(alertId, 2);
    await vi.waitFor(async () => expect((await deliveriesOf(alertId)).every((d) => d.status === "sent")).toBe(true));
    const delivered = await deliveriesOf(alertId);

    // the same messages again, as an at-least-once queue may deliver them
    for (const d of delivered) expect((await consume(deliverMessage(d.id), 2)).explicitAcks).toHaveLength(1);
    expect((await consume(alertMessage(alertId), 2)).explicitAcks).toHaveLength(1);
    await new Promise((done) => setTimeout(done, 500));
    expect(await outbox.forAlert(alertId)).toHaveLength(2);
    expect(await deliveriesOf(alertId)).toEqual(delivered);
  });

  it("disables a push subscription whose service answers 410 Gone, and never tries it again", async () => {
    const c = await creator();
    await outbox.revoke(c.subscription!.id);
    const alertId = await storeAlert(c.accountId);
    await sendAlert(alertId);
    await arrived(alertId, 2); // email and webhook
    const push = await vi.waitFor(async () => {
      const d = (await deliveriesOf(alertId)).find((x) => x.channel === "push")!;
      expect(d.status).toBe("disabled");
      return d;
    });
    expect(push.attempts).toBe(1);
    const [sub] = (await sql`SELECT disabled_at, disabled_reason FROM identity.push_subscriptions
      WHERE endpoint = ${c.subscription!.endpoint}`) as { disabled_at: string | null; disabled_reason: string }[];
    expect(sub!.disabled_at).not.toBeNull();
    expect(sub!.disabled_reason).toBe("push service answered 410");

    // the next alert does not even try it; Settings says why it stopped
    const next = await storeAlert(c.accountId);
    await sendAlert(next);
    await arrived(next, 2);
    await vi.waitFor(async () =>
      expect((await deliveriesOf(next)).map((d) => d.channel)).toEqual(["email", "webhook"]),
    );
    const settings = (await (await api("/api/v1/alerts/settings", c.token)).json()) as {
      push_subscriptions: { disabled_reason: string | null }[];
    };
    expect(settings.push_subscriptions[0]!.disabled_reason).toBe("push service answered 410");
  });

  it("disables a webhook whose URL answers 404 (deleted on the other side)", async () => {
    const c = await creator({ push: false, webhookPath: "/webhooks/status-404/deleted" });
    const alertId = await storeAlert(c.accountId);
    await sendAlert(alertId);
    await vi.waitFor(async () =>
      expect((await deliveriesOf(alertId)).map((d) => [d.channel, d.status])).toEqual([
        ["email", "sent"],
        ["webhook", "disabled"],
      ]),
    );
    const [hook] = (await sql`SELECT disabled_reason FROM identity.alert_webhooks WHERE id = ${c.webhook.id}`) as {
      disabled_reason: string;
    }[];
    expect(hook!.disabled_reason).toBe("the URL answered 404");
  });

  it("retries a webhook that answers 503 until it takes the alert, with the same delivery id each time", async () => {
    const c = await creator({ push: false, webhookPath: "/webhooks/flaky-2/slow-receiver" });
    const alertId = await storeAlert(c.accountId);
    await sendAlert(alertId);
    await arrived(alertId, 2);
    const tries = (await outbox.forAlert(alertId)).filter((e) => e.channel === "webhook");
    expect(tries.map((e) => e.answered)).toEqual([200, 503, 503]);
    expect(new Set(tries.map((e) => (e.details as { delivery: string }).delivery)).size).toBe(1);
    await vi.waitFor(async () => {
      const hook = (await deliveriesOf(alertId)).find((d) => d.channel === "webhook")!;
      expect([hook.status, hook.attempts]).toEqual(["sent", 3]);
    });
  });

  it("gives up after the last retry: the delivery is dead, and /healthz counts it", async () => {
    const c = await creator({ push: false, webhookPath: "/webhooks/status-503/always-down" });
    const alertId = await storeAlert(c.accountId);
    await sendAlert(alertId);
    await vi.waitFor(
      async () => expect((await deliveriesOf(alertId)).find((d) => d.channel === "webhook")?.status).toBe("dead"),
      { timeout: 20_000, interval: 200 },
    );
    const health = await exports.default.fetch("http://adam.test/healthz", {
      headers: { authorization: `Bearer ${testEnv.OPERATOR_TOKEN}` },
    });
    const body = (await health.json()) as {
      alerts: { dead_24h: number; failed_attempts_24h: number; sent_24h: number };
    };
    expect(body.alerts.dead_24h).toBe(1);
    expect(body.alerts.failed_attempts_24h).toBe(9); // the first try and 8 retries
    expect(body.alerts.sent_24h).toBe(1); // the email
  });
});

describe("quiet hours", () => {
  const window = () => {
    const now = new Date();
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
    const hhmm = (m: number) =>
      `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, "0")}:${String((m + 1440) % 60).padStart(2, "0")}`;
    return { start: hhmm(minute - 60), end: hhmm(minute + 60) };
  };

  it("hold an alert raised in them, and release it when they end", async () => {
    const c = await creator({ push: false, prefs: { quiet_hours: window() } });
    const alertId = await storeAlert(c.accountId);
    await sendAlert(alertId);
    const held = await vi.waitFor(async () => {
      const d = await deliveriesOf(alertId);
      expect(d.map((x) => x.status)).toEqual(["held", "held"]);
      return d;
    });
    const releaseAt = Date.parse(held[0]!.release_at!);
    expect(releaseAt - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(releaseAt - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    // a message arriving early changes nothing (the queue's delayed one would come at the end)
    for (const d of held) await consume(deliverMessage(d.id));
    expect(await outbox.forAlert(alertId)).toEqual([]);

    // an hour later (the clock moved by moving the release), the planner's sweep sends them
    await sql`UPDATE tiktok_alert_deliveries SET release_at = now() - interval '1 second' WHERE alert_id = ${alertId}`;
    await runCron(CRONS.plan, Date.now());
    await arrived(alertId, 2);
  });

  it("keep alerts for the digest instead when the creator asked for that, and the digest tells them once", async () => {
    const c = await creator({
      push: false,
      prefs: { quiet_hours: window(), held: "digest", digest: { enabled: true, hour: 8 } },
    });
    const alertId = await storeAlert(c.accountId, { title: "Held for the digest" });
    await sendAlert(alertId);
    await vi.waitFor(async () =>
      expect((await deliveriesOf(alertId)).map((d) => d.status)).toEqual(["digested", "digested"]),
    );
    expect(await outbox.forAlert(alertId)).toEqual([]);

    // the hourly cron's digest message for this user and day (twice: redelivered)
    const day = new Date().toISOString().slice(0, 10);
    await consume(digestMessage(c.userId, day));
    await consume(digestMessage(c.userId, day), 2);
    const digests = (await outbox.entries()).filter((e) => e.subject?.startsWith("Your Adam digest"));
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ recipient: c.email, subject: `Your Adam digest for ${day}: 1 alert` });
    expect(digests[0]!.body).toContain("Held for the digest");
    const headers = (digests[0]!.details as { headers: Record<string, string> }).headers;
    expect(headers["List-Unsubscribe"]).toMatch(/\.digest\./);
  });
});

describe("what stays in the app only", () => {
  it("an alert past the daily cap", async () => {
    const c = await creator({ push: false, prefs: { daily_cap: 1 } });
    const first = await storeAlert(c.accountId);
    await sendAlert(first);
    await arrived(first, 2);
    const second = await storeAlert(c.accountId, { title: "Second" });
    await sendAlert(second);
    await vi.waitFor(async () =>
      expect((await deliveriesOf(second)).map((d) => d.status)).toEqual(["capped", "capped"]),
    );
    expect(await outbox.forAlert(second)).toEqual([]);
  });

  it("an alert about the past (a backfill's), a kind the creator turned off, or an account nobody holds", async () => {
    const c = await creator({ push: false, prefs: { kinds: ["drop"] } });
    const old = await storeAlert(c.accountId, { kind: "drop", observedAt: new Date(Date.now() - 7 * 3600_000) });
    const unwanted = await storeAlert(c.accountId, { kind: "spike" });
    const orphan = await storeAlert(await seedAccount(`nobody-${Date.now()}`), { kind: "drop" });
    for (const id of [old, unwanted, orphan]) expect((await consume(alertMessage(id))).explicitAcks).toHaveLength(1);
    for (const id of [old, unwanted, orphan]) expect(await deliveriesOf(id)).toEqual([]);
    const dispatched = (await sql`SELECT count(*)::int AS n FROM tiktok_alerts WHERE dispatched_at IS NOT NULL`) as {
      n: number;
    }[];
    expect(dispatched[0]!.n).toBe(3);
  });
});

describe("the outbox", () => {
  it("is swept by the planner: an alert whose job died before queueing it still goes out", async () => {
    const c = await creator({ push: false });
    const alertId = await storeAlert(c.accountId); // stored, never queued
    await runCron(CRONS.plan, Date.now());
    expect((await arrived(alertId, 2)).map((e) => e.channel).toSorted()).toEqual(["email", "webhook"]);
  });
});
