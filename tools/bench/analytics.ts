/**
 * Backtest of the analytics core: `npm run bench:analytics [-- --creators 200 --seed 1 --days 28]`
 * replays model creators (or `--data FILE` in the same format, see sample.ts) through
 * analyzeAccount every 30 minutes, as ingestion would, and prints Adam's accuracy next to the
 * market baselines'. `--model-cost` also times the model's account() for 100,000 creators.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { BacktestCreator } from "../tiktok-sim/model/sample.ts";
import { BACKTEST_EPOCH_MS, sampleCreator } from "../tiktok-sim/model/sample.ts";
import { createWorld } from "../tiktok-sim/model/world.ts";
import { Collector } from "./analytics/collect.ts";
import { replay, replayBounds } from "./analytics/replay.ts";
import { report } from "./analytics/score.ts";
import type { CreatorResult } from "./analytics/collect.ts";

const DAY = 86_400_000;
const { values } = parseArgs({
  options: {
    creators: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    days: { type: "string", default: "28" },
    data: { type: "string" },
    "model-cost": { type: "boolean", default: false },
  },
});

function run(creators: Iterable<BacktestCreator>): CreatorResult[] {
  const results: CreatorResult[] = [];
  let i = 0;
  for (const creator of creators) {
    const { startMs, endMs } = replayBounds(creator);
    const collector = new Collector(i, creator, startMs, endMs);
    replay(creator, i + 1, (r) => collector.observe(r));
    results.push(collector.finish());
    i++;
    if (i % 20 === 0) console.error(`  ${i} creators replayed`);
  }
  return results;
}

function* modelCreators(seed: number, count: number, days: number): Generator<BacktestCreator> {
  const world = createWorld({ seed, epochMs: BACKTEST_EPOCH_MS });
  for (let i = 0; i < count; i++) yield sampleCreator(world, i, { fromMs: BACKTEST_EPOCH_MS, toMs: BACKTEST_EPOCH_MS + days * DAY, followerTruthDays: 120 });
}

const started = performance.now();
const source = values.data ? `--data ${values.data}` : `model seed ${values.seed}, ${values.creators} creators, ${values.days} days`;
console.log(`Adam analytics backtest: ${source}, one analyzeAccount run per creator every 30 minutes`);
const creators = values.data ? (JSON.parse(readFileSync(values.data, "utf8")) as BacktestCreator[]) : modelCreators(Number(values.seed), Number(values.creators), Number(values.days));
const results = run(creators);
console.log(report(results));
console.log(`\n${results.length} creators in ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (values["model-cost"]) {
  const world = createWorld({ seed: Number(values.seed), epochMs: BACKTEST_EPOCH_MS });
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) world.account(i, BACKTEST_EPOCH_MS);
  console.log(`model: account() for 100,000 creators at one instant: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
