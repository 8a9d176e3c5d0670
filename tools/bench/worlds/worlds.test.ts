import { describe, expect, it } from "vitest";
import { BACKTEST_EPOCH_MS } from "../../tiktok-sim/model/sample.ts";
import { parseOptions } from "../analytics/options.ts";
import { resolveWorld, WORLDS } from "./index.ts";
import { halfOf, inSplit, seedsFor } from "./split.ts";

const DAY = 86_400_000;

describe("the registry", () => {
  it("has our model and the two recorded series, each name once", () => {
    const names = WORLDS.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["adam-model", "reddit-rall", "youtube-trending"]));
    expect(new Set(names).size).toBe(names.length);
  });

  it("generates adam-model creators per seed, the same creator for the same seed and index", () => {
    const world = resolveWorld({ name: "adam-model" });
    if (world.kind !== "synthetic") throw new Error("adam-model is synthetic");
    const options = { fromMs: BACKTEST_EPOCH_MS, toMs: BACKTEST_EPOCH_MS + 2 * DAY };
    const a = world.generateCreator(1, 0, options);
    expect(world.generateCreator(1, 0, options)).toEqual(a);
    expect(world.generateCreator(2, 0, options).creator).not.toBe(a.creator);
  });

  it("names a --data file's world after the file", () => {
    expect(resolveWorld({ name: "", dataPath: "/tmp/some-creators.json.gz" }).name).toBe("some-creators");
  });
});

describe("development and held-out data", () => {
  it("puts each recorded creator in one half by its name, about half in each", () => {
    const names = Array.from({ length: 1000 }, (_, i) => `creator-${i}`);
    const dev = names.filter((n) => halfOf(n) === "dev").length;
    expect(dev).toBeGreaterThan(450);
    expect(dev).toBeLessThan(550);
    expect(names.map(halfOf)).toEqual(names.map(halfOf));
    expect(names.every((n) => inSplit(n, "all"))).toBe(true);
  });

  it("replays synthetic worlds at seed 1 for development, seed 2 held out, both for all", () => {
    expect([seedsFor("dev"), seedsFor("held-out"), seedsFor("all"), seedsFor("held-out", 7)]).toEqual([
      [1],
      [2],
      [1, 2],
      [7],
    ]);
  });

  it("is held out by default; --seed 1 means development; a seed contradicting --split is refused", () => {
    expect(parseOptions([]).split).toBe("held-out");
    expect(parseOptions(["--seed", "1"]).split).toBe("dev");
    expect(parseOptions(["--seed", "3"]).split).toBe("held-out");
    expect(parseOptions(["--split", "all"]).split).toBe("all");
    expect(() => parseOptions(["--seed", "1", "--split", "held-out"])).toThrow(/development seed/);
  });
});
