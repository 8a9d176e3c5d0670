/** The synthetic-creator model: `createWorld(options)` and its types. */
export type * from "./types.ts";
export { createWorld } from "./world.ts";
