import { beforeEach, describe, expect, it } from "vitest";
import { alertDrafts } from "../src/alerts/drafts";
import type { Anomaly, Insight } from "../src/analytics";
import { createTiktokDb } from "../src/db/client";
import { writeJobResult } from "../src/db/queries/ingest";
import { sql } from "./helpers/db";
import { seedAccount } from "./helpers/fixtures";
import { jobResult } from "./helpers/job-result";
import { freshAlertIds } from "./helpers/outbox";
import { config } from "./helpers/tokens";
import { resetWorld } from "./helpers/world";

/**
 * The outbox: alerts are stored by the snapshot job's one write, with the anomaly that raised
 * them, once per event however often the event is re-emitted, and only above the threshold.
 */
const NOW = Date.parse("2026-12-01T12:00:00Z");

function anomaly(eventKey: string, confidence: number, fields: Partial<Anomaly> = {}): Anomaly {
  return {
    eventKey,
    videoId: "7301234567890123456",
    metric: "views",
    kind: "spike",
    severity: "high",
    score: 6.2,
    confidence,
    windowStart: NOW - 4 * 3600_000,
    windowEnd: NOW,
    observed: 9000,
    expected: 1200,
    details: { ratio: 7.5 },
    ...fields,
  };
}

const card = (eventKey: string): Insight => ({
  factKey: `anomaly:${eventKey}`,
  videoId: "7301234567890123456",
  kind: "views_spike",
  severity: "high",
  title: "Views spiking: 7.5× the expected pace",
  body: "+9,000 views in the last 4 h against ~1,200 expected from this video's own trend.",
  evidence: {},
  rank: 450,
  expiresAt: NOW + 86_400_000,
});

const job = (accountId: string, slot: number, anomalies: Anomaly[], insights: Insight[]) =>
  jobResult(accountId, slot, {
    anomalies,
    insights,
    alerts: alertDrafts(anomalies, insights, config.alerts.minConfidence),
  });

beforeEach(async () => {
  await resetWorld();
  await freshAlertIds();
});

describe("the snapshot job's write", () => {
  it("stores an alert with the anomaly above the threshold, in the card's words, and its confidence", async () => {
    const db = createTiktokDb(config);
    const accountId = await seedAccount("open-outbox");
    const written = await writeJobResult(
      db,
      job(accountId, NOW, [anomaly("e1", 0.86), anomaly("e2", 0.4)], [card("e1")]),
    );
    expect(written.newAlertIds).toHaveLength(1);
    const alerts = await sql`SELECT id::text, kind, title, confidence, alert_key, observed_at FROM tiktok_alerts`;
    expect(alerts).toEqual([
      {
        id: written.newAlertIds[0],
        kind: "spike",
        title: "Views spiking: 7.5× the expected pace",
        confidence: 0.86,
        alert_key: "anomaly:e1",
        observed_at: expect.stringMatching(/^2026-12-01 12:01:00/),
      },
    ]);
    const stored = await sql`SELECT event_key, confidence FROM tiktok_anomalies ORDER BY event_key`;
    expect(stored).toEqual([
      { event_key: "e1", confidence: 0.86 },
      { event_key: "e2", confidence: 0.4 },
    ]);
  });

  it("announces an event once while it continues, and once it first reaches the threshold", async () => {
    const db = createTiktokDb(config);
    const accountId = await seedAccount("open-continuing");
    const slot = (n: number) => NOW + n * 1_800_000;
    const first = await writeJobResult(db, job(accountId, slot(0), [anomaly("e1", 0.55)], []));
    const second = await writeJobResult(db, job(accountId, slot(1), [anomaly("e1", 0.81)], []));
    const third = await writeJobResult(db, job(accountId, slot(2), [anomaly("e1", 0.95)], []));
    expect([first.newAlertIds.length, second.newAlertIds.length, third.newAlertIds.length]).toEqual([0, 1, 0]);
    expect(await sql`SELECT confidence FROM tiktok_anomalies`).toEqual([{ confidence: 0.95 }]);
    expect(await sql`SELECT confidence FROM tiktok_alerts`).toEqual([{ confidence: 0.81 }]);
  });
});

describe("goals reached", () => {
  it("announces a follower goal once, the first snapshot at or past its target before the deadline", async () => {
    const db = createTiktokDb(config);
    const accountId = await seedAccount("open-goals");
    const goal = async (target: number, deadline: string) =>
      (
        (await sql`INSERT INTO tiktok_goals (account_id, kind, target, baseline, start_at, deadline)
          VALUES (${accountId}, 'followers', ${target}, 900, '2026-11-01', ${deadline}) RETURNING id::text AS id`) as {
          id: string;
        }[]
      )[0]!.id;
    const reached = await goal(1000, "2026-12-11T00:00:00Z");
    await goal(5000, "2026-12-31T00:00:00Z"); // not yet
    await goal(1100, "2026-11-30T00:00:00Z"); // reached too late: its deadline passed
    const first = await writeJobResult(db, job(accountId, NOW, [], []));
    const again = await writeJobResult(db, job(accountId, NOW + 1_800_000, [], []));
    expect([first.newAlertIds.length, again.newAlertIds.length]).toEqual([1, 0]);
    expect(await sql`SELECT alert_key, kind, video_id, title, body, confidence FROM tiktok_alerts`).toEqual([
      {
        alert_key: `goal:${reached}`,
        kind: "goal_reached",
        video_id: null,
        title: "Goal reached: 1,000 followers",
        body: "You now have 1,200 followers, 10 days before your deadline.",
        confidence: 1,
      },
    ]);
  });
});

describe("which findings become alerts", () => {
  it("maps follower spikes to follower jumps, drops to drops, and fast-start cards to fast starts", () => {
    const drafts = alertDrafts(
      [
        anomaly("f1", 0.9, { metric: "followers", videoId: null }),
        anomaly("d1", 0.9, { kind: "drop" }),
        anomaly("f2", 0.9, { metric: "followers", kind: "drop", videoId: null }),
      ],
      [
        {
          ...card("x"),
          factKey: "pace:7301234567890123456",
          kind: "fast_start",
          severity: "medium",
          title: "Fast start",
        },
      ],
      0.7,
    );
    expect(drafts.map((d) => [d.key, d.kind, d.confidence])).toEqual([
      ["anomaly:f1", "follower_jump", 0.9],
      ["anomaly:d1", "drop", 0.9],
      ["anomaly:f2", "drop", 0.9],
      ["fast_start:7301234567890123456", "fast_start", 0.8],
    ]);
  });

  it("leaves a low-severity fast start out under a 0.7 threshold", () => {
    const low = { ...card("x"), factKey: "pace:1", videoId: "1", kind: "fast_start", severity: "low" as const };
    expect(alertDrafts([], [low], 0.7)).toEqual([]);
    expect(alertDrafts([], [low], 0.5)).toHaveLength(1);
  });
});
