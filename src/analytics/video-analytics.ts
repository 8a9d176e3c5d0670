/**
 * One video's stored analytics, rebuilt when a new snapshot arrives: latest counters, current
 * velocity, checkpoints and the curve between them, age-matched percentiles, forecasts, dips.
 */
import { updateCheckpoints, viewsAtCheckpoint } from "./checkpoints";
import { FORECAST_TARGETS_HOURS, forecastVideo, observedForecast, viewsAtAge } from "./forecast";
import { rangeScale } from "./forecast-calibration";
import { round } from "./numbers";
import { interpolate } from "./series";
import { HOUR_MS, hoursBetween } from "./time";
import type { CheckpointedVideo } from "./typical";
import { agePercentiles } from "./typical";
import type {
  Checkpoint,
  CounterDip,
  ForecastCalibration,
  ForecastModel,
  VideoAnalytics,
  VideoSnapshot,
  ViewForecast,
} from "./types";
import { currentVelocity, findDips, velocityCurve } from "./velocity";

const KEEP_DIPS = 5;

export interface VideoState {
  id: string;
  createdAtMs: number;
  status: "public" | "unavailable";
  /** Clean snapshots (sorted, deduplicated, none before posting or after now). */
  snapshots: readonly VideoSnapshot[];
  stored?: VideoAnalytics;
}

/** Whether a snapshot arrived since the stored analytics were computed. */
export function hasNewSnapshot(v: VideoState): boolean {
  const last = v.snapshots[v.snapshots.length - 1];
  return last !== undefined && (!v.stored || last.t > v.stored.lastSnapshotMs);
}

/** Checkpoints after this run: stored ones kept, new ones filled in from fresh snapshots. */
export function checkpointsOf(v: VideoState): Checkpoint[] {
  return hasNewSnapshot(v)
    ? updateCheckpoints(v.snapshots, v.createdAtMs, v.stored?.checkpoints)
    : (v.stored?.checkpoints ?? []);
}

function mergeDips(stored: readonly CounterDip[], found: readonly CounterDip[]): CounterDip[] {
  const byKey = new Map<string, CounterDip>();
  for (const d of [...stored, ...found]) byKey.set(`${d.t}:${d.metric}`, d);
  return [...byKey.values()].sort((a, b) => a.t - b.t).slice(-KEEP_DIPS);
}

/**
 * The video's analytics for this run. Unchanged videos (no new snapshot, same status) return the
 * stored object itself, so ingestion can skip writing them (`computedAtMs !== now`).
 */
export function analyzeVideo(
  v: VideoState,
  checkpoints: readonly Checkpoint[],
  all: readonly CheckpointedVideo[],
  model: ForecastModel,
  now: number,
  calibration?: ForecastCalibration,
): VideoAnalytics {
  const fresh = hasNewSnapshot(v);
  if (v.stored && !fresh && v.stored.status === v.status) return v.stored;
  if (v.stored && !fresh) return { ...v.stored, status: v.status, computedAtMs: now };

  const last = v.snapshots[v.snapshots.length - 1] as VideoSnapshot | undefined;
  const latest = last
    ? {
        ageHours: round(hoursBetween(v.createdAtMs, last.t), 2),
        views: last.views,
        likes: last.likes,
        comments: last.comments,
        shares: last.shares,
        engagementRate: last.views > 0 ? round((last.likes + last.comments + last.shares) / last.views, 4) : 0,
      }
    : null;
  // The video's views at an earlier age (its recent pace): from the snapshots, else the checkpoints.
  let series: { t: number; views: number }[] | undefined;
  const earlier = (ageHours: number) =>
    interpolate(
      (series ??= [{ t: v.createdAtMs, views: 0 }, ...v.snapshots]),
      v.createdAtMs + ageHours * HOUR_MS,
      (s) => s.views,
    ) ?? viewsAtAge(checkpoints, ageHours);
  const forecast = (targetAgeHours: number): ViewForecast | null => {
    const observed = viewsAtCheckpoint(checkpoints, targetAgeHours);
    if (observed !== undefined) return observedForecast(targetAgeHours, observed);
    // Past the target without a checkpoint there (first seen too late): nothing honest to say.
    if (!latest || !last || latest.ageHours >= targetAgeHours) return null;
    const scale = calibration ? rangeScale(calibration, targetAgeHours, latest.ageHours) : undefined;
    return forecastVideo(model, targetAgeHours, latest.ageHours, latest.views, earlier, scale);
  };
  const [h24, d7] = FORECAST_TARGETS_HOURS.map(forecast);
  return {
    version: 1,
    videoId: v.id,
    createdAtMs: v.createdAtMs,
    status: v.status,
    computedAtMs: now,
    lastSnapshotMs: last?.t ?? 0,
    latest,
    checkpoints: [...checkpoints],
    velocityCurve: velocityCurve(checkpoints),
    velocity: currentVelocity(v.snapshots),
    // Percentiles change only when the video reaches a new checkpoint age.
    percentiles:
      v.stored && v.stored.checkpoints.length === checkpoints.length
        ? v.stored.percentiles
        : agePercentiles({ id: v.id, createdAtMs: v.createdAtMs, checkpoints }, all),
    forecast: { views24h: h24 ?? null, views7d: d7 ?? null },
    dips: mergeDips(v.stored?.dips ?? [], findDips(v.snapshots)),
  };
}
