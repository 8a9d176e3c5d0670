import { describe, expect, it } from "vitest";
import type { BacktestCreator } from "../../../tiktok-sim/model/sample.ts";
import { scoreWorld } from "../score/index.ts";
import { replayCreator } from "../worker.ts";
import { worldJson } from "./json.ts";
import type { WorldJson } from "./json.ts";
import { humanReport, tagsOf } from "./human.ts";
import { worstJson, worstOf } from "./worst.ts";

const HOUR = 3_600_000;
const START = Date.UTC(2025, 0, 1);

/**
 * A tiny hand-made creator (not real data): six videos twelve hours apart, snapshotted hourly for
 * three days along a saturating curve; half the 24 h truths unknown, spike truth known on every
 * other video, no follower series.
 */
function handMade(name: string, scale: number): BacktestCreator {
  const videos = Array.from({ length: 6 }, (_, i) => {
    const createdAt = START + i * 12 * HOUR;
    const views = (ageH: number) => Math.round(scale * (1 + i / 3) * (1 - Math.exp(-ageH / 8)));
    return {
      id: `${name}-${i}`,
      createdAt,
      snapshots: Array.from({ length: 72 }, (_, h) => ({
        t: createdAt + (h + 0.5) * HOUR,
        views: views(h + 0.5),
        likes: 0,
        comments: 0,
        shares: 0,
      })),
      truth: {
        views24h: i % 2 === 0 ? views(24) : null,
        views7d: null,
        ...(i % 2 === 0 ? { spikes: [] } : {}),
      },
    };
  });
  return { creator: name, videos, followers: [] };
}

const handMadeWorld = (scale: number) =>
  scoreWorld([handMade("a", scale), handMade("b", scale / 2)].map(replayCreator));

const ALERT_KEYS = ["alerts", "alertsPerCreatorWeek", "precision", "recall", "unknownAlerts"];

describe("--json", () => {
  const json = worldJson(handMadeWorld(4000));

  it("has the brief's keys, and only the documented extras", () => {
    expect(Object.keys(json).sort()).toEqual(
      [
        "alertsByConfidence",
        "analyzeMs",
        "creatorDays",
        "creators",
        "drops",
        "followerJumps",
        "forecasts",
        "spikes",
      ].sort(),
    );
    for (const f of json.forecasts)
      expect(Object.keys(f).sort()).toEqual(["adam", "bestBaseline", "coverage", "from", "n", "target", "unknown"]);
    expect(Object.keys(json.spikes).sort()).toEqual(ALERT_KEYS);
    expect(Object.keys(json.drops).sort()).toEqual(ALERT_KEYS);
    expect(Object.keys(json.followerJumps).sort()).toEqual([
      "alerts",
      "attribution",
      "precision",
      "recall",
      "unknownCreators",
    ]);
    expect(json.forecasts.map((f) => `${f.target} ${f.from}`)).toEqual([
      "24h 1h",
      "24h 3h",
      "24h 6h",
      "24h 12h",
      "24h all",
      "7d 6h",
      "7d 24h",
      "7d 72h",
      "7d all",
    ]);
  });

  it("is null where the data has no truth, and a number (not null) for counts", () => {
    const day7 = json.forecasts.find((f) => f.target === "7d" && f.from === "all");
    expect(day7?.n).toBe(0);
    expect([day7?.adam, day7?.bestBaseline, day7?.coverage]).toEqual([null, null, null]);
    expect(day7?.unknown).toBeGreaterThan(0);
    const day1 = json.forecasts.find((f) => f.target === "24h" && f.from === "all");
    expect(day1?.n).toBeGreaterThan(0);
    expect(day1?.unknown).toBeGreaterThan(0);
    expect(json.followerJumps).toMatchObject({ recall: null, attribution: null });
    expect(json.creatorDays).toBeGreaterThan(0);
    expect(typeof json.spikes.alerts).toBe("number");
  });

  it("survives JSON unchanged (no NaN, Infinity or undefined)", () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe("the worst world", () => {
  it("ignores worlds without a value, and is null when none has one", () => {
    expect(
      worstOf(
        [
          { world: "a", value: null },
          { world: "b", value: 0.9 },
          { world: "c", value: 0.7 },
        ],
        "lower",
      ),
    ).toEqual({
      world: "c",
      value: 0.7,
    });
    expect(worstOf([{ world: "a", value: null }], "lower")).toBeNull();
  });

  it("for coverage is the one farthest from 80%, on either side", () => {
    const w = worstOf(
      [
        { world: "over", value: 0.9 },
        { world: "under", value: 0.65 },
        { world: "right", value: 0.8 },
      ],
      "far-from-80%",
    );
    expect(w?.world).toBe("under");
  });

  it("takes each figure from its own worst world: lowest recall, highest error ratio with that world's n", () => {
    const base = worldJson(handMadeWorld(4000));
    const a: WorldJson = {
      ...base,
      spikes: { ...base.spikes, recall: 0.9, precision: 0.5 },
      forecasts: base.forecasts.map((f) => ({ ...f, n: 10, adam: 0.2, bestBaseline: 0.4, coverage: 0.82 })),
    };
    const b: WorldJson = {
      ...base,
      spikes: { ...base.spikes, recall: 0.6, precision: null },
      forecasts: base.forecasts.map((f) => ({ ...f, n: 3, adam: 0.3, bestBaseline: 0.3, coverage: 0.5 })),
    };
    const worst = worstJson([
      ["a", a],
      ["b", b],
    ]);
    expect(worst.spikes.recall).toBe(0.6);
    expect(worst.spikes.precision).toBe(0.5);
    expect(worst.forecasts[0]).toMatchObject({ n: 3, adam: 0.3, bestBaseline: 0.3, coverage: 0.5 });
    expect(worst.which["spikes.recall"]).toBe("b");
    expect(worst.which["spikes.precision"]).toBe("a");
    // the same keys as a world's object, plus `which`
    expect(Object.keys(worst).sort()).toEqual([...Object.keys(a), "which"].sort());
  });
});

describe("the human report", () => {
  it("fits in 120 columns with five worlds and a worst column", () => {
    const score = handMadeWorld(4000);
    const names = ["adam-model", "point-process", "cohort-waves", "reddit-rall", "youtube-trending"];
    const text = humanReport(
      names.map((name) => ({ name, part: "test", description: "hand-made ".repeat(20), score })),
    );
    expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(text).toMatch(/ worst\n/);
  });

  it("abbreviates world names, when it must, to their first word and any seed", () => {
    expect(tagsOf(["adam-model@1", "adam-model@2", "youtube-trending", "cohort-waves"])).toEqual([
      "adam@1",
      "adam@2",
      "youtube",
      "cohort",
    ]);
  });
});
