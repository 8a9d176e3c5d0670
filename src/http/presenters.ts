/**
 * What of the stored analytics the API shows. The stored objects also carry the analytics' own
 * working state (daily closes, cooldowns, model fits), which is internal and large.
 */
const pick = (source: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));

/** For the account: changes, the typical first-hours curve, the 90-day projection. */
export const publicSummary = (summary: Record<string, unknown>) =>
  pick(summary, ["computedAtMs", "totals", "engagementRate", "changes", "typicalCurve", "followerProjection"]);

/** For a row of the video table: where the video stands, without its full curve. */
export const listAnalytics = (analytics: Record<string, unknown>) =>
  pick(analytics, ["computedAtMs", "latest", "velocity", "percentiles", "forecast", "dips"]);
