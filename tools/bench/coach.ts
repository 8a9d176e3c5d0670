/**
 * Backtest of the growth coach on the simulator's creators, whose posting-window and length
 * effects are planted and known (tools/tiktok-sim/model/creator.ts, `PlantedEffects`):
 *   npm run bench:coach [-- --creators 400 --seed 42 --days 120 --json]
 *
 * For every creator it runs, on the creator's own 24 h counts:
 * - best time to post: is the planted window found (recovery), is a window announced where none
 *   was planted (false difference), and do the windows' intervals hold their true effect (coverage);
 * - labels: the "over 60 s" label's interval against the planted length effect;
 * - experiments: "under 30 s" vs "over 60 s" from day 0, looked at after every new video as a
 *   creator would (peeking): a winner declared where no length effect was planted is a false
 *   difference; the confidence sequence's coverage is checked at every look.
 * Progress goes to stderr; stdout has the report (or, with --json, one JSON object).
 */
import { parseArgs } from "node:util";
import { bestTime, evaluateExperiment, labelStats, labelVideos } from "../../src/analytics/coach/index.ts";
import { trailingResiduals } from "../../src/analytics/coach/trend.ts";
import { sequentialEffect, MIN_ARM_VIDEOS } from "../../src/analytics/coach/experiments.ts";
import { meanDifference } from "../../src/analytics/coach/stats.ts";
import type { CoachVideo } from "../../src/analytics/coach/types.ts";
import { BACKTEST_EPOCH_MS } from "../tiktok-sim/model/sample.ts";
import { createWorld } from "../tiktok-sim/model/world.ts";

const { values } = parseArgs({
  options: {
    creators: { type: "string", default: "400" },
    seed: { type: "string", default: "42" },
    days: { type: "string", default: "120" },
    json: { type: "boolean", default: false },
  },
});
const creators = Number(values.creators);
const seed = Number(values.seed);
const days = Number(values.days);
const DAY_MS = 86_400_000;
const epochMs = BACKTEST_EPOCH_MS;
const world = createWorld({ seed, epochMs, historyDays: days });

interface Tally {
  n: number;
  hits: number;
}
const tally = (): Tally => ({ n: 0, hits: 0 });
const add = (t: Tally, hit: boolean) => {
  t.n++;
  if (hit) t.hits++;
};
const rate = (t: Tally) => (t.n === 0 ? null : t.hits / t.n);

const best = { recovered: tally(), wrongWindow: tally(), falseDifference: tally(), coverage: tally() };
const label = { recovered: tally(), falseDifference: tally(), coverage: tally(), judged: tally() };
const experiment = {
  recovered: tally(),
  wrongWinner: tally(),
  falseDifference: tally(),
  coverageEveryLook: tally(),
  coverageFinal: tally(),
  /** The same looks with a fixed-sample 90% interval: what peeking does without a confidence sequence. */
  naiveFalseDifference: tally(),
};
let videosSeen = 0;

const windowPart = (planted: { fromHour: number; log: number } | null, createdAtMs: number) => {
  if (!planted) return 0;
  const hour = new Date(createdAtMs).getUTCHours();
  return (hour - planted.fromHour + 24) % 24 < 3 ? planted.log : 0;
};
const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

const started = performance.now();
for (let index = 0; index < creators; index++) {
  const truth = world.truth(index, epochMs);
  const videos: CoachVideo[] = truth.videos
    .filter((v) => v.createdAtMs + DAY_MS <= epochMs && (v.unavailableFromMs ?? Infinity) > v.createdAtMs + DAY_MS)
    .map((v) => ({
      id: v.id,
      createdAtMs: v.createdAtMs,
      title: null,
      description: null,
      durationSeconds: v.durationSec,
      views24h: v.views24h,
      views7d: v.createdAtMs + 7 * DAY_MS <= epochMs ? v.views7d : null,
    }));
  videosSeen += videos.length;
  const planted = truth.planted;
  const logOf = new Map(truth.videos.map((v) => [v.id, v.plantedLog]));

  // Best time to post.
  const t = bestTime(videos, "UTC", { nowMs: epochMs });
  const plantedKeys = planted.window
    ? [
        `window:${planted.window.fromHour}-${planted.window.fromHour + 3}`,
        `weekdays:${planted.window.fromHour}-${planted.window.fromHour + 3}`,
      ]
    : [];
  if (planted.window) {
    add(best.recovered, t.best !== null && plantedKeys.includes(t.best.key));
    add(best.wrongWindow, t.best !== null && !plantedKeys.includes(t.best.key));
  } else add(best.falseDifference, t.best !== null);
  for (const w of t.windows) {
    const [from, to] = w.key
      .slice(w.key.indexOf(":") + 1)
      .split("-")
      .map(Number) as [number, number];
    const weekdaysOnly = w.key.startsWith("weekdays:");
    const inside: number[] = [];
    const outside: number[] = [];
    for (const v of videos) {
      const d = new Date(v.createdAtMs);
      const member = d.getUTCHours() >= from && d.getUTCHours() < to && (!weekdaysOnly || (d.getUTCDay() + 6) % 7 < 5);
      (member ? inside : outside).push(windowPart(planted.window, v.createdAtMs));
    }
    const trueRatio = Math.exp(mean(inside) - mean(outside));
    add(best.coverage, w.low <= trueRatio * 1.0005 && trueRatio <= w.high * 1.0005);
  }

  // Labels: over 60 s against the rest.
  const stat = labelStats(videos, labelVideos(videos, "UTC")).find((l) => l.key === "length:over-60");
  if (stat?.h24) {
    add(label.judged, true);
    const long = videos.filter((v) => (v.durationSeconds ?? 0) >= 60).map((v) => logOf.get(v.id) ?? 0);
    const rest = videos.filter((v) => (v.durationSeconds ?? 0) < 60).map((v) => logOf.get(v.id) ?? 0);
    const trueRatio = Math.exp(mean(long) - mean(rest));
    add(label.coverage, stat.h24.low <= trueRatio * 1.0005 && trueRatio <= stat.h24.high * 1.0005);
    const excludes = stat.h24.low > 1 || stat.h24.high < 1;
    if (planted.long)
      add(label.recovered, excludes && Math.sign(Math.log(stat.h24.ratio)) === Math.sign(planted.long.log));
    else add(label.falseDifference, excludes);
  } else add(label.judged, false);

  // Experiment: under 30 s (A) vs over 60 s (B), looked at after every new 24 h count.
  const trueAB = planted.long ? Math.exp(-planted.long.log) : 1;
  let declared: "a" | "b" | null = null;
  let naiveDeclared = false;
  let alwaysCovered = true;
  let looks = 0;
  for (let k = 0; k < videos.length; k++) {
    const lookAt = (videos[k] as CoachVideo).createdAtMs + DAY_MS;
    const known = videos.filter((v) => v.createdAtMs + DAY_MS <= lookAt);
    const r = trailingResiduals(known, "h24");
    const a: number[] = [];
    const b: number[] = [];
    for (const v of known) {
      const x = r.get(v.id);
      if (x === undefined || v.durationSeconds === null) continue;
      if (v.durationSeconds < 30) a.push(x);
      else if (v.durationSeconds >= 60) b.push(x);
    }
    const e = sequentialEffect(a, b);
    if (!e) continue;
    looks++;
    if (!(e.low <= trueAB * 1.0005 && trueAB <= e.high * 1.0005)) alwaysCovered = false;
    if (a.length >= MIN_ARM_VIDEOS && b.length >= MIN_ARM_VIDEOS) {
      const naive = meanDifference(a, b);
      if (Math.abs(naive.estimate) > 1.645 * Math.sqrt(naive.variance)) naiveDeclared = true;
    }
    if (declared === null && a.length >= MIN_ARM_VIDEOS && b.length >= MIN_ARM_VIDEOS) {
      if (e.low > 1) declared = "a";
      else if (e.high < 1) declared = "b";
    }
  }
  if (looks > 0) {
    const final = evaluateExperiment(
      { id: "x", name: "length", armA: { label: "length:under-30" }, armB: { label: "length:over-60" }, startMs: 0 },
      videos,
      labelVideos(videos, "UTC"),
    );
    if (final.effect)
      add(experiment.coverageFinal, final.effect.low <= trueAB * 1.0005 && trueAB <= final.effect.high * 1.0005);
    add(experiment.coverageEveryLook, alwaysCovered);
    if (planted.long) {
      const right = planted.long.log > 0 ? "b" : "a";
      add(experiment.recovered, declared === right);
      add(experiment.wrongWinner, declared !== null && declared !== right);
    } else {
      add(experiment.falseDifference, declared !== null);
      add(experiment.naiveFalseDifference, naiveDeclared);
    }
  }
  if ((index + 1) % 100 === 0)
    console.error(`  ${index + 1}/${creators} creators (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

const pct = (t: Tally) => (rate(t) === null ? "—" : `${(100 * (rate(t) as number)).toFixed(1)}% (${t.hits}/${t.n})`);
const report = {
  creators,
  seed,
  days,
  videos: videosSeen,
  bestTime: {
    recovery: rate(best.recovered),
    wrongWindow: rate(best.wrongWindow),
    falseDifference: rate(best.falseDifference),
    intervalCoverage: rate(best.coverage),
  },
  lengthLabel: {
    judged: rate(label.judged),
    recovery: rate(label.recovered),
    falseDifference: rate(label.falseDifference),
    intervalCoverage: rate(label.coverage),
  },
  experiment: {
    recovery: rate(experiment.recovered),
    wrongWinner: rate(experiment.wrongWinner),
    falseDifferenceWithPeeking: rate(experiment.falseDifference),
    naiveIntervalFalseDifferenceWithPeeking: rate(experiment.naiveFalseDifference),
    coverageAtEveryLook: rate(experiment.coverageEveryLook),
    coverageFinal: rate(experiment.coverageFinal),
  },
};
if (values.json) console.log(JSON.stringify(report));
else {
  const target = (t: Tally) => ((rate(t) ?? 0) <= 0.1 ? "ok (target ≤ 10%)" : "ABOVE the 10% target");
  console.log(
    `Growth coach backtest: ${creators} simulated creators, ${days} days, seed ${seed}, ${videosSeen} videos with a 24 h count`,
  );
  console.log(`\nBest time to post (planted window in ~65% of creators, ×1.4–×2.2)`);
  console.log(`  recovery (planted window found)     ${pct(best.recovered)}`);
  console.log(`  wrong window announced              ${pct(best.wrongWindow)}`);
  console.log(`  false difference (none planted)     ${pct(best.falseDifference)}  ${target(best.falseDifference)}`);
  console.log(`  90% interval coverage (all windows) ${pct(best.coverage)}`);
  console.log(`\nLabel "over 60 s" vs the rest (per-label 90% interval, no multiplicity correction)`);
  console.log(`  judged (≥ 5 videos each side)       ${pct(label.judged)}`);
  console.log(`  recovery (planted effect, sign)     ${pct(label.recovered)}`);
  console.log(`  false difference (none planted)     ${pct(label.falseDifference)}`);
  console.log(`  90% interval coverage               ${pct(label.coverage)}`);
  console.log(`\nExperiment "under 30 s" vs "over 60 s", looked at after every video (confidence sequence, α = 10%)`);
  console.log(`  recovery (right winner declared)    ${pct(experiment.recovered)}`);
  console.log(`  wrong winner                        ${pct(experiment.wrongWinner)}`);
  console.log(
    `  false difference with peeking       ${pct(experiment.falseDifference)}  ${target(experiment.falseDifference)}`,
  );
  console.log(
    `  same looks, fixed 90% interval      ${pct(experiment.naiveFalseDifference)}  (what peeking does without it)`,
  );
  console.log(`  coverage at every look              ${pct(experiment.coverageEveryLook)}`);
  console.log(`  coverage at the last look           ${pct(experiment.coverageFinal)}`);
}
