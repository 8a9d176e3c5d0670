/**
 * The growth plan after a removal the dashboard can apply itself: each goal and each experiment
 * is judged on its own in the plan, so dropping one changes nothing else and needs no re-read
 * (a rate-limited request). Adding, stopping, labelling or a new time zone changes what the
 * server computes, so those re-read the plan.
 */
import type { GrowthPlanResponse } from "./api";

export const withoutGoal = (data: GrowthPlanResponse, id: string): GrowthPlanResponse => ({
  ...data,
  goals: data.goals.filter((g) => g.id !== id),
  plan: { ...data.plan, goals: data.plan.goals.filter((g) => g.id !== id) },
});

export const withoutExperiment = (data: GrowthPlanResponse, id: string): GrowthPlanResponse => ({
  ...data,
  experiments: data.experiments.filter((e) => e.id !== id),
  plan: { ...data.plan, experiments: data.plan.experiments.filter((e) => e.id !== id) },
});
