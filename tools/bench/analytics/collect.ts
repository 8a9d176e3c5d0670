/**
 * Watches a replay and records what Adam and the market baselines said, when: forecasts at fixed
 * ages, anomaly events, early breakout flags, follower projections. Scoring happens in score/.
 */
import type { Anomaly, FollowerProjection, VideoAnalytics } from "../../../src/analytics/index.ts";
import type { BacktestCreator, BacktestVideo } from "../../tiktok-sim/model/sample.ts";
import { confidenceOf } from "./confidence.ts";
import { interpolateSeries, median } from "./stats.ts";
import type { Run } from "./replay.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Forecast ages (h) evaluated for each target (h). */
export const FORECAST_AGES: Record<number, number[]> = { 24: [1, 3, 6, 12], 168: [6, 24, 72] };
/** The market's breakout rule: views ≥ 2 × the creator's median final views. */
const MARKET_MULTIPLE = 2;
/** Videos a week old or more stand in for "final" views. */
const FINAL_AGE_MS = 7 * DAY;
const MIN_FINAL_VIDEOS = 5;
/** Follower projections are checked from these days after connecting. */
export const PROJECTION_ORIGIN_DAYS = [14, 21, 28];

export interface ForecastSample {
  target: number;
  age: number;
  /** Null when the data does not know the views at the target age (left out of the score, counted). */
  actual: number | null;
  adam: { p10: number; p50: number; p90: number; fittedOn: number };
  /** Market: the creator's median views at the target age (their usual post). */
  median: number;
  /** Creator-median scaling: views now × the median ratio (target / this age) of earlier videos. */
  ratio: number;
  /** Current pace held until the target age. */
  pace: number;
}

export interface Detection {
  creator: number;
  videoId: string | null;
  metric: string;
  kind: "spike" | "drop";
  firstSeenMs: number;
  topVideoId: string | null;
  /**
   * The event's confidence when first seen, then at each run that raised its highest so far: a
   * notifier with threshold c fires at the first rise reaching c.
   */
  rises: { t: number; confidence: number }[];
  /** The event at its most confident run (the plots of the strongest alerts show this). */
  peak: Peak;
}

export interface Peak {
  t: number;
  confidence: number;
  score: number;
  observed: number;
  expected: number;
  windowStart: number;
  windowEnd: number;
}

export interface ProjectionSample {
  actual: number;
  adam: { p10: number; p50: number; p90: number };
  compound: number;
  linear: number;
}

export interface CreatorResult {
  /** Position in the world's run (unique within a world). */
  creator: number;
  /** The data's creator label. */
  name: string;
  startMs: number;
  endMs: number;
  videos: BacktestVideo[];
  /** Undefined: unknown. */
  followerJumps: BacktestCreator["followerJumps"];
  /** analyzeAccount's wall time, one entry per run. */
  analyzeMs: number[];
  forecasts: ForecastSample[];
  detections: Detection[];
  /** First time each video was flagged: market 2× rule, Adam's fast-start card. */
  marketFlags: Map<string, number>;
  fastStarts: Map<string, number>;
  projections: ProjectionSample[];
}

function viewsAtAge(a: VideoAnalytics, ageHours: number): number | undefined {
  return a.checkpoints.find((c) => c.ageHours === ageHours)?.views;
}

export class Collector {
  readonly result: CreatorResult;
  private readonly truth: Map<string, BacktestVideo>;
  private readonly pending = new Map<string, Omit<ForecastSample, "actual">>();
  private readonly events = new Map<string, Detection>();

  constructor(
    private readonly creatorIndex: number,
    private readonly creator: BacktestCreator,
    startMs: number,
    endMs: number,
  ) {
    this.truth = new Map(creator.videos.map((v) => [v.id, v]));
    this.result = {
      creator: creatorIndex,
      name: creator.creator,
      analyzeMs: [],
      startMs,
      endMs,
      videos: creator.videos,
      followerJumps: creator.followerJumps,
      forecasts: [],
      detections: [],
      marketFlags: new Map(),
      fastStarts: new Map(),
      projections: [],
    };
  }

  observe({ now, input, output, analyzeMs }: Run): void {
    this.result.analyzeMs.push(analyzeMs);
    const all = Object.values(output.videos);
    this.recordForecasts(now, all);
    this.recordMarketFlags(now, all);
    for (const a of output.anomalies) this.recordAnomaly(now, a);
    for (const i of output.insights)
      if (i.kind === "fast_start" && i.videoId && !this.result.fastStarts.has(i.videoId))
        this.result.fastStarts.set(i.videoId, now);
    this.recordProjection(now, input.account.followers, output.account.followerProjection);
  }

  private recordAnomaly(now: number, a: Anomaly): void {
    const confidence = confidenceOf(a);
    const peak: Peak = {
      t: now,
      confidence,
      score: a.score,
      observed: a.observed,
      expected: a.expected,
      windowStart: a.windowStart,
      windowEnd: a.windowEnd,
    };
    const known = this.events.get(a.eventKey);
    if (!known) {
      const top = (a.details.attributedVideos as { videoId: string }[] | undefined)?.[0]?.videoId ?? null;
      this.events.set(a.eventKey, {
        creator: this.creatorIndex,
        videoId: a.videoId,
        metric: a.metric,
        kind: a.kind,
        firstSeenMs: now,
        topVideoId: top,
        rises: [{ t: now, confidence }],
        peak,
      });
    } else if (confidence > known.peak.confidence) {
      known.rises.push({ t: now, confidence });
      known.peak = peak;
    }
  }

  private recordForecasts(now: number, all: VideoAnalytics[]): void {
    for (const a of all) {
      if (a.computedAtMs !== now || !a.latest || a.createdAtMs < this.result.startMs) continue;
      for (const [targetKey, ages] of Object.entries(FORECAST_AGES)) {
        const target = Number(targetKey);
        const f = target === 24 ? a.forecast.views24h : a.forecast.views7d;
        for (const age of ages) {
          const key = `${a.videoId}:${target}:${age}`;
          if (this.pending.has(key) || a.latest.ageHours < age || a.latest.ageHours >= age + 2.5 || !f || f.observed)
            continue;
          const earlier = all.filter((o) => o.createdAtMs < a.createdAtMs && o.videoId !== a.videoId);
          const atTarget = earlier.map((o) => viewsAtAge(o, target)).filter((v): v is number => v !== undefined);
          const finals = earlier
            .filter((o) => now - o.createdAtMs >= target * HOUR && o.latest)
            .map((o) => (o.latest as NonNullable<VideoAnalytics["latest"]>).views);
          const ratios = earlier.flatMap((o) => {
            const x = viewsAtAge(o, age);
            const y = viewsAtAge(o, target);
            return x !== undefined && y !== undefined ? [(y + 1) / (x + 1)] : [];
          });
          const pace = a.latest.views + (a.velocity?.viewsPerHour ?? 0) * (target - a.latest.ageHours);
          const marketMedian = atTarget.length > 0 ? median(atTarget) : finals.length > 0 ? median(finals) : pace;
          this.pending.set(key, {
            target,
            age,
            adam: { p10: f.p10, p50: f.p50, p90: f.p90, fittedOn: f.fittedOn },
            median: marketMedian,
            ratio: ratios.length > 0 ? (a.latest.views + 1) * median(ratios) - 1 : pace,
            pace,
          });
        }
      }
    }
  }

  private recordMarketFlags(now: number, all: VideoAnalytics[]): void {
    const finals = all
      .filter((o) => o.status === "public" && o.latest && now - o.createdAtMs >= FINAL_AGE_MS)
      .map((o) => (o.latest as NonNullable<VideoAnalytics["latest"]>).views);
    if (finals.length < MIN_FINAL_VIDEOS) return;
    const threshold = MARKET_MULTIPLE * median(finals);
    for (const a of all) {
      if (a.computedAtMs === now && a.latest && a.latest.views >= threshold && !this.result.marketFlags.has(a.videoId))
        this.result.marketFlags.set(a.videoId, now);
    }
  }

  private recordProjection(
    now: number,
    followers: { t: number; count: number }[],
    projection: FollowerProjection | null,
  ): void {
    const day = (now - this.result.startMs) / DAY;
    const origin = PROJECTION_ORIGIN_DAYS.find((d) => day >= d && day < d + 1 / 48);
    const last = followers[followers.length - 1];
    const end = projection?.points[projection.points.length - 1];
    if (origin === undefined || !last || !end || !projection) return;
    const actual = interpolateSeries(this.creator.followers, now + 90 * DAY);
    // The baselines see what Adam sees: the input's ~14 days of follower snapshots.
    const first = followers[0];
    if (actual === undefined || !first || first.count <= 0 || last.t - first.t < 7 * DAY) return;
    const days = (last.t - first.t) / DAY;
    const compound = last.count * Math.pow(last.count / first.count, 90 / days);
    this.result.projections.push({
      actual,
      adam: { p10: end.p10, p50: end.p50, p90: end.p90 },
      compound,
      linear: last.count + ((last.count - first.count) / days) * 90,
    });
  }

  /** Fills in forecast actuals and returns the creator's result. */
  finish(): CreatorResult {
    for (const [key, sample] of this.pending) {
      const v = this.truth.get(key.split(":")[0] as string);
      if (!v) continue;
      // Absent or null is unknown, never 0 (recorded data rarely saw a video at exactly 24 h or 7 d):
      // kept with actual null, so the score leaves it out and counts it.
      const actual = (sample.target === 24 ? v.truth.views24h : v.truth.views7d) ?? null;
      const targetMs = v.createdAt + sample.target * HOUR;
      const outside =
        targetMs > this.result.endMs || (v.unavailableFrom !== undefined && v.unavailableFrom <= targetMs);
      if (actual === null || !outside) this.result.forecasts.push({ ...sample, actual });
    }
    this.result.detections = [...this.events.values()];
    return this.result;
  }
}
