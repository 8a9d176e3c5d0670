/**
 * Adam's analytics core: pure, deterministic functions over snapshot series (no I/O, no clock,
 * no Math.random). `analyzeAccount` is the entry point ingestion calls; the smaller functions are
 * exported for the API, the dashboard's shapes and tests.
 */
export { analyzeAccount } from "./analyze";
export { CHECKPOINT_AGES_HOURS, updateCheckpoints } from "./checkpoints";
export {
  applyCooldown,
  attributeFollowerSpike,
  detectAnomalies,
  detectFollowerAnomaly,
  detectVideoAnomaly,
  scoreWindow,
} from "./anomalies";
export { followerChanges } from "./changes";
export { FORECAST_TARGETS_HOURS, fitForecastModel, forecastVideo } from "./forecast";
export { buildInsights } from "./insights";
export { PROJECTION_DAYS, projectFollowers } from "./projection";
export { fitGrowthShape, typicalShape } from "./shape";
export { PERCENTILE_AGES_HOURS, agePercentiles, percentileAtAge, typicalCurve } from "./typical";
export { currentVelocity, findDips, velocity, velocityCurve } from "./velocity";
export type * from "./types";
