/**
 * The registry of worlds `npm run bench:analytics` scores the analytics on, each separately, so
 * that a method tuned on one world is judged on the others. Names are what `--worlds` takes.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import * as generators from "./generators.ts";
import { fileWorld, recordedWorld } from "./recorded.ts";
import type { RecordedFileWorld } from "./recorded.ts";
import type { GeneratorModule, SyntheticWorld } from "./types.ts";

export type { BenchWorld, GenerateOptions, RecordedWorld, SyntheticWorld } from "./types.ts";
export type { RecordedFileWorld } from "./recorded.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Real series live beside the repository, never in it (see that folder's README). */
const REAL_SERIES = join(REPO_ROOT, "..", "shared", "data", "real-series");

export function synthetic(generator: GeneratorModule): SyntheticWorld {
  return { ...generator.WORLD, kind: "synthetic", generateCreator: generator.generateCreator };
}

export const WORLDS: readonly (SyntheticWorld | RecordedFileWorld)[] = [
  // A further synthetic world is one line in generators.ts.
  ...Object.values(generators as Record<string, GeneratorModule>).map(synthetic),
  recordedWorld(
    "reddit-rall",
    "Reddit r/all top 100, captured hourly for 11 days; 'views' = net score; creators = subreddits",
    join(REAL_SERIES, "reddit-rall-hourly.json.gz"),
  ),
  recordedWorld(
    "youtube-trending",
    "YouTube US Trending, captured daily for 16 months; views only; creators = channels",
    join(REAL_SERIES, "youtube-trending-daily.json.gz"),
  ),
];

// One per file, so a worker thread parses a --data file once, not once per creator.
const files = new Map<string, RecordedFileWorld>();

/** A registered world by name, or the recorded world of a `--data` file. */
export function resolveWorld(ref: WorldRef): SyntheticWorld | RecordedFileWorld {
  if (ref.dataPath !== undefined) {
    let world = files.get(ref.dataPath);
    if (!world) files.set(ref.dataPath, (world = fileWorld(ref.dataPath)));
    return world;
  }
  const world = WORLDS.find((w) => w.name === ref.name);
  if (!world) throw new Error(`unknown world "${ref.name}"; known: ${WORLDS.map((w) => w.name).join(", ")}`);
  return world;
}

/** How a world is named across worker threads (functions do not cross them). */
export interface WorldRef {
  name: string;
  dataPath?: string;
}
