/**
 * A "world" is one source of creators for the analytics backtest. Synthetic worlds generate
 * creators from a seed (seed 1 is the development seed, every other seed is held out); recorded
 * worlds load real series, split into a development half and a held-out half by creator name.
 */
import type { BacktestCreator } from "../../tiktok-sim/model/sample.ts";

export interface GenerateOptions {
  /** Connection time: the replay starts here. */
  fromMs: number;
  toMs: number;
  /** Daily follower counts this many days past toMs, as truth for the 90-day projection. */
  followerTruthDays?: number;
}

export interface SyntheticWorld {
  name: string;
  description: string;
  kind: "synthetic";
  generateCreator(seed: number, index: number, options: GenerateOptions): BacktestCreator;
}

export interface RecordedWorld {
  name: string;
  description: string;
  kind: "recorded";
  load(): BacktestCreator[];
}

export type BenchWorld = SyntheticWorld | RecordedWorld;

/** What a generator module exports (tools/bench/worlds/*.ts): see `synthetic` in index.ts. */
export interface GeneratorModule {
  WORLD: { name: string; description: string };
  generateCreator: SyntheticWorld["generateCreator"];
}
