/**
 * Replays a share of the creators (every n-th, from `offset`) and posts the results back: the
 * bench splits creators over worker threads so it uses both cores.
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import type { BacktestCreator } from "../../tiktok-sim/model/sample.ts";
import { BACKTEST_EPOCH_MS, sampleCreator } from "../../tiktok-sim/model/sample.ts";
import { createWorld } from "../../tiktok-sim/model/world.ts";
import { Collector } from "./collect.ts";
import type { CreatorResult } from "./collect.ts";
import { replay, replayBounds } from "./replay.ts";

export interface Job {
  seed: number;
  creators: number;
  days: number;
  data?: string;
  offset: number;
  stride: number;
}

const DAY = 86_400_000;

function replayOne(index: number, creator: BacktestCreator): CreatorResult {
  const { startMs, endMs } = replayBounds(creator);
  const collector = new Collector(index, creator, startMs, endMs);
  replay(creator, index + 1, (r) => collector.observe(r));
  return collector.finish();
}

export function runJob(job: Job, progress: (done: number) => void = () => {}): CreatorResult[] {
  const data = job.data ? (JSON.parse(readFileSync(job.data, "utf8")) as BacktestCreator[]) : undefined;
  const world = createWorld({ seed: job.seed, epochMs: BACKTEST_EPOCH_MS });
  const count = data ? data.length : job.creators;
  const results: CreatorResult[] = [];
  for (let i = job.offset; i < count; i += job.stride) {
    const creator = data
      ? (data[i] as BacktestCreator)
      : sampleCreator(world, i, {
          fromMs: BACKTEST_EPOCH_MS,
          toMs: BACKTEST_EPOCH_MS + job.days * DAY,
          followerTruthDays: 120,
        });
    results.push(replayOne(i, creator));
    progress(results.length);
  }
  return results;
}

if (parentPort) {
  const port = parentPort;
  port.postMessage({ results: runJob(workerData as Job, (done) => port.postMessage({ done })) });
}
