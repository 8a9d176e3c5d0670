import { describe, expect, it } from "vitest";
import { BACKTEST_EPOCH_MS, sampleCreator } from "../../tiktok-sim/model/sample.ts";
import { createWorld } from "../../tiktok-sim/model/world.ts";
import { replay } from "./replay.ts";
import { analyzeAccount } from "../../../src/analytics/index.ts";

const DAY = 86_400_000;

/** Paths of every non-finite number (or non-JSON value) anywhere in a value. */
function badNumbers(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (value === undefined || typeof value === "function" || typeof value === "bigint") return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => badNumbers(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => badNumbers(v, `${path}.${k}`));
  return [];
}

describe("analyzeAccount over model creators (property)", () => {
  it("never returns NaN, Infinity or non-JSON values, run after run, and is deterministic", () => {
    const world = createWorld({ seed: 99, epochMs: BACKTEST_EPOCH_MS });
    let runs = 0;
    const bad: string[] = [];
    const roundTrips: [unknown, unknown][] = [];
    const replays: [string, string][] = [];
    for (let index = 0; index < 8; index++) {
      const creator = sampleCreator(world, index, { fromMs: BACKTEST_EPOCH_MS, toMs: BACKTEST_EPOCH_MS + 4 * DAY });
      replay(creator, index + 1, ({ input, output }) => {
        runs++;
        bad.push(...badNumbers(output).slice(0, 3));
        // a sample of runs: JSON-safe as stored, and the same input gives the same output
        if (runs % 97 === 0) roundTrips.push([JSON.parse(JSON.stringify(output)), output]);
        if (runs % 131 === 0) replays.push([JSON.stringify(replayOnce(input)), JSON.stringify(output)]);
      });
    }
    expect(bad).toEqual([]);
    for (const [stored, original] of roundTrips) expect(stored).toEqual(original);
    for (const [again, first] of replays) expect(again).toBe(first);
    expect(roundTrips.length).toBeGreaterThan(5);

    expect(runs).toBeGreaterThan(1000);
  }, 60_000); // over a thousand analyses: seconds, more on a busy machine
});

function replayOnce(input: Parameters<typeof analyzeAccount>[0]) {
  return analyzeAccount(structuredClone(input));
}
