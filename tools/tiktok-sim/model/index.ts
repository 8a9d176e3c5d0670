/** The synthetic-creator model: `createWorld(options)` and its types. */
export type * from "./types.ts";
export { createWorld } from "./world.ts";
export { SOURCES, MIN_FOLLOWERS_FOR_AUDIENCE } from "./watch.ts";
export type { AccountWatchDay, CreatorWatch, DropCause, Source, VideoWatchAt, VideoWatchParams } from "./watch.ts";
