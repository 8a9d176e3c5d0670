import { createHmac, timingSafeEqual } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "./server.ts";
import {
  CLIENT_KEY,
  CLIENT_SECRET,
  connect,
  control,
  display,
  refresh,
  startReceiver,
  startTestSimulator,
} from "./testing.ts";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Verifies a TikTok-Signature header the way a receiver must, written independently of webhook.ts. */
function verify(header: string, rawBody: string, secret: string): { ok: boolean; t: number } {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.s ?? "", "hex");
  return { ok: given.length === expected.length && timingSafeEqual(given, expected), t: Number(parts.t) };
}

let sim: Simulator;
let receiver: Receiver;
let answers: number[] = [];
/** The status the receiver saw for the user's access token when the webhook arrived. */
let tokenStatusOnArrival: number | undefined;
let watchedToken: string | undefined;

beforeAll(async () => {
  receiver = await startReceiver(async () => {
    if (watchedToken) {
      tokenStatusOnArrival = (await display(sim, "user/info", { token: watchedToken, fields: "open_id" })).status;
      watchedToken = undefined;
    }
    return answers.shift() ?? 200;
  });
  sim = await startTestSimulator({ webhookUrl: `${receiver.url}/tiktok/webhook` });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe("authorization.removed", () => {
  it("delivers a signed event after revoking the user's tokens", async () => {
    const tokens = await connect(sim, 8);
    watchedToken = tokens.access_token;
    const before = Math.floor(Date.now() / 1000);
    const res = await control(sim, "POST", "webhooks/authorization-removed", { open_id: tokens.open_id, reason: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      url: `${receiver.url}/tiktok/webhook`,
      delivered: true,
      attempts: [{ status: 200 }],
      revoked: 2,
    });
    const delivery = receiver.received.at(-1)!;
    expect(delivery.method).toBe("POST");
    expect(delivery.url).toBe("/tiktok/webhook");
    expect(delivery.headers["content-type"]).toBe("application/json");
    const event = JSON.parse(delivery.body) as Record<string, unknown>;
    expect(event).toEqual({
      client_key: CLIENT_KEY,
      event: "authorization.removed",
      create_time: expect.any(Number),
      user_openid: tokens.open_id,
      content: '{"reason":1}',
    });
    expect(JSON.parse(event.content as string)).toEqual({ reason: 1 });
    const signature = verify(delivery.headers["tiktok-signature"] as string, delivery.body, CLIENT_SECRET);
    expect(signature.ok).toBe(true);
    expect(signature.t).toBe(event.create_time);
    expect(signature.t).toBeGreaterThanOrEqual(before);
    expect(verify(delivery.headers["tiktok-signature"] as string, delivery.body, "another-secret").ok).toBe(false);
    // The token was already revoked when the event arrived.
    expect(tokenStatusOnArrival).toBe(401);
    expect((await refresh(sim, tokens.refresh_token)).body).toMatchObject({ error: "invalid_grant" });
  });

  it("retries a non-200 answer a few times with a short backoff", async () => {
    answers = [500, 204, 200];
    const outcome = await sim.sendAuthorizationRemoved({ openId: sim.world.creator(3).openId, reason: 4 });
    expect(outcome.delivered).toBe(true);
    expect(outcome.attempts).toEqual([{ status: 500 }, { status: 204 }, { status: 200 }]);
    answers = [503, 503, 503, 503];
    const failed = await sim.sendAuthorizationRemoved({ openId: sim.world.creator(3).openId });
    expect(failed.delivered).toBe(false);
    expect(failed.attempts).toHaveLength(4);
  });

  it("reports an unreachable receiver", async () => {
    const gone = await startReceiver();
    await gone.close();
    const outcome = await sim.sendAuthorizationRemoved({ openId: "-000x", url: gone.url });
    expect(outcome.delivered).toBe(false);
    expect(outcome.attempts[0]).toEqual({ status: null, error: expect.any(String) });
  });

  it("signs as of another time, or only signs (dry run) for receivers it cannot reach", async () => {
    const count = receiver.received.length;
    const res = await control(sim, "POST", "webhooks/authorization-removed", {
      open_id: "-000abc",
      reason: 5,
      timestampSec: 1_700_000_000,
      dryRun: true,
    });
    expect(receiver.received).toHaveLength(count);
    const body = res.body as { delivered: boolean; attempts: unknown[]; body: string; headers: Record<string, string> };
    expect(body.delivered).toBe(false);
    expect(body.attempts).toEqual([]);
    expect(JSON.parse(body.body)).toMatchObject({ create_time: 1_700_000_000, content: '{"reason":5}' });
    const check = verify(body.headers["TikTok-Signature"]!, body.body, CLIENT_SECRET);
    expect(check).toEqual({ ok: true, t: 1_700_000_000 });
  });

  it("rejects bad input", async () => {
    for (const [input, error] of [
      [{}, "open_id is required"],
      [{ open_id: "x", reason: 9 }, "reason must be one of 0, 1, 2, 3, 4, 5"],
      [{ open_id: "x", reason: "1" }, "reason must be a number"],
    ] as const) {
      const res = await control(sim, "POST", "webhooks/authorization-removed", input);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error });
    }
    const noUrl = await startTestSimulator();
    try {
      const res = await control(noUrl, "POST", "webhooks/authorization-removed", { open_id: "x" });
      expect(res.body).toEqual({ error: "no webhook URL: start the simulator with webhookUrl or pass url" });
    } finally {
      await noUrl.close();
    }
  });
});
