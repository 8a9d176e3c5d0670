/**
 * One creator's replay, as a task: generate (synthetic) or load (recorded) the creator, replay
 * it through analyzeAccount, collect what Adam said. Run in worker threads by pool.ts, so the
 * bench uses every core; tasks cross threads by value, which is why worlds travel by name.
 */
import { parentPort } from "node:worker_threads";
import { BACKTEST_EPOCH_MS } from "../../tiktok-sim/model/sample.ts";
import type { BacktestCreator } from "../../tiktok-sim/model/sample.ts";
import { resolveWorld } from "../worlds/index.ts";
import type { WorldRef } from "../worlds/index.ts";
import { Collector } from "./collect.ts";
import type { CreatorResult } from "./collect.ts";
import { replay, replayBounds } from "./replay.ts";

export interface Task {
  world: WorldRef;
  /** Synthetic worlds: the seed to generate at. */
  seed?: number;
  /** Synthetic: the creator index at that seed; recorded: the creator's place in the file. */
  index: number;
  /** The creator's place in its world's run: unique within the world, even over several seeds. */
  position: number;
  days: number;
}

const DAY = 86_400_000;
/** Daily follower counts kept past the replay, as truth for the 90-day projection. */
const FOLLOWER_TRUTH_DAYS = 120;

function creatorOf(task: Task): BacktestCreator {
  const world = resolveWorld(task.world);
  if (world.kind === "recorded") {
    const creator = world.load()[task.index];
    if (!creator) throw new Error(`${world.name}: no creator #${task.index}`);
    return creator;
  }
  return world.generateCreator(task.seed ?? 1, task.index, {
    fromMs: BACKTEST_EPOCH_MS,
    toMs: BACKTEST_EPOCH_MS + task.days * DAY,
    followerTruthDays: FOLLOWER_TRUTH_DAYS,
  });
}

/** Replays one creator and returns what Adam said, when. */
export function replayCreator(creator: BacktestCreator, position: number): CreatorResult {
  const { startMs, endMs } = replayBounds(creator);
  const collector = new Collector(position, creator, startMs, endMs);
  replay(creator, position + 1, (r) => collector.observe(r));
  return collector.finish();
}

export function runTask(task: Task): CreatorResult {
  return replayCreator(creatorOf(task), task.position);
}

if (parentPort) {
  const port = parentPort;
  port.on("message", (task: Task) => port.postMessage(runTask(task)));
}
