/**
 * The bench's command line. By default every world is scored on its held-out part: synthetic
 * worlds at seed 2, recorded worlds on the held-out half of their creators. `--seed 1` or
 * `--split dev` scores the development part instead.
 */
import { parseArgs } from "node:util";
import { DEV_SEED } from "../worlds/split.ts";
import type { Split } from "../worlds/split.ts";

export interface Options {
  /** World names (a synthetic one may carry a seed: adam-model@3); undefined = every registered world. */
  worlds: string[] | undefined;
  /** `--data FILE`: a recorded world of its own. */
  data: string | undefined;
  split: Split;
  /** Synthetic worlds' seed, when given. */
  seed: number | undefined;
  /** Per synthetic world. */
  creators: number;
  days: number;
  workers: number;
  json: boolean;
  plots: boolean;
  modelCost: boolean;
}

/**
 * Creators per synthetic world by default: with three synthetic worlds as costly as adam-model,
 * the held-out run stays within about 8 minutes on a 2-core machine (see README, Analytics).
 */
export const DEFAULT_CREATORS = 100;

export const USAGE = `npm run -s bench:analytics -- [--worlds a,b] [--data FILE] [--split dev|held-out|all] [--seed N]
    [--creators ${DEFAULT_CREATORS}] [--days 28] [--workers 2] [--json] [--plots]`;

function splitOf(given: string | undefined, seed: number | undefined): Split {
  if (given !== undefined) {
    if (given !== "dev" && given !== "held-out" && given !== "all")
      throw new Error(`--split ${given}: dev, held-out or all`);
    if (seed !== undefined && given !== "all" && (seed === DEV_SEED) !== (given === "dev"))
      throw new Error(
        `--seed ${seed} is ${seed === DEV_SEED ? "the development seed" : "held out"}, not --split ${given}`,
      );
    return given;
  }
  return seed === DEV_SEED ? "dev" : "held-out";
}

const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${text}: a whole number ≥ 1`);
  return n;
};

export function parseOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      worlds: { type: "string" },
      data: { type: "string" },
      split: { type: "string" },
      seed: { type: "string" },
      creators: { type: "string", default: String(DEFAULT_CREATORS) },
      days: { type: "string", default: "28" },
      workers: { type: "string", default: "2" },
      json: { type: "boolean", default: false },
      plots: { type: "boolean", default: false },
      "model-cost": { type: "boolean", default: false },
    },
  });
  const seed = values.seed === undefined ? undefined : positive("seed", values.seed);
  return {
    worlds: values.worlds
      ?.split(",")
      .map((w) => w.trim())
      .filter(Boolean),
    data: values.data,
    split: splitOf(values.split, seed),
    seed,
    creators: positive("creators", values.creators),
    days: positive("days", values.days),
    workers: positive("workers", values.workers),
    json: values.json,
    plots: values.plots,
    modelCost: values["model-cost"],
  };
}
