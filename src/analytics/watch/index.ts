/** Watch-time analytics (TikTok's Accounts API data): pure functions, no I/O. */
export { activityByHour } from "./activity";
export { watchBaseline } from "./baseline";
export { diagnose, shareOfNewViews } from "./diagnosis";
export { videoWatchReport, type VideoWatchReport } from "./report";
export { BAND_POSITIONS, HOOK_SECONDS, hookRate, retentionBand, steepestLoss } from "./retention";
export { FOR_YOU, SEARCH, videoSignals } from "./signals";
export { buildWatchSummary, RECENT_MS, type WatchSummaryInput } from "./summary";
export { watchDay, withWatchDay } from "./watch-days";
export type * from "./types";
