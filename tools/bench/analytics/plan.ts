/**
 * Which creators of which worlds to replay: the tasks for the worker pool, world by world. A
 * recorded world whose file is absent is skipped with a one-line note.
 */
import { resolve } from "node:path";
import { resolveWorld, WORLDS } from "../worlds/index.ts";
import type { WorldRef } from "../worlds/index.ts";
import { isAvailable } from "../worlds/recorded.ts";
import { inSplit, seedsFor } from "../worlds/split.ts";
import type { Options } from "./options.ts";
import type { Task } from "./worker.ts";

export interface PlannedWorld {
  /** As reported: the registry's name, with @seed when pinned; a --data file's base name. */
  name: string;
  kind: "synthetic" | "recorded";
  description: string;
  /** What part of the world is replayed, for the legend. */
  part: string;
  tasks: Task[];
}

function refsOf(options: Options): { ref: WorldRef; seed?: number; label: string }[] {
  const names = options.worlds ?? (options.data ? [] : WORLDS.map((w) => w.name));
  const refs = names.map((label): { ref: WorldRef; seed?: number; label: string } => {
    const [name = label, seed] = label.split("@");
    return { ref: { name }, label, ...(seed !== undefined ? { seed: Number(seed) } : {}) };
  });
  if (options.data) {
    const dataPath = resolve(options.data);
    const world = resolveWorld({ name: "", dataPath });
    refs.push({ ref: { name: world.name, dataPath }, label: world.name });
  }
  return refs;
}

export function planWorlds(options: Options, note: (line: string) => void): PlannedWorld[] {
  const planned: PlannedWorld[] = [];
  for (const { ref, seed, label } of refsOf(options)) {
    const world = resolveWorld(ref);
    if (world.kind === "synthetic") {
      const seeds = seed !== undefined ? [seed] : seedsFor(options.split, options.seed);
      const tasks = seeds.flatMap((s, k) =>
        Array.from({ length: options.creators }, (_, index) => ({
          world: ref,
          seed: s,
          index,
          position: k * options.creators + index,
          days: options.days,
        })),
      );
      const part = `seed ${seeds.join(" + ")}, ${tasks.length} creators × ${options.days} days`;
      planned.push({ name: label, kind: "synthetic", description: world.description, part, tasks });
      continue;
    }
    if (!isAvailable(world)) {
      note(`${label}: skipped, no file at ${world.path}`);
      continue;
    }
    const creators = world.load();
    const tasks = creators.flatMap((c, index) =>
      inSplit(c.creator, options.split) ? [{ world: ref, index, position: index, days: options.days }] : [],
    );
    const half = options.split === "all" ? "all" : `${options.split} half`;
    planned.push({
      name: label,
      kind: "recorded",
      description: world.description,
      part: `${half}, ${tasks.length} of ${creators.length} creators`,
      tasks,
    });
  }
  return planned;
}
