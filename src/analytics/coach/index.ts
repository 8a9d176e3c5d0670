/** The growth coach: labels, best time to post, goals, missions and experiments (pure functions). */
export { audienceByLocalHour, bestTime } from "./best-time";
export { assignArm, evaluateExperiment, sequentialEffect } from "./experiments";
export { chanceAtLeast, goalStatus, projectionAt } from "./goals";
export { MIN_LABEL_VIDEOS, labelStats } from "./label-stats";
export { LENGTH_BANDS, hashtags, labelName, labelVideos, seriesOf } from "./labels";
export { isTimeZone, localParts, weekStart } from "./local-time";
export { missions } from "./missions";
export { contentPlan, growthPlan, type ContentPlan, type GrowthPlan, type PlanInput } from "./plan";
export { residuals } from "./trend";
export type * from "./types";
export { toCoachVideos, type StoredVideo } from "./inputs";
