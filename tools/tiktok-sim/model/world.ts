import type { World, WorldOptions } from "./types.ts";

/** Placeholder until the model lands: the interface in types.ts is what the simulator builds on. */
export function createWorld(_options: WorldOptions): World {
  throw new Error("model not implemented yet");
}
