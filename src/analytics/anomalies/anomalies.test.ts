import { describe, expect, it } from "vitest";
import { typicalShape } from "../shape";
import { DAY_MS, HOUR_MS } from "../time";
import type { FollowerSnapshot, VideoSnapshot } from "../types";
import { applyCooldown, attributeFollowerSpike, COOLDOWN_MS, detectFollowerAnomaly, scoreWindow } from "./index";
import type { AnomalyCandidate } from "./index";

const shape = typicalShape({ halfLifeHours: 12, shape: 1.3, videos: 0 });
const flat = () => 1;
const created = Date.UTC(2025, 0, 10);

/** Snapshots every 30 min of a video following the typical shape exactly (total views `total`), up to `hours`. */
function onTrend(total: number, hours: number, extra: (ageHours: number) => number = () => 0): VideoSnapshot[] {
  const out: VideoSnapshot[] = [];
  for (let a = 0.5; a <= hours + 1e-9; a += 0.5) {
    const views = Math.round(total * shape(a) + extra(a));
    out.push({ t: created + a * HOUR_MS, views, likes: 0, comments: 0, shares: 0 });
  }
  return out;
}

describe("scoreWindow", () => {
  it("computes the robust z on log counts, with the σ floor when MAD is zero", () => {
    const s = scoreWindow(
      200,
      50,
      Array.from({ length: 10 }, () => 0),
    );
    expect(s.sigma).toBe(0.25);
    expect(s.z).toBeCloseTo(Math.log(201 / 51) / 0.25, 2);
    expect(s.kind).toBe("spike");
  });

  it("does not call small numbers a spike, however large the ratio", () => {
    expect(scoreWindow(3, 0, [0, 0, 0]).kind).toBeNull();
    expect(scoreWindow(9, 1, [0, 0, 0]).kind).toBeNull(); // 9× but only 8 views over
    expect(scoreWindow(0, 5, [0, 0, 0]).kind).toBeNull(); // a "drop" from 5 to 0 says nothing
  });

  it("calls a drop when many expected views do not come", () => {
    expect(scoreWindow(10, 200, [0.05, -0.05, 0.1, -0.1]).kind).toBe("drop");
  });

  it("discounts the series' own bias (median residual) and scatter (MAD)", () => {
    // Windows ran 2× over the trend with ±50% scatter: 200 against 50 is ordinary for this series.
    expect(
      scoreWindow(200, 50, [Math.log(2) + 0.4, Math.log(2) - 0.4, Math.log(2), Math.log(2) + 0.5, Math.log(2) - 0.5])
        .kind,
    ).toBeNull();
  });
});

function steadyFollowers(
  perHour: number,
  days: number,
  burst?: { lastHours: number; perHour: number },
): FollowerSnapshot[] {
  const out: FollowerSnapshot[] = [];
  let count = 10_000;
  const end = created + days * DAY_MS;
  for (let t = created; t <= end; t += HOUR_MS / 2) {
    out.push({ t, count: Math.round(count) });
    count += (burst && t >= end - burst.lastHours * HOUR_MS ? burst.perHour : perHour) / 2;
  }
  return out;
}

describe("follower anomalies", () => {
  it("finds a burst of follows against the week's pace", () => {
    const c = detectFollowerAnomaly(steadyFollowers(20, 8, { lastHours: 2, perHour: 200 }));
    expect(c).toMatchObject({ videoId: null, metric: "followers", kind: "spike" });
    expect(c!.expected).toBeCloseTo(40, 0);
  });

  it("finds nothing on steady growth, nor on a purge (a fall is data quality, not a drop)", () => {
    expect(detectFollowerAnomaly(steadyFollowers(20, 8))).toBeUndefined();
    const purged = steadyFollowers(20, 8);
    for (let i = purged.length - 3; i < purged.length; i++) (purged[i] as FollowerSnapshot).count -= 300;
    expect(detectFollowerAnomaly(purged)).toBeUndefined();
  });

  it("a count held for two polls and then caught up is not a spike", () => {
    const held = steadyFollowers(200, 8);
    const n = held.length;
    (held[n - 2] as FollowerSnapshot).count = (held[n - 4] as FollowerSnapshot).count;
    (held[n - 3] as FollowerSnapshot).count = (held[n - 4] as FollowerSnapshot).count;
    expect(detectFollowerAnomaly(held)).toBeUndefined();
  });

  it("a burst under half a percent of the followers is not worth an alert", () => {
    // 20/h → 45/h for two hours: +50 followers on about 14,000.
    expect(detectFollowerAnomaly(steadyFollowers(20, 8, { lastHours: 2, perHour: 45 }))).toBeUndefined();
  });

  it("waits for a day of history", () => {
    expect(detectFollowerAnomaly(steadyFollowers(20, 0.5, { lastHours: 2, perHour: 500 }))).toBeUndefined();
    expect(detectFollowerAnomaly([])).toBeUndefined();
  });
});

describe("follower spike attribution", () => {
  it("credits the video with the most views above its own trend, an old one resurfacing included", () => {
    const now = created + 30 * DAY_MS;
    const oldCreated = now - 20 * DAY_MS;
    const old: VideoSnapshot[] = [];
    for (let t = now - 2 * DAY_MS; t <= now; t += HOUR_MS / 2) {
      const burst = t > now - 3 * HOUR_MS ? ((t - (now - 3 * HOUR_MS)) / HOUR_MS) * 4000 : 0;
      old.push({
        t,
        views: Math.round(50_000 + (t - (now - 2 * DAY_MS)) / HOUR_MS + burst),
        likes: 0,
        comments: 0,
        shares: 0,
      });
    }
    const young = onTrend(20_000, 40).map((s) => ({ ...s, t: s.t - created + now - 40 * HOUR_MS }));
    const credited = attributeFollowerSpike(
      now - 2 * HOUR_MS,
      now,
      [
        { id: "old", createdAtMs: oldCreated, snapshots: old },
        { id: "young", createdAtMs: now - 40 * HOUR_MS, snapshots: young },
      ],
      shape,
      flat,
      100,
      50,
    );
    expect(credited[0]).toMatchObject({ videoId: "old", resurfacing: true });
    expect(credited[0]!.share).toBeGreaterThan(0.9);
    expect(credited.some((c) => c.videoId === "young")).toBe(false);
  });

  it("credits nobody when no video brought enough extra views for the followers gained", () => {
    const now = created + 30 * DAY_MS;
    const young = onTrend(20_000, 40, (a) => (a > 38 ? (a - 38) * 400 : 0)).map((s) => ({
      ...s,
      t: s.t - created + now - 40 * HOUR_MS,
    }));
    const videos = [{ id: "young", createdAtMs: now - 40 * HOUR_MS, snapshots: young }];
    expect(attributeFollowerSpike(now - 2 * HOUR_MS, now, videos, shape, flat, 100, 50)[0]?.videoId).toBe("young");
    expect(attributeFollowerSpike(now - 2 * HOUR_MS, now, videos, shape, flat, 100, 5_000)).toEqual([]);
  });

  it("credits nobody when no video rose", () => {
    expect(attributeFollowerSpike(created, created + HOUR_MS, [], shape, flat, 1, 10)).toEqual([]);
  });
});

describe("cooldown", () => {
  const candidate = (kind: "spike" | "drop", windowStart: number, videoId: string | null = "v"): AnomalyCandidate => ({
    videoId,
    metric: videoId ? "views" : "followers",
    kind,
    severity: "low",
    score: 5,
    confidence: 0.9,
    windowStart,
    windowEnd: windowStart + HOUR_MS,
    observed: 100,
    expected: 10,
    details: {},
  });

  it("keeps one key while an event continues, and a new one after a quiet cooldown", () => {
    const t0 = created;
    const first = applyCooldown([candidate("spike", t0)], [], [], t0 + HOUR_MS);
    const again = applyCooldown([candidate("spike", t0 + 30 * 60_000)], first.open, [], t0 + 1.5 * HOUR_MS);
    expect(again.anomalies[0]!.eventKey).toBe(first.anomalies[0]!.eventKey);
    expect(again.anomalies[0]!.windowStart).toBe(t0);
    const later = applyCooldown(
      [candidate("spike", t0 + 1.5 * HOUR_MS + COOLDOWN_MS + HOUR_MS)],
      again.open,
      [],
      t0 + 20 * HOUR_MS,
    );
    expect(later.anomalies[0]!.eventKey).not.toBe(first.anomalies[0]!.eventKey);
  });

  it("gives a redelivered run the same key, and recovers open events from the database's recent anomalies", () => {
    const a = applyCooldown([candidate("spike", created)], [], [], created + HOUR_MS);
    const b = applyCooldown([candidate("spike", created)], [], [], created + HOUR_MS);
    expect(b).toEqual(a);
    const stored = a.anomalies.map(({ eventKey, videoId, metric, kind, windowStart, windowEnd }) => ({
      eventKey,
      videoId,
      metric,
      kind,
      windowStart,
      windowEnd,
    }));
    const lostSummary = applyCooldown([candidate("spike", created + 3 * HOUR_MS)], [], stored, created + 4 * HOUR_MS);
    expect(lostSummary.anomalies[0]!.eventKey).toBe(a.anomalies[0]!.eventKey);
  });

  it("does not report the end of a spike as a drop", () => {
    const spike = applyCooldown([candidate("spike", created)], [], [], created + HOUR_MS);
    expect(
      applyCooldown([candidate("drop", created + 20 * HOUR_MS)], spike.open, [], created + 21 * HOUR_MS).anomalies,
    ).toEqual([]);
    expect(
      applyCooldown([candidate("drop", created + 60 * HOUR_MS)], spike.open, [], created + 61 * HOUR_MS).anomalies,
    ).toHaveLength(1);
    // Spikes and drops of other videos are independent.
    expect(
      applyCooldown([candidate("drop", created + 20 * HOUR_MS, "w")], spike.open, [], created + 21 * HOUR_MS).anomalies,
    ).toHaveLength(1);
  });
});
