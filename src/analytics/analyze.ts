/**
 * `analyzeAccount`: the one entry point ingestion calls after each snapshot job.
 *
 * Bounded by design: it reads only what one job already has (the last ~14 days of follower
 * snapshots, the last ~72 h of each video's snapshots) plus what it returned last time (per-video
 * checkpoints, the account summary). Everything older lives in those stored summaries, so a job
 * never loads a video's full history. Pure and deterministic: same input, same output, so a
 * redelivered job writes the same rows.
 */
import { detectAnomalies, growthSegments, typicalGrowth } from "./anomalies";
import { estimateDiurnal, seasonalFactor, updateDiurnal } from "./diurnal";
import {
  dailyRecord,
  engagementChanges,
  followerChanges,
  gained24h,
  gained7d,
  gainsSinceLastRun,
  updateDaily,
} from "./changes";
import { FORECAST_MODEL_VERSION, FORECAST_TARGETS_HOURS, fitForecastModel } from "./forecast";
import { currentCalibration, updateCalibration } from "./forecast-calibration";
import { buildInsights } from "./insights";
import { round } from "./numbers";
import { projectFollowers } from "./projection";
import { hashString } from "./random";
import { cleanFollowerSnapshots, cleanVideoSnapshots } from "./series";
import { fitGrowthShape, typicalShape } from "./shape";
import { HOUR_MS, utcDayStart } from "./time";
import { typicalCurve } from "./typical";
import type {
  AccountSummary,
  AnalyzeInput,
  AnalyzeOutput,
  Checkpoint,
  ForecastCalibration,
  TypicalCurve,
  VideoAnalytics,
} from "./types";
import type { VideoState } from "./video-analytics";
import { analyzeVideo, checkpointsOf, hasNewSnapshot } from "./video-analytics";
import type { Shape } from "./shape";

/** The projection is a Monte Carlo: recomputed every few hours, not every 30 minutes. */
const PROJECTION_REFRESH_MS = 12 * HOUR_MS;
const ENGAGEMENT_VIDEOS = 20;

/** Views per unit of shape of the creator's median video at 24 h (1 when unknown). */
function typicalLevel(curve: TypicalCurve, shape: Shape): number {
  const day = curve.points.find((p) => p.ageHours === 24);
  const s = shape(24);
  return day && s > 0 ? day.p50 / s : 1;
}

/**
 * Stored JSON from an earlier run, or undefined: the jsonb columns default to `{}` and a future
 * version may change shape, so anything not stamped with this version is treated as absent.
 */
function current<T extends { version: number }>(stored: T | Record<string, never> | undefined): T | undefined {
  return stored && (stored as { version?: unknown }).version === 1 ? (stored as T) : undefined;
}

/**
 * The forecast ranges' calibration after this run: each video whose 24 h or 7 d checkpoint just
 * arrived is judged against last run's model (which had not seen it).
 */
function calibrateForecasts(
  stored: AccountSummary | undefined,
  states: readonly VideoState[],
  checkpointed: readonly { checkpoints: readonly Checkpoint[] }[],
): ForecastCalibration {
  const calibration = currentCalibration(stored?.forecastCalibration);
  const previous = stored?.forecastModel;
  if (!previous || previous.version !== FORECAST_MODEL_VERSION) return calibration;
  const matured = states
    .flatMap((v, i) => {
      const before = v.stored?.checkpoints;
      const after = (checkpointed[i] as { checkpoints: readonly Checkpoint[] }).checkpoints;
      if (!before || after.length === before.length) return [];
      return FORECAST_TARGETS_HOURS.filter(
        (t) => !before.some((c) => c.ageHours === t) && after.some((c) => c.ageHours === t),
      ).map((targetAgeHours) => ({ id: v.id, createdAtMs: v.createdAtMs, checkpoints: after, targetAgeHours }));
    })
    .sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return updateCalibration(calibration, previous, matured);
}

export function analyzeAccount(input: AnalyzeInput): AnalyzeOutput {
  const { now } = input;
  const stored = current(input.storedAccount);
  const trackingSinceMs = stored?.trackingSinceMs ?? now;
  const followers = cleanFollowerSnapshots(input.account.followers, now);

  const states: VideoState[] = input.videos.map((v) => ({
    id: v.id,
    createdAtMs: v.createdAt,
    status: v.status,
    snapshots: cleanVideoSnapshots(v.recent, v.createdAt, now),
    ...(current(v.stored) ? { stored: v.stored as VideoAnalytics } : {}),
  }));
  const checkpointed = states.map((v) => ({ id: v.id, createdAtMs: v.createdAtMs, checkpoints: checkpointsOf(v) }));
  // The curve and the fit read only checkpoints: while none was added, last run's still hold.
  const unchanged =
    stored !== undefined &&
    states.every(
      (v, i) =>
        v.stored !== undefined &&
        v.stored.checkpoints.length === (checkpointed[i] as { checkpoints: unknown[] }).checkpoints.length,
    );
  const curve = unchanged ? stored.typicalCurve : typicalCurve(checkpointed);
  const growthShape = unchanged ? stored.growthShape : fitGrowthShape(checkpointed);
  const growth = unchanged && stored.growthSegments ? stored.growthSegments : growthSegments(checkpointed);
  const model =
    unchanged && stored.forecastModel.version === FORECAST_MODEL_VERSION
      ? stored.forecastModel
      : fitForecastModel(checkpointed, growthShape);
  const shape = typicalShape(growthShape);
  const calibration = calibrateForecasts(stored, states, checkpointed);

  const videos: Record<string, VideoAnalytics> = {};
  states.forEach((v, i) => {
    videos[v.id] = analyzeVideo(
      v,
      (checkpointed[i] as { checkpoints: VideoAnalytics["checkpoints"] }).checkpoints,
      checkpointed,
      model,
      now,
      calibration,
    );
  });

  const diurnal = updateDiurnal(
    stored?.diurnal,
    estimateDiurnal(states.filter((v) => v.status === "public" && hasNewSnapshot(v))),
  );
  const { anomalies, openEvents, trackRecord } = detectAnomalies({
    now,
    videos: states.map((v) => ({ ...v, fresh: hasNewSnapshot(v) })),
    followers,
    shape,
    seasonal: (fromMs, toMs) => seasonalFactor(diurnal, fromMs, toMs),
    typicalLevel: typicalLevel(curve, shape),
    typicalGrowth: typicalGrowth(growth),
    openEvents: stored?.openEvents ?? [],
    ...(stored?.trackRecord ? { trackRecord: stored.trackRecord } : {}),
    recentAnomalies: input.recentAnomalies,
  });

  const publicStates = states.filter((v) => v.status === "public");
  const publicAnalytics = publicStates.map((v) => videos[v.id] as VideoAnalytics);
  const sum = (pick: (l: NonNullable<VideoAnalytics["latest"]>) => number, list = publicAnalytics) =>
    list.reduce((s, a) => s + (a.latest ? pick(a.latest) : 0), 0);
  const followersNow = followers[followers.length - 1]?.count ?? null;
  const gains = gainsSinceLastRun(publicStates, trackingSinceMs);
  const cumulative = {
    views: (stored?.cumulative.views ?? 0) + gains.views,
    likes: (stored?.cumulative.likes ?? 0) + gains.likes,
  };
  const recentPublic = [...publicAnalytics].sort((a, b) => b.createdAtMs - a.createdAtMs).slice(0, ENGAGEMENT_VIDEOS);
  const recentViews = sum((l) => l.views, recentPublic);
  const engagementRate =
    recentViews > 0 ? round(sum((l) => l.likes + l.comments + l.shares, recentPublic) / recentViews, 4) : null;
  const daily = updateDaily(stored?.daily ?? [], dailyRecord(now, followersNow, cumulative, engagementRate));

  const previousProjection = stored?.followerProjection ?? null;
  const followerProjection =
    previousProjection && now - previousProjection.computedAtMs < PROJECTION_REFRESH_MS
      ? previousProjection
      : projectFollowers({ now, followers, daily, seed: hashString(`${input.account.id}:${utcDayStart(now)}`) });

  const account: AccountSummary = {
    version: 1,
    computedAtMs: now,
    trackingSinceMs,
    totals: {
      followers: followersNow,
      views: sum((l) => l.views),
      likes: sum((l) => l.likes),
      comments: sum((l) => l.comments),
      shares: sum((l) => l.shares),
      publicVideos: publicStates.length,
    },
    engagementRate,
    changes: {
      followers: followerChanges(followers, now),
      views: {
        h24: gained24h(publicStates, now, trackingSinceMs, "views"),
        d7: gained7d(daily, now, trackingSinceMs, "cumulativeViews"),
      },
      likes: {
        h24: gained24h(publicStates, now, trackingSinceMs, "likes"),
        d7: gained7d(daily, now, trackingSinceMs, "cumulativeLikes"),
      },
      engagementRate: engagementChanges(engagementRate, publicStates, daily, now, trackingSinceMs, ENGAGEMENT_VIDEOS),
    },
    typicalCurve: curve,
    growthShape,
    growthSegments: growth,
    diurnal,
    forecastModel: model,
    forecastCalibration: calibration,
    followerProjection,
    cumulative,
    daily,
    openEvents,
    trackRecord,
  };

  const insights = buildInsights({
    now,
    videos: Object.values(videos),
    previousStatus: new Map(states.flatMap((v) => (v.stored ? [[v.id, v.stored.status] as const] : []))),
    anomalies,
    summary: account,
  });
  return { videos, account, anomalies, insights };
}
