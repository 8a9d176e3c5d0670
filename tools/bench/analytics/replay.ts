/**
 * Replays one creator through `analyzeAccount` exactly as ingestion would: one run every 30
 * minutes, each with only the inputs a job has (follower snapshots of the last 14 days, each
 * video's snapshots of the last 72 h, anomalies of the last 7 days) plus what the previous run
 * returned (stored per-video analytics and account summary). Each run is timed.
 *
 * A slot whose job would have no data at all (no snapshot of any video in 72 h, no follower
 * count in 14 days) is skipped: recorded channels seen on a trending list a few days a year would
 * otherwise cost 17,000 runs a year of nothing new. Model creators are polled throughout, so
 * their replay is unchanged.
 */
import { analyzeAccount } from "../../../src/analytics/index.ts";
import type {
  AccountSummary,
  AnalyzeInput,
  AnalyzeOutput,
  RecentAnomaly,
  VideoAnalytics,
  VideoInput,
} from "../../../src/analytics/index.ts";
import type { BacktestCreator, BacktestVideo } from "../../tiktok-sim/model/sample.ts";

const STEP_MS = 30 * 60_000;
/** Runs happen just after the slot's snapshots (jobs land up to a minute late). */
const RUN_DELAY_MS = 90_000;
const RECENT_MS = 72 * 3_600_000;
const FOLLOWERS_MS = 14 * 86_400_000;
const ANOMALIES_MS = 7 * 86_400_000;

export interface Run {
  now: number;
  input: AnalyzeInput;
  output: AnalyzeOutput;
  /** Wall time of the analyzeAccount call alone. */
  analyzeMs: number;
}

/** A sliding window over a sorted series: [lo, hi) holds t in (now − span, now]. */
class Window<T extends { t: number }> {
  private lo = 0;
  private hi = 0;
  private cached: T[] = [];
  constructor(
    private readonly series: readonly T[],
    private readonly spanMs: number,
  ) {}
  at(now: number): T[] {
    const [lo, hi] = [this.lo, this.hi];
    while (this.hi < this.series.length && (this.series[this.hi] as T).t <= now) this.hi++;
    while (this.lo < this.hi && (this.series[this.lo] as T).t < now - this.spanMs) this.lo++;
    if (lo !== this.lo || hi !== this.hi) this.cached = this.series.slice(this.lo, this.hi);
    return this.cached;
  }
}

/** Replay bounds: from the first follower snapshot to the last video snapshot. */
export function replayBounds(creator: BacktestCreator): { startMs: number; endMs: number } {
  let start = creator.followers[0]?.t ?? Infinity;
  let end = -Infinity;
  for (const v of creator.videos) {
    start = Math.min(start, v.snapshots[0]?.t ?? Infinity);
    end = Math.max(end, v.snapshots[v.snapshots.length - 1]?.t ?? -Infinity);
  }
  return { startMs: start, endMs: end };
}

export function replay(creator: BacktestCreator, accountId: number, onRun: (run: Run) => void): void {
  const { startMs, endMs } = replayBounds(creator);
  const videos = [...creator.videos].sort((a, b) => a.createdAt - b.createdAt);
  const windows = new Map<BacktestVideo, Window<BacktestVideo["snapshots"][number]>>(
    videos.map((v) => [v, new Window(v.snapshots, RECENT_MS)]),
  );
  const followers = new Window(
    [...creator.followers].sort((a, b) => a.t - b.t),
    FOLLOWERS_MS,
  );
  const stored = new Map<string, VideoAnalytics>();
  let storedAccount: AccountSummary | undefined;
  // The anomalies table: upsert on (account, event_key), newest figures win.
  const table = new Map<string, RecentAnomaly>();

  for (let now = startMs + RUN_DELAY_MS; now <= endMs + RUN_DELAY_MS; now += STEP_MS) {
    const inputs: VideoInput[] = [];
    for (const v of videos) {
      if ((v.snapshots[0]?.t ?? Infinity) > now) continue;
      const prev = stored.get(v.id);
      inputs.push({
        id: v.id,
        createdAt: v.createdAt,
        status: v.unavailableFrom !== undefined && v.unavailableFrom <= now ? "unavailable" : "public",
        recent: (windows.get(v) as Window<BacktestVideo["snapshots"][number]>).at(now),
        ...(prev ? { stored: prev } : {}),
      });
    }
    const followersNow = followers.at(now);
    if (followersNow.length === 0 && inputs.every((v) => v.recent.length === 0)) continue;
    const input: AnalyzeInput = {
      now,
      account: { id: accountId, followers: followersNow },
      videos: inputs,
      ...(storedAccount ? { storedAccount } : {}),
      recentAnomalies: [...table.values()].filter((a) => a.windowEnd >= now - ANOMALIES_MS),
    };
    const t0 = performance.now();
    const output = analyzeAccount(input);
    const analyzeMs = performance.now() - t0;
    for (const [id, a] of Object.entries(output.videos)) stored.set(id, a);
    storedAccount = output.account;
    for (const a of output.anomalies)
      table.set(a.eventKey, {
        eventKey: a.eventKey,
        videoId: a.videoId,
        metric: a.metric,
        kind: a.kind,
        windowStart: a.windowStart,
        windowEnd: a.windowEnd,
      });
    onRun({ now, input, output, analyzeMs });
  }
}
