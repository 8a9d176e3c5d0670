/**
 * Shapes of the growth coach: content labels, best time to post, goals, weekly missions and
 * experiments. Like the rest of src/analytics, everything returned is plain JSON (finite numbers,
 * no Dates) so the API serves it as is.
 *
 * Every comparison is made on one scale: a video's **residual**, ln((views + 1) / (trend + 1)) at
 * a fixed age (24 h or 7 d), where the trend is the median of the creator's neighbouring videos at
 * that age. A residual of +0.3 is "35% more views than this creator's videos around that time".
 */

import type { GoalStatus } from "../../contract/coach";

/** What the coach serves, defined once in the contract (types only, no zod at run time). */
export type {
  ArmSummary,
  BestTime,
  BestTimeWindow,
  Effect,
  ExperimentResult,
  GoalStatus,
  LabelEffect,
  LabelKind,
  LabelStat,
  Mission,
  MissionKind,
  Missions,
  MissionWeek,
} from "../../contract/coach";

export type GoalKind = GoalStatus["kind"];

/** What the coach needs about one video (ingestion has all of it: metadata and stored checkpoints). */
export interface CoachVideo {
  id: string;
  createdAtMs: number;
  title: string | null;
  description: string | null;
  durationSeconds: number | null;
  /** Views at exactly 24 h and 7 d of age (stored checkpoints); null until the video reaches the age. */
  views24h: number | null;
  views7d: number | null;
  /** Labels the creator added by hand (names, without the `manual:` prefix). */
  manualLabels?: readonly string[];
}

/** A label's key is `<kind>:<value>`, e.g. `hashtag:booktok`, `length:under-30`, `window:18-21`. */
export interface VideoLabels {
  videoId: string;
  labels: string[];
}

export interface GoalInput {
  id: string;
  kind: GoalKind;
  target: number;
  /** When the goal was set (views goals count views from here) and its date. */
  startMs: number;
  deadlineMs: number;
  /** Followers when the goal was set (followers goals measure progress from here). */
  baseline: number;
}

/** One arm: videos carrying `label` (or, with `negate`, not carrying it). */
export interface ArmCondition {
  label: string;
  negate?: boolean;
}

export interface ExperimentInput {
  id: string;
  name: string;
  armA: ArmCondition;
  armB: ArmCondition;
  startMs: number;
  /** Stopped experiments keep their videos up to this time. */
  endMs?: number | null;
}
