import type { AccountSummary, VideoAnalytics } from "../analytics/types";

/**
 * What of the stored analytics the API shows. The stored objects also carry the analytics' own
 * working state (daily closes, cooldowns, model fits), which is internal and large. The types are
 * what the dashboard reads (an account not analysed yet has none of the fields).
 */
const pick = (source: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));

const SUMMARY_KEYS = [
  "computedAtMs",
  "totals",
  "engagementRate",
  "changes",
  "typicalCurve",
  "followerProjection",
] as const;
const LIST_KEYS = ["computedAtMs", "latest", "velocity", "percentiles", "forecast", "dips"] as const;

export type PublicSummary = Partial<Pick<AccountSummary, (typeof SUMMARY_KEYS)[number]>>;
export type ListAnalytics = Partial<Pick<VideoAnalytics, (typeof LIST_KEYS)[number]>>;
/** The video page gets the whole stored analytics. */
export type DetailAnalytics = Partial<VideoAnalytics>;

/** For the account: changes, the typical first-hours curve, the 90-day projection. */
export const publicSummary = (summary: Record<string, unknown>) => pick(summary, SUMMARY_KEYS) as PublicSummary;

/** For a row of the video table: where the video stands, without its full curve. */
export const listAnalytics = (analytics: Record<string, unknown>) => pick(analytics, LIST_KEYS) as ListAnalytics;
