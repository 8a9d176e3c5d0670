/**
 * Backtest of the analytics core:
 *   npm run bench:analytics [-- --creators 200 --seed 1 --days 28 --workers 2]
 *   npm run bench:analytics -- --data creators.json
 * Replays model creators (or a JSON file in the same format: see BacktestCreator in
 * tools/tiktok-sim/model/sample.ts) through analyzeAccount every 30 minutes, as ingestion would,
 * and prints Adam's accuracy next to the market baselines'. `--model-cost` also times the model's
 * account() for 100,000 creators at one instant.
 */
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { BACKTEST_EPOCH_MS } from "../tiktok-sim/model/sample.ts";
import { createWorld } from "../tiktok-sim/model/world.ts";
import type { CreatorResult } from "./analytics/collect.ts";
import { report } from "./analytics/score.ts";
import type { Job } from "./analytics/worker.ts";
import { runJob } from "./analytics/worker.ts";

const { values } = parseArgs({
  options: {
    creators: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    days: { type: "string", default: "28" },
    data: { type: "string" },
    workers: { type: "string", default: "2" },
    "model-cost": { type: "boolean", default: false },
  },
});

const job = {
  seed: Number(values.seed),
  creators: Number(values.creators),
  days: Number(values.days),
  ...(values.data ? { data: values.data } : {}),
};
const workers = Math.max(1, Number(values.workers));

function inWorker(offset: number, onDone: () => void): Promise<CreatorResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./analytics/worker.ts", import.meta.url), {
      workerData: { ...job, offset, stride: workers } satisfies Job,
      execArgv: ["--import", "tsx"],
    });
    worker.on("message", (m: { done?: number; results?: CreatorResult[] }) =>
      m.results ? resolve(m.results) : onDone(),
    );
    worker.on("error", reject);
  });
}

const started = performance.now();
console.log(
  `Adam analytics backtest: ${values.data ? `--data ${values.data}` : `model seed ${job.seed}, ${job.creators} creators, ${job.days} days`}; one analyzeAccount run per creator every 30 minutes`,
);
let done = 0;
const tick = () => {
  done++;
  if (done % 20 === 0) console.error(`  ${done} creators replayed`);
};
const results = (
  workers === 1
    ? runJob({ ...job, offset: 0, stride: 1 }, tick)
    : (await Promise.all(Array.from({ length: workers }, (_, i) => inWorker(i, tick)))).flat()
).sort((a, b) => a.creator - b.creator);
console.log(report(results));
console.log(`\n${results.length} creators in ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (values["model-cost"]) {
  const world = createWorld({ seed: job.seed, epochMs: BACKTEST_EPOCH_MS });
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) world.account(i, BACKTEST_EPOCH_MS);
  console.log(
    `model: account() for 100,000 creators at one instant: ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
}
