/**
 * Backtest of the analytics core, world by world:
 *   npm run bench:analytics [-- --worlds adam-model,reddit-rall --split dev|held-out|all --seed N
 *                               --creators N --days 28 --workers 2 --data FILE --json --plots]
 * Replays the creators of every world (tools/bench/worlds) through analyzeAccount every 30
 * minutes, as ingestion would, and scores each world separately against its truth and the market
 * baselines, so the analytics are judged on data they were not built on: by default the held-out
 * part of each world. Progress goes to stderr; stdout has the report, or with --json exactly one
 * JSON object (run it as `npm run -s bench:analytics -- --json` so npm prints no banner).
 */
import { BACKTEST_EPOCH_MS } from "../tiktok-sim/model/sample.ts";
import { createWorld } from "../tiktok-sim/model/world.ts";
import type { CreatorResult } from "./analytics/collect.ts";
import { parseOptions, USAGE } from "./analytics/options.ts";
import { planWorlds } from "./analytics/plan.ts";
import { writeStrongestAlertPlots } from "./analytics/plots/index.ts";
import { runTasks } from "./analytics/pool.ts";
import { humanReport } from "./analytics/report/human.ts";
import { worldJson } from "./analytics/report/json.ts";
import { worstJson } from "./analytics/report/worst.ts";
import { scoreWorld } from "./analytics/score/index.ts";
import type { Task } from "./analytics/worker.ts";

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  console.error(`${(e as Error).message}\nusage: ${USAGE}`);
  process.exit(2);
}
const started = performance.now();
const planned = planWorlds(options, (line) => console.error(line));
if (planned.length === 0) {
  console.error("no world to evaluate");
  process.exit(1);
}

const tasks = planned.flatMap((w) => w.tasks);
const done = new Map<string, number>(planned.map((w) => [w.name, 0]));
const worldOf = new Map<Task, string>(planned.flatMap((w) => w.tasks.map((t) => [t, w.name] as const)));
const nameOf = (t: Task) => worldOf.get(t) as string;
console.error(
  `Replaying ${tasks.length} creators of ${planned.length} world${planned.length === 1 ? "" : "s"} (${options.split}) on ${options.workers} workers…`,
);
const results = await runTasks(tasks, options.workers, (task) => {
  const name = nameOf(task);
  const n = (done.get(name) ?? 0) + 1;
  done.set(name, n);
  const total = planned.find((w) => w.name === name)?.tasks.length ?? 0;
  if (n === total || n % Math.max(10, Math.ceil(total / 5)) === 0)
    console.error(`  ${name}: ${n}/${total} creators (${((performance.now() - started) / 1000).toFixed(0)} s)`);
});

const byWorld = new Map<string, CreatorResult[]>(planned.map((w) => [w.name, []]));
tasks.forEach((t, i) => byWorld.get(nameOf(t))?.push(results[i] as CreatorResult));
const scored = planned.map((w) => ({
  ...w,
  score: scoreWorld((byWorld.get(w.name) ?? []).sort((a, b) => a.creator - b.creator)),
}));
const seconds = (performance.now() - started) / 1000;

if (options.json) {
  const worlds = scored.map((w): [string, ReturnType<typeof worldJson>] => [w.name, worldJson(w.score)]);
  const only = worlds.length === 1 ? worlds[0]?.[1] : undefined;
  console.log(JSON.stringify(only ?? { worlds: Object.fromEntries(worlds), worst: worstJson(worlds) }));
} else {
  console.log(
    `Adam analytics backtest: ${options.split === "all" ? "development and held-out data" : `${options.split} data`} of ${scored.length} world${scored.length === 1 ? "" : "s"}; one analyzeAccount run per creator every 30 minutes\n`,
  );
  console.log(humanReport(scored));
  console.log(`\n${tasks.length} creators in ${seconds.toFixed(1)} s`);
}
console.error(`done in ${seconds.toFixed(1)} s`);

if (options.plots) {
  for (const w of scored.filter((x) => x.kind === "recorded")) {
    const path = await writeStrongestAlertPlots(w.name, w.part, byWorld.get(w.name) ?? []);
    console.error(`${w.name}: strongest alerts drawn in ${path}`);
  }
}

if (options.modelCost) {
  const world = createWorld({ seed: options.seed ?? 1, epochMs: BACKTEST_EPOCH_MS });
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) world.account(i, BACKTEST_EPOCH_MS);
  console.error(
    `model: account() for 100,000 creators at one instant: ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
}
