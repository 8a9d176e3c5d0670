/**
 * The whole growth plan for one account in one call: labels with their effects, best time to
 * post, goals, missions and experiments. Pure: the API reads the account's videos (with their
 * stored 24 h and 7 d checkpoints), its summary and the creator's settings in one round trip and
 * passes them here.
 */
import type { GrowthPlan } from "../../contract/coach";
import type { AccountSummary } from "../types";
import { bestTime } from "./best-time";
import { evaluateExperiment } from "./experiments";
import { goalStatus } from "./goals";
import { labelStats } from "./label-stats";
import { labelVideos } from "./labels";
import { missions } from "./missions";
import type { BestTime, CoachVideo, ExperimentInput, GoalInput, LabelStat, Missions, VideoLabels } from "./types";

export interface PlanInput {
  nowMs: number;
  timeZone: string;
  videos: readonly CoachVideo[];
  summary: AccountSummary | null;
  goals: readonly GoalInput[];
  experiments: readonly ExperimentInput[];
}

/** As the API serves it: defined in the contract. */
export type { GrowthPlan } from "../../contract/coach";

/** The costly part (labels, best time, missions: tens of ms for hundreds of videos), which changes only with the videos, the zone and the week. */
export interface ContentPlan {
  labelled: VideoLabels[];
  labels: LabelStat[];
  bestTime: BestTime;
  missions: Missions;
}

export function contentPlan(input: Omit<PlanInput, "goals" | "experiments">): ContentPlan {
  const { videos, timeZone, nowMs, summary } = input;
  const labelled = labelVideos(videos, timeZone);
  return {
    labelled,
    labels: labelStats(videos, labelled),
    bestTime: bestTime(videos, timeZone, { nowMs, ...(summary?.diurnal ? { diurnal: summary.diurnal } : {}) }),
    missions: missions(videos, labelled, timeZone, nowMs),
  };
}

/** The plan; `content` may be a ContentPlan computed earlier for the same videos, zone and week. */
export function growthPlan(input: PlanInput, content: ContentPlan = contentPlan(input)): GrowthPlan {
  const { videos, timeZone, nowMs, summary } = input;
  const ctx = {
    nowMs,
    followers: summary?.totals.followers ?? null,
    cumulativeViews: summary?.cumulative.views ?? 0,
    daily: summary?.daily ?? [],
    projection: summary?.followerProjection ?? null,
  };
  return {
    timeZone,
    labels: content.labels,
    bestTime: content.bestTime,
    goals: input.goals.map((g) => goalStatus(g, ctx)),
    missions: content.missions,
    experiments: input.experiments.map((e) => evaluateExperiment(e, videos, content.labelled)),
  };
}
