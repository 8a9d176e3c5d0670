/** Our own simulator's creators (tools/tiktok-sim/model): the world the analytics were built on. */
import { BACKTEST_EPOCH_MS, sampleCreator } from "../../tiktok-sim/model/sample.ts";
import { createWorld } from "../../tiktok-sim/model/world.ts";
import type { World } from "../../tiktok-sim/model/types.ts";
import type { GeneratorModule } from "./types.ts";

export const WORLD = {
  name: "adam-model",
  description: "Adam's own TikTok simulator: heavy-tailed views, injected spikes, drops, breakouts and follower jumps",
};

// createWorld is cheap but a bench asks for hundreds of creators of one seed.
const worlds = new Map<number, World>();

export const generateCreator: GeneratorModule["generateCreator"] = (seed, index, options) => {
  let world = worlds.get(seed);
  if (!world) worlds.set(seed, (world = createWorld({ seed, epochMs: BACKTEST_EPOCH_MS })));
  return sampleCreator(world, index, options);
};
