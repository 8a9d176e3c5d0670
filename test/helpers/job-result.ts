import type { AccountSummary } from "../../src/analytics";
import type { JobResult } from "../../src/db/queries/ingest";
import { profileOf } from "../../src/tiktok/profile";

/**
 * A snapshot job's result for `writeJobResult`, observed a minute into `slot`: a profile as
 * user/info answers without the profile scope, no videos, nothing found; `parts` adds the rest.
 */
export function jobResult(accountId: string, slot: number, parts: Partial<JobResult> = {}): JobResult {
  return {
    accountId,
    jobKey: `snapshot:${accountId}:${slot}`,
    slot,
    observedAtMs: slot + 60_000,
    startedAtMs: slot + 60_000,
    profile: { ...profileOf({ open_id: "open-job" }), followers: 1200, following: 80, likes: 5000, videoCount: 3 },
    totals: { views: 90_000, engagementRate: 0.06 },
    summary: { version: 1 } as unknown as AccountSummary,
    newestVideoAtMs: null,
    nextSnapshotAtMs: slot + 1_800_000,
    videos: [],
    anomalies: [],
    insights: [],
    alerts: [],
    tiktokCalls: 2,
    details: {},
    ...parts,
  };
}
