/**
 * Recorded worlds: real series in the backtest's `--data` format, a JSON array of creators, plain
 * or gzipped. They are read where they lie and never copied into the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync } from "node:zlib";
import type { BacktestCreator } from "../../tiktok-sim/model/sample.ts";
import type { RecordedWorld } from "./types.ts";

export interface RecordedFileWorld extends RecordedWorld {
  /** The file it loads; a world whose file is absent is skipped. */
  path: string;
}

export function readCreators(path: string): BacktestCreator[] {
  const bytes = readFileSync(path);
  const text = (path.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  const data = JSON.parse(text) as unknown;
  if (!Array.isArray(data) || data.some((c) => typeof c?.creator !== "string" || !Array.isArray(c?.videos)))
    throw new Error(`${path}: expected a JSON array of {creator, videos, followers, …} (see BacktestCreator)`);
  // Older files may omit the follower series; no series is an empty one.
  return (data as BacktestCreator[]).map((c) => ({ ...c, followers: c.followers ?? [] }));
}

export function recordedWorld(name: string, description: string, path: string): RecordedFileWorld {
  let cached: BacktestCreator[] | undefined;
  return { name, description, kind: "recorded", path, load: () => (cached ??= readCreators(path)) };
}

/** `--data FILE`: a recorded world named after its file (creators.json.gz → "creators"). */
export function fileWorld(path: string): RecordedFileWorld {
  return recordedWorld(basename(path).replace(/\.json(\.gz)?$/, ""), `recorded creators from ${path}`, path);
}

export function isAvailable(world: RecordedFileWorld): boolean {
  return existsSync(world.path);
}
