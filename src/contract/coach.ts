import { z } from "@hono/zod-openapi";
import { GOAL_KINDS } from "../db/schema/coach";
import { AccountId, VideoId } from "./ids";

/**
 * The growth plan (GET /api/v1/coach/{accountId}): the coach's JSON as `src/analytics/coach`
 * computes it (its types come from here), and the account's goals, experiments and videos.
 * Effects are views ratios on the log scale: 1.35 = +35%.
 */

export const Effect = z.object({
  ratio: z.number().openapi({ description: "Views ratio against the comparison (1.35 = +35%)" }),
  low: z.number(),
  high: z.number(),
});
export type Effect = z.infer<typeof Effect>;

export const LABEL_KINDS = ["hashtag", "length", "window", "weekday", "series", "manual"] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export const LabelEffect = Effect.extend({
  n: z.number().openapi({ description: "Videos with the label and a value at this age" }),
  others: z.number().openapi({ description: "The other videos compared with" }),
}).openapi("LabelEffect");
export type LabelEffect = z.infer<typeof LabelEffect>;

export const LabelStat = z
  .object({
    key: z.string().openapi({ example: "hashtag:booktok" }),
    kind: z.enum(LABEL_KINDS),
    name: z.string().openapi({ example: "#booktok" }),
    videos: z.number().openapi({ description: "Videos with this label (also those too young to compare)" }),
    h24: LabelEffect.nullable(),
    d7: LabelEffect.nullable(),
    note: z.string().nullable().openapi({ description: "Why a comparison is missing" }),
  })
  .openapi("LabelStat");
export type LabelStat = z.infer<typeof LabelStat>;

export const BestTimeWindow = Effect.extend({
  key: z.string(),
  name: z.string(),
  n: z.number(),
  rawRatio: z.number().openapi({ description: "The raw (unshrunk) estimate" }),
  reliable: z.boolean().openapi({
    description: "The interval excludes no difference after correcting for the number of windows tried",
  }),
}).openapi("BestTimeWindow");
export type BestTimeWindow = z.infer<typeof BestTimeWindow>;

export const BestTime = z
  .object({
    answer: z.string(),
    best: BestTimeWindow.nullable(),
    windows: z.array(BestTimeWindow),
    videos: z.number().openapi({ description: "Videos with a 24 h value behind the comparison" }),
    audienceByHour: z
      .array(z.number())
      .nullable()
      .openapi({ description: "Relative views per local hour 0–23 (1 = the day's average)" }),
    timeZone: z.string(),
  })
  .openapi("BestTime");
export type BestTime = z.infer<typeof BestTime>;

export const GoalStatus = z
  .object({
    id: z.string(),
    kind: z.enum(GOAL_KINDS),
    target: z.number(),
    deadlineMs: z.number(),
    current: z.number(),
    progress: z.number().openapi({ description: "0–1 of the way from the baseline to the target" }),
    achieved: z.boolean(),
    probability: z.number().nullable().openapi({ description: "Chance of reaching the target by the deadline" }),
    likelyDateMs: z.number().nullable(),
    note: z.string().nullable(),
  })
  .openapi("GoalStatus");
export type GoalStatus = z.infer<typeof GoalStatus>;

export const MISSION_KINDS = ["best-window", "spread-times", "follow-up", "cadence", "label"] as const;
export type MissionKind = (typeof MISSION_KINDS)[number];

export const Mission = z
  .object({
    key: z.string(),
    kind: z.enum(MISSION_KINDS),
    title: z.string(),
    reason: z.string().openapi({ description: "Why Adam suggests it" }),
    target: z.number(),
    done: z.number(),
    completed: z.boolean(),
    videoIds: z.array(z.string()).openapi({ description: "Videos that count towards it" }),
  })
  .openapi("Mission");
export type Mission = z.infer<typeof Mission>;

export const MissionWeek = z
  .object({
    weekStartMs: z.number().openapi({ description: "Local Monday 00:00 of the week" }),
    missions: z.array(Mission),
    completed: z.boolean(),
  })
  .openapi("MissionWeek");
export type MissionWeek = z.infer<typeof MissionWeek>;

export const Missions = z
  .object({
    current: MissionWeek,
    streak: z.number().openapi({ description: "Consecutive weeks with every mission completed" }),
    history: z.array(MissionWeek),
  })
  .openapi("Missions");
export type Missions = z.infer<typeof Missions>;

export const ArmSummary = z.object({
  videos: z.array(z.object({ id: z.string(), createdAtMs: z.number(), residual: z.number().nullable() })),
  measured: z.number(),
});
export type ArmSummary = z.infer<typeof ArmSummary>;

export const ExperimentResult = z
  .object({
    id: z.string(),
    name: z.string(),
    arms: z.object({ a: ArmSummary, b: ArmSummary }),
    effect: Effect.nullable().openapi({ description: "A versus B at 24 h, always-valid 90% interval" }),
    verdict: z.enum(["a-better", "b-better", "no-difference-yet", "collecting"]),
    summary: z.string(),
  })
  .openapi("ExperimentResult");
export type ExperimentResult = z.infer<typeof ExperimentResult>;

export const GrowthPlan = z
  .object({
    timeZone: z.string(),
    labels: z.array(LabelStat),
    bestTime: BestTime,
    goals: z.array(GoalStatus),
    missions: Missions,
    experiments: z.array(ExperimentResult),
  })
  .openapi("GrowthPlanAnalytics", {
    description:
      "labels (with 24 h / 7 d effects and intervals), bestTime, goals (progress, probability, likely date), " +
      "missions (this week, streak, history) and experiments (arms, always-valid interval, verdict)",
  });
export type GrowthPlan = z.infer<typeof GrowthPlan>;

export const Goal = z
  .object({
    id: z.string(),
    kind: z.enum(GOAL_KINDS),
    target: z.number(),
    baseline: z.number().openapi({ description: "Followers when the goal was set" }),
    start: z.string(),
    deadline: z.string(),
  })
  .openapi("Goal");
export type Goal = z.infer<typeof Goal>;

export const ArmInput = z.object({ label: z.string(), negate: z.boolean() });
export type ArmInput = z.infer<typeof ArmInput>;

export const Experiment = z
  .object({
    id: z.string(),
    name: z.string(),
    arm_a: ArmInput,
    arm_b: ArmInput,
    started_at: z.string(),
    ended_at: z.string().nullable(),
  })
  .openapi("Experiment");
export type Experiment = z.infer<typeof Experiment>;

export const PlanVideo = z.object({
  id: VideoId,
  title: z.string().nullable(),
  created_at: z.string(),
  labels: z.array(z.string()).openapi({ description: "Every label, automatic and manual (keys)" }),
  manual_labels: z.array(z.string()),
});
export type PlanVideo = z.infer<typeof PlanVideo>;

export const GrowthPlanResponse = z
  .object({
    account_id: AccountId,
    time_zone: z.string(),
    time_zone_source: z.enum(["saved", "browser", "default"]),
    plan: GrowthPlan,
    goals: z.array(Goal),
    experiments: z.array(Experiment),
    videos: z.array(PlanVideo).openapi({ description: "The 60 newest public videos, for labelling" }),
  })
  .openapi("GrowthPlan");
export type GrowthPlanResponse = z.infer<typeof GrowthPlanResponse>;

export const TimeZoneSaved = z.object({ time_zone: z.string() });
export type TimeZoneSaved = z.infer<typeof TimeZoneSaved>;

export const ExperimentStarted = z.object({ id: z.string(), started_at: z.string() });
export type ExperimentStarted = z.infer<typeof ExperimentStarted>;

export const ExperimentStopped = z.object({ stopped: z.literal(true) });
export type ExperimentStopped = z.infer<typeof ExperimentStopped>;

export const LabelAdded = z.object({ label: z.string() });
export type LabelAdded = z.infer<typeof LabelAdded>;
