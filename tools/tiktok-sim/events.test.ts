import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "./server.ts";
import { connect, control, START_MS, startTestSimulator } from "./testing.ts";

/** `POST /__sim/events`: a video's pace changes on demand, so a spike can be watched end to end. */
let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ seed: 7 });
});
afterAll(() => sim.close());

const HOUR = 3_600_000;
type Made = { id: number; open_id: string; video_id: string; start: string; visible_after: string };

describe("simulator events", () => {
  it("spike the most viewed 1–6-day-old video of the creator who connected last, by the factor given", async () => {
    sim.reset();
    await connect(sim, 3);
    const openId = sim.world.creator(3).openId;
    const made = await control<Made>(sim, "POST", "events", { kind: "spike", factor: 8 });
    expect(made.status).toBe(200);
    expect(made.body.open_id).toBe(openId);
    const video = sim.world.video(3, made.body.video_id, START_MS);
    expect(START_MS - (video?.createTimeSec ?? 0) * 1000).toBeGreaterThanOrEqual(24 * HOUR);
    expect(Date.parse(made.body.visible_after) - Date.parse(made.body.start)).toBe(4 * HOUR);

    // Over the next 4 hours the video gains about 8× its pace: at least 7× its lifetime average
    // (the base world is the same video without the event).
    const before = sim.world.video(3, made.body.video_id, START_MS)!;
    const ageHours = (START_MS - before.createTimeSec * 1000) / HOUR;
    sim.clock.advance(4 * HOUR);
    const after = sim.world.video(3, made.body.video_id, sim.clock.now())!.viewCount;
    await control(sim, "DELETE", "events");
    const without = sim.world.video(3, made.body.video_id, sim.clock.now())!.viewCount;
    expect(after - without).toBeGreaterThanOrEqual(Math.floor(7 * (before.viewCount / ageHours) * 4));
    expect(after - before.viewCount).toBeGreaterThan(without - before.viewCount);
  });

  it("slow a named video down with a drop, and list what is going on", async () => {
    sim.reset();
    const openId = sim.world.creator(5).openId;
    const video = sim.world.publicVideos(5, START_MS)[0]!;
    const made = await control<Made>(sim, "POST", "events", {
      open_id: openId,
      video_id: video.id,
      kind: "drop",
      factor: 4,
      hours: 6,
    });
    expect(made.status).toBe(200);
    const listed = await control<{ events: { kind: string; video_id?: string; videoId: string }[] }>(
      sim,
      "GET",
      "events",
    );
    expect(listed.body.events).toMatchObject([{ kind: "drop", videoId: video.id }]);
  });

  it("refuses what it cannot do, saying why", async () => {
    sim.reset();
    expect((await control(sim, "POST", "events", { kind: "spike", factor: 8 })).status).toBe(400); // nobody connected
    expect((await control(sim, "POST", "events", { kind: "boom", factor: 8, open_id: "x" })).status).toBe(400);
    expect((await control(sim, "POST", "events", { kind: "spike", factor: 1 })).status).toBe(400);
    const nobody = await control(sim, "POST", "events", { kind: "spike", factor: 5, open_id: "-000nobody" });
    expect(nobody.status).toBe(404);
  });
});
