/**
 * The synthetic worlds' generators, one line each: a module exporting WORLD ({name,
 * description}) and generateCreator(seed, index, {fromMs, toMs, followerTruthDays?}). Adding a
 * generator here is all it takes to score the analytics on its world too, e.g.
 *   export * as pointProcess from "./point-process.ts";
 *   export * as cohortWaves from "./cohort-waves.ts";
 */
export * as adamModel from "./adam-model.ts";
export * as pointProcess from "./point-process.ts";
export * as cohortWaves from "./cohort-waves.ts";
