/**
 * One world's figures, from its creators' replays. Every figure whose truth the world lacks is
 * null (or a fraction of nothing), and what was left out for want of truth is counted.
 */
import type { CreatorResult } from "../collect.ts";
import { scoreViewAlerts } from "./alerts.ts";
import type { ViewAlertScores } from "./alerts.ts";
import { scoreBreakouts } from "./breakouts.ts";
import type { BreakoutScore } from "./breakouts.ts";
import { scoreCpu } from "./cpu.ts";
import type { CpuScore } from "./cpu.ts";
import { scoreFollowers } from "./followers.ts";
import type { FollowerScore } from "./followers.ts";
import { scoreForecasts } from "./forecasts.ts";
import type { ForecastRow } from "./forecasts.ts";
import { scoreProjection } from "./projection.ts";
import type { ProjectionScore } from "./projection.ts";

export type { AlertScore, BandScore, ViewAlertScores } from "./alerts.ts";
export type { BreakoutScore } from "./breakouts.ts";
export type { CpuScore } from "./cpu.ts";
export type { FollowerScore } from "./followers.ts";
export type { ForecastRow } from "./forecasts.ts";
export type { ProjectionScore } from "./projection.ts";

/** A replay runs every 30 minutes. */
const RUNS_PER_DAY = 48;

export interface WorldScore {
  creators: number;
  /** Creator-days replayed (slots with nothing to analyse are not replayed, so not counted). */
  creatorDays: number;
  forecasts: ForecastRow[];
  alerts: ViewAlertScores;
  followers: FollowerScore;
  breakouts: BreakoutScore | null;
  projection: ProjectionScore | null;
  cpu: CpuScore;
}

export function scoreWorld(results: readonly CreatorResult[]): WorldScore {
  const creatorDays = results.reduce((n, r) => n + r.analyzeMs.length, 0) / RUNS_PER_DAY;
  const creatorWeeks = creatorDays / 7;
  return {
    creators: results.length,
    creatorDays,
    forecasts: scoreForecasts(results.flatMap((r) => r.forecasts)),
    alerts: scoreViewAlerts(results, creatorWeeks),
    followers: scoreFollowers(results, creatorWeeks),
    breakouts: scoreBreakouts(results),
    projection: scoreProjection(results),
    cpu: scoreCpu(results),
  };
}
