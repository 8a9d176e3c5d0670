/**
 * Writes model creators in the backtest's `--data` JSON format:
 *   npx tsx tools/tiktok-sim/model/export.ts --seed 1 --creators 20 --days 28 --out creators.json
 * The same data the bench replays by default, so figures on the file match figures on the model.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { BACKTEST_EPOCH_MS, sampleCreator } from "./sample.ts";
import { DAY_MS } from "./time.ts";
import { createWorld } from "./world.ts";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    creators: { type: "string", default: "20" },
    first: { type: "string", default: "0" },
    days: { type: "string", default: "28" },
    "truth-days": { type: "string", default: "90" },
    out: { type: "string", default: "creators.json" },
  },
});

const world = createWorld({ seed: Number(values.seed), epochMs: BACKTEST_EPOCH_MS });
const first = Number(values.first);
const creators = Array.from({ length: Number(values.creators) }, (_, i) =>
  sampleCreator(world, first + i, {
    fromMs: BACKTEST_EPOCH_MS,
    toMs: BACKTEST_EPOCH_MS + Number(values.days) * DAY_MS,
    followerTruthDays: Number(values["truth-days"]),
  }),
);
writeFileSync(values.out, JSON.stringify(creators));
console.error(`wrote ${creators.length} creators to ${values.out}`);
